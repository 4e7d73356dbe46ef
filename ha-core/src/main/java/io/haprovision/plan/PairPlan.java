package io.haprovision.plan;

import io.haprovision.error.InternalException;
import java.util.List;
import java.util.Objects;

/**
 * The plan of one pair: its nodes in rollout order (the BACKUP first, the MASTER last) and
 * why that order.
 *
 * @param pair the pair's name
 * @param rolloutOrder node names, first to change first
 * @param rolloutReason why this order, e.g. {@code gw-b first: it is BACKUP now; gw-a last: it is MASTER now}
 * @param warnings what the operator should know before applying (e.g. both nodes MASTER)
 * @param nodes the node plans, in rollout order
 * @param wireChange a change the two nodes cannot both speak, which the rollout carries out
 *     with the first node's keepalived held stopped
 */
public record PairPlan(
    String pair, List<String> rolloutOrder, String rolloutReason, List<String> warnings, List<NodePlan> nodes,
    java.util.Optional<WireChange> wireChange) {

  /** A plan without a change of what VRRP puts on the wire. */
  public PairPlan(String pair, List<String> rolloutOrder, String rolloutReason, List<String> warnings,
      List<NodePlan> nodes) {
    this(pair, rolloutOrder, rolloutReason, warnings, nodes, java.util.Optional.empty());
  }

  /** Copies the lists; checks that the nodes follow the rollout order. */
  public PairPlan {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(rolloutReason, "rolloutReason");
    rolloutOrder = List.copyOf(rolloutOrder);
    warnings = List.copyOf(warnings);
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(wireChange, "wireChange");
    if (!nodes.stream().map(NodePlan::node).toList().equals(rolloutOrder)) {
      throw new InternalException("node plans of pair " + pair + " are not in rollout order " + rolloutOrder);
    }
  }

  /** The plan of the node named {@code node}. */
  public NodePlan node(String node) {
    return nodes.stream().filter(n -> n.node().equals(node)).findFirst()
        .orElseThrow(() -> new InternalException("pair " + pair + " has no node " + node));
  }

  /** How many changes of each kind, over both nodes. */
  public PlanCounts counts() {
    return nodes.stream().map(NodePlan::counts).reduce(PlanCounts.ZERO, PlanCounts::plus);
  }

  /** True when either node has a change. */
  public boolean hasChanges() {
    return nodes.stream().anyMatch(NodePlan::hasChanges);
  }
}
