package io.haprovision.resource;

import io.haprovision.error.InternalException;
import java.util.List;
import java.util.Objects;

/**
 * The desired state of one pair: its name and its two nodes by role.
 *
 * @param name the pair's name from the inventory
 * @param primary the node with role {@code primary}
 * @param secondary the node with role {@code secondary}
 * @param wires what each VRRP instance is to put on the wire, by instance name, then node name
 *     (empty when the platform runs no keepalived instance)
 * @param syncGroup the instances of the pair's VRRP sync group (empty when it has none): they
 *     change state together, so a new member moves all their VIPs
 */
public record DesiredPair(String name, DesiredNode primary, DesiredNode secondary,
    java.util.Map<String, java.util.Map<String, io.haprovision.facts.VrrpWire>> wires, List<String> syncGroup) {
  /** A node's role in its pair, as the inventory says. */
  public enum Role {
    /** Preferred master. */
    PRIMARY,
    /** Preferred backup; goes first on a first install. */
    SECONDARY
  }

  /** A pair whose wire the platform does not describe. */
  public DesiredPair(String name, DesiredNode primary, DesiredNode secondary) {
    this(name, primary, secondary, java.util.Map.of(), List.of());
  }

  /** Checks that both nodes belong to this pair and have different names. */
  public DesiredPair {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(secondary, "secondary");
    if (!primary.pair().equals(name) || !secondary.pair().equals(name)) {
      throw new InternalException("desired nodes " + primary.node() + " and " + secondary.node()
          + " must both belong to pair " + name);
    }
    if (primary.node().equals(secondary.node())) {
      throw new InternalException("pair " + name + " has two nodes named " + primary.node());
    }
    wires = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(wires));
    syncGroup = List.copyOf(syncGroup);
  }

  /** Both nodes, primary first. */
  public List<DesiredNode> nodes() {
    return List.of(primary, secondary);
  }

  /** The role of {@code node} in this pair. */
  public Role roleOf(DesiredNode node) {
    return node == primary || node.node().equals(primary.node()) ? Role.PRIMARY : Role.SECONDARY;
  }
}
