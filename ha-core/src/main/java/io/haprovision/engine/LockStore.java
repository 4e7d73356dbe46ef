package io.haprovision.engine;

import io.haprovision.spi.NodeContext;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.ShellQuote;

/**
 * Where a node keeps the pair lock: a file in the platform's runtime directory on POSIX
 * nodes, a record of the platform's own (through its {@link NodeProtocol}) on the others.
 * {@link PairLock} decides who holds it; a store only creates, reads and removes it.
 */
interface LockStore {
  /** Creates the lock with {@code content} unless one exists; returns what the node holds afterwards. */
  String take(String content);

  /** The lock's content; empty when there is none. */
  String read();

  /** Removes the lock, whoever holds it. */
  void remove();

  /** Removes the lock if its token is {@code token} (never another run's). */
  default void removeIfHeldBy(String token) {
    if (token.equals(PairLock.fields(read()).get("token"))) {
      remove();
    }
  }

  /**
   * The store of {@code node} of {@code pair}: the platform's own records for a protocol
   * platform that keeps them, a lock file on POSIX nodes; empty for a protocol platform that
   * keeps no lock.
   */
  static java.util.Optional<LockStore> of(PairContext pair, String node) {
    return of(pair, node, pair.connection(node));
  }

  /** {@link #of(PairContext, String)} through {@code connection} instead of the session's. */
  static java.util.Optional<LockStore> of(PairContext pair, String node, Connection connection) {
    if (pair.protocol.isEmpty()) {
      return java.util.Optional.of(new FileStore(connection, pair.lockPath()));
    }
    return pair.protocol.get().pairLock().map(records -> {
      NodeContext context = new NodeContext(pair.name(), node, connection);
      return new LockStore() {
        @Override
        public String take(String content) {
          return records.take(context, pair.name(), content);
        }

        @Override
        public String read() {
          return records.read(context, pair.name());
        }

        @Override
        public void remove() {
          records.remove(context, pair.name());
        }
      };
    });
  }

  /** A lock file created atomically with the shell's noclobber ({@code set -C}). */
  record FileStore(Connection connection, String path) implements LockStore {
    @Override
    public String take(String content) {
      String p = ShellQuote.quote(path);
      String dir = ShellQuote.quote(path.substring(0, path.lastIndexOf('/')));
      ExecResult r = connection.exec("mkdir -p " + dir + " || exit 3\n"
          + "( set -C; printf '%s' " + ShellQuote.quote(content) + " > " + p + " ) 2>/dev/null\n"
          + "cat " + p + "\n");
      if (!r.ok()) {
        throw new io.haprovision.error.TargetException(io.haprovision.error.TargetException.Kind.FAILED,
            connection.target(), "could not take the pair lock " + path + ": exit " + r.exitCode() + " "
                + r.stderr().strip());
      }
      return r.stdout();
    }

    @Override
    public String read() {
      return connection.exec("cat " + ShellQuote.quote(path) + " 2>/dev/null; exit 0").stdout();
    }

    @Override
    public void remove() {
      connection.exec("rm -f " + ShellQuote.quote(path));
    }

    /** One command: the check and the removal. */
    @Override
    public void removeIfHeldBy(String token) {
      String p = ShellQuote.quote(path);
      connection.exec("grep -qx " + ShellQuote.quote("token=" + token) + " " + p + " 2>/dev/null && rm -f " + p
          + "; exit 0");
    }
  }
}
