package io.haprovision.inventory;

import java.util.List;

/**
 * Unicast adverts, resolved for both nodes: {@code source} is the node's
 * {@code unicast_src_ip}, {@code peers} its {@code unicast_peer} list. With
 * {@code unicast: true} both come from the nodes' {@code interfaces} addresses.
 */
public record Unicast(PerNode<String> source, PerNode<List<String>> peers) implements VrrpTransport {
  /** Copies the lists. */
  public Unicast {
    peers = peers.map(List::copyOf);
  }
}
