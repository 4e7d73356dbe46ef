package io.haprovision.spi;

import io.haprovision.error.InternalException;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import java.util.Map;
import java.util.Objects;

/**
 * A pair and the open session of each of its nodes, as a {@link NodeProtocol}'s health gate
 * and a {@link PlatformAction} see it.
 *
 * @param pair the pair as the inventory describes it
 * @param nodes each node's context by node name
 */
public record PairNodes(PairSpec pair, Map<String, NodeContext> nodes) {
  /** Copies the map; rejects nulls. */
  public PairNodes {
    Objects.requireNonNull(pair, "pair");
    nodes = Map.copyOf(nodes);
  }

  /** The context of node {@code name}. */
  public NodeContext node(String name) {
    NodeContext c = nodes.get(name);
    if (c == null) {
      throw new InternalException("pair " + pair.name() + " has no node " + name);
    }
    return c;
  }

  /** The other node of the pair. */
  public String peerOf(String name) {
    for (NodeSpec n : pair.nodes()) {
      if (!n.name().equals(name)) {
        return n.name();
      }
    }
    throw new InternalException("pair " + pair.name() + " has no peer of " + name);
  }
}
