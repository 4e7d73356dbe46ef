package io.haprovision.cli;

import picocli.CommandLine;

/** Entry point of {@code provision.jar}. */
public final class Main {
  private Main() {
  }

  /** Runs the command line and exits with its code (see {@link ExitCodes}). */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; for tests and embedding. */
  public static int run(String... args) {
    return ProvisionCommand.commandLine().execute(args);
  }
}
