package io.haprovision.transport;

import java.time.Duration;

/**
 * An open session to one node, reused for every command of a run. Safe to use from several
 * threads (each command gets its own channel).
 */
public interface Connection extends AutoCloseable {
  /**
   * Runs {@code command} on the node through the login shell, feeds it {@code stdin} and
   * waits for it to end.
   *
   * @param command a shell command line; quote variable parts with {@link ShellQuote}
   * @param stdin bytes for the command's standard input, sent as is, then end of file; may be
   *     empty
   * @param timeout how long the command may take
   * @return exit code, stdout and stderr; a non-zero exit is a result, not an exception
   * @throws io.haprovision.error.TargetException ({@code FAILED}) when the command does not end
   *     within {@code timeout} (the message names the command's first word, never its stdin),
   *     or the session broke
   */
  ExecResult exec(String command, byte[] stdin, Duration timeout);

  /** {@link #exec(String, byte[], Duration)} with this connection's {@link #commandTimeout()}. */
  default ExecResult exec(String command, byte[] stdin) {
    return exec(command, stdin, commandTimeout());
  }

  /** {@link #exec(String, byte[], Duration)} without stdin and with {@link #commandTimeout()}. */
  default ExecResult exec(String command) {
    return exec(command, new byte[0], commandTimeout());
  }

  /** {@code user@host:port} of the node. */
  String target();

  /** The default limit for one command. */
  Duration commandTimeout();

  /** How many commands were started on this connection so far. */
  long execCount();

  /** Ends the session. Idempotent; never throws. */
  @Override
  void close();
}
