package io.haprovision.spi;

import io.haprovision.error.TargetException;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.RemoteFiles;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The node a {@link ResourceDriver} changes: its names and its open connection, with helpers
 * that turn a failed command into a {@link TargetException} naming the node.
 *
 * @param pair the pair's name
 * @param node the node's name in its pair
 * @param connection the node's session for this run
 */
public record NodeContext(String pair, String node, Connection connection) {
  /** Rejects nulls. */
  public NodeContext {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(connection, "connection");
  }

  /** {@code user@host:port} of the node. */
  public String target() {
    return connection.target();
  }

  /** Atomic file installs and removals on the node, through exec channels. */
  public RemoteFiles files() {
    return new RemoteFiles(connection);
  }

  /**
   * Runs {@code command} and requires exit 0.
   *
   * @param what what the command does, for the message: {@code installing package keepalived}
   * @throws TargetException ({@code FAILED}) naming the node, {@code what}, the exit code and
   *     the command's stderr (or stdout when stderr is empty)
   */
  public ExecResult run(String command, String what) {
    return check(connection.exec(command), what);
  }

  /** {@link #run(String, String)} with {@code stdin} (UTF-8) fed to the command. */
  public ExecResult run(String command, String stdin, String what) {
    return check(connection.exec(command, stdin.getBytes(StandardCharsets.UTF_8)), what);
  }

  private ExecResult check(ExecResult r, String what) {
    if (r.ok()) {
      return r;
    }
    String out = r.stderr().isBlank() ? r.stdout() : r.stderr();
    out = out.strip();
    if (out.length() > 2000) {
      out = out.substring(0, 2000) + " [... truncated]";
    }
    throw new TargetException(TargetException.Kind.FAILED, target(), what + " failed on node " + node
        + " (exit " + r.exitCode() + ")" + (out.isEmpty() ? "" : ": " + out));
  }
}
