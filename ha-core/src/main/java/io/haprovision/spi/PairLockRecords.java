package io.haprovision.spi;

/**
 * The pair lock on nodes without a POSIX shell, kept as a record of the platform's own (a
 * RouterOS script, say). The core decides whose lock it is from the lines it wrote (a token
 * among them); the platform only creates, reads and removes the record, atomically where it
 * creates it.
 */
public interface PairLockRecords {
  /**
   * Creates the record named for {@code pair} holding {@code holder} (key=value lines) unless one
   * exists, in one atomic step of the node's own. Returns the record's lines on the node
   * afterwards: this run's own when it was taken, the holder's when not.
   */
  String take(NodeContext node, String pair, String holder);

  /** The record's lines on {@code node}; empty when there is none. */
  String read(NodeContext node, String pair);

  /** Removes the record on {@code node}, whoever holds it (the core checked the token). */
  void remove(NodeContext node, String pair);
}
