package io.haprovision.engine;

import java.util.Objects;

/**
 * A node of a run: node names are unique only within their pair.
 *
 * @param pair the pair's name
 * @param node the node's name
 */
public record NodeKey(String pair, String node) implements Comparable<NodeKey> {
  /** Rejects nulls. */
  public NodeKey {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(node, "node");
  }

  /** {@code pair/node}. */
  @Override
  public String toString() {
    return pair + "/" + node;
  }

  @Override
  public int compareTo(NodeKey other) {
    int c = pair.compareTo(other.pair);
    return c != 0 ? c : node.compareTo(other.node);
  }
}
