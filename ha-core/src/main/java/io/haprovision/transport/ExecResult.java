package io.haprovision.transport;

/**
 * What a remote command did.
 *
 * @param exitCode the command's exit status; -1 when it ended without one (killed by a signal)
 * @param stdout its standard output, decoded as UTF-8
 * @param stderr its standard error, decoded as UTF-8
 */
public record ExecResult(int exitCode, String stdout, String stderr) {

  /** True when the command exited 0. */
  public boolean ok() {
    return exitCode == 0;
  }
}
