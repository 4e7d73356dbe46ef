package io.haprovision.engine;

import io.haprovision.secret.Redactor;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection that logs every command it sends, with its stdin (the probe or change script),
 * secrets masked, and how it ended; never what the router printed (outputs can hold secrets
 * nobody declared, such as another service's password in a config file). The log is
 * {@value #LOGGER} at DEBUG: {@code provision -vv} or {@code --log-file}.
 */
final class LoggedConnection implements Connection {
  /** The logger every command sent to a router goes to. */
  static final String LOGGER = "io.haprovision.commands";
  private static final Logger COMMANDS = LoggerFactory.getLogger(LOGGER);

  private final Connection connection;
  private final Redactor redactor;
  private final Consumer<String> log;

  LoggedConnection(Connection connection, Redactor redactor, Consumer<String> log) {
    this.connection = connection;
    this.redactor = redactor;
    this.log = log;
  }

  /**
   * {@code connection}, logged when the commands log is on; as it is otherwise.
   *
   * @param redactor the session's redactor with {@link Redactor#withEscapedForms() escaped forms}
   */
  static Connection wrap(Connection connection, Redactor redactor) {
    return COMMANDS.isDebugEnabled() ? new LoggedConnection(connection, redactor, COMMANDS::debug) : connection;
  }

  /** The most of one command's stdin the log keeps: scripts, not the files of a package upload. */
  static final int MAX_LOGGED_STDIN = 64 * 1024;

  @Override
  public ExecResult exec(String command, byte[] stdin, Duration timeout) {
    String input = new String(stdin, 0, Math.min(stdin.length, MAX_LOGGED_STDIN), StandardCharsets.UTF_8)
        + (stdin.length > MAX_LOGGED_STDIN ? "\n... (" + (stdin.length - MAX_LOGGED_STDIN) + " more bytes)" : "");
    log.accept(connection.target() + " $ " + redactor.redact(command)
        + (input.isEmpty() ? "" : "  <<stdin (" + stdin.length + " bytes)\n" + redactor.redact(input)
            + (input.endsWith("\n") ? "" : "\n") + "stdin>>"));
    long start = System.nanoTime();
    try {
      ExecResult r = connection.exec(command, stdin, timeout);
      log.accept(connection.target() + " exit " + r.exitCode() + " in " + (System.nanoTime() - start) / 1_000_000
          + " ms (" + r.stdout().length() + " characters out, " + r.stderr().length() + " on stderr)");
      return r;
    } catch (RuntimeException e) {
      log.accept(connection.target() + " failed after " + (System.nanoTime() - start) / 1_000_000 + " ms: "
          + redactor.redact(String.valueOf(e.getMessage())));
      throw e;
    }
  }

  @Override
  public String target() {
    return connection.target();
  }

  @Override
  public Duration commandTimeout() {
    return connection.commandTimeout();
  }

  @Override
  public long execCount() {
    return connection.execCount();
  }

  @Override
  public void close() {
    connection.close();
  }
}
