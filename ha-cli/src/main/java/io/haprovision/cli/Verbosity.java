package io.haprovision.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How much the CLI says and where its log goes: {@code -v} (what is done), {@code -vv} (also
 * every command sent to a router, secrets masked), {@code --quiet} (errors only, no progress),
 * {@code --log-file FILE} (the whole log, {@code -vv} detail and times, to FILE instead of
 * stderr). Taken from the parsed command line before the command runs, because the logging
 * backend (slf4j-simple) takes its settings once, from system properties, when the first logger
 * is made; a setting given with {@code -D} on the java command line wins.
 *
 * @param level 0 quiet, 1 normal, 2 verbose, 3 debug
 * @param logFile where the log goes, or null for stderr
 */
record Verbosity(int level, Path logFile) {
  static final int QUIET = 0;
  static final int NORMAL = 1;

  private static volatile Verbosity current = new Verbosity(NORMAL, null);

  /** The verbosity of this run ({@link Main#run} sets it). */
  static Verbosity current() {
    return current;
  }

  /** True when progress and notes are to be left out (--quiet). */
  boolean quiet() {
    return level == QUIET;
  }

  /**
   * The options as picocli parsed them: {@code -v}, {@code --quiet} and {@code --log-file} are
   * inherited by every subcommand, so they are looked for at every level of the command line.
   */
  static Verbosity of(picocli.CommandLine.ParseResult parsed) {
    int verbose = 0;
    boolean quiet = false;
    Path logFile = null;
    for (picocli.CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
      verbose += r.matchedOptionValue("--verbose", new boolean[0]).length;
      quiet |= r.matchedOptionValue("--quiet", false);
      logFile = r.matchedOptionValue("--log-file", logFile);
    }
    return new Verbosity(quiet ? QUIET : Math.min(3, NORMAL + verbose), logFile);
  }

  /**
   * Makes this the run's verbosity and configures the logging backend for it. The log file, if
   * any, is created owner-only first: commands are logged with secrets masked, but they still
   * describe the routers' configuration.
   */
  void install() throws IOException {
    current = this;
    String level = switch (this.level) {
      case 0 -> "error";
      case 1 -> "warn";
      case 2 -> "info";
      default -> "debug";
    };
    if (logFile != null) {
      if (!Files.exists(logFile)) {
        Path parent = logFile.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.createFile(logFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.setPosixFilePermissions(logFile, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
      }
      level = "debug";
      setDefault("org.slf4j.simpleLogger.logFile", logFile.toAbsolutePath().toString());
      setDefault("org.slf4j.simpleLogger.showDateTime", "true");
      setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    // the SSH server library of `lab fleet` and the simulators says much at INFO
    setDefault("org.slf4j.simpleLogger.log.org.apache.sshd", this.level >= 3 ? "info" : "warn");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
