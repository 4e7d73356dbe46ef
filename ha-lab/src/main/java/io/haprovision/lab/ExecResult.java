package io.haprovision.lab;

/**
 * What a command run inside the lab returned.
 *
 * @param exitCode the command's exit status (124 when it was killed on timeout)
 * @param stdout   everything it wrote to standard output, as UTF-8
 * @param stderr   everything it wrote to standard error, as UTF-8
 */
public record ExecResult(int exitCode, String stdout, String stderr) {

  /** Exit code reported when a command did not finish in time and was killed. */
  public static final int TIMED_OUT = 124;

  /** True when the command exited 0. */
  public boolean ok() {
    return exitCode == 0;
  }

  /** The exit code and both outputs, for assertion and error messages. */
  public String describe() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
