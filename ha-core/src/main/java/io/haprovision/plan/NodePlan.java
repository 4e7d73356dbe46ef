package io.haprovision.plan;

import io.haprovision.error.InternalException;
import io.haprovision.facts.VrrpRole;
import io.haprovision.resource.DesiredPair;
import java.util.List;
import java.util.Objects;

/**
 * The plan of one node: its changes in apply order, then the handlers they trigger.
 *
 * @param node the node's name
 * @param role its role in the pair
 * @param vrrpRole the VRRP role it reported when the plan was made
 * @param factsDigest {@link io.haprovision.facts.NodeFacts#digest(io.haprovision.resource.DigestKey)} of the facts planned from;
 *     apply refuses the plan when fresh facts digest differently
 * @param desiredDigest {@link Planner#desiredDigest} of the node's desired state planned for;
 *     apply refuses the plan when the inventory now gives another (a hash: reveals no secret)
 * @param changes one per desired resource, in the desired order (no-ops included)
 * @param handlers the handlers to run once after the changes, in declaration order
 * @param notes handlers left out and why, and other remarks for the operator
 */
public record NodePlan(
    String node,
    DesiredPair.Role role,
    VrrpRole vrrpRole,
    String factsDigest,
    String desiredDigest,
    List<Change> changes,
    List<PlannedHandler> handlers,
    List<String> notes) {

  /** Copies the lists; rejects nulls. */
  public NodePlan {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(vrrpRole, "vrrpRole");
    Objects.requireNonNull(factsDigest, "factsDigest");
    // Checked here too, so a plan file with a damaged digest is refused when read, not at apply.
    if (desiredDigest == null || !desiredDigest.matches("[0-9a-f]{64}")) {
      throw new InternalException("the plan of node " + node + " has no valid desired-state digest"
          + " (desired_digest, 64 hex digits)");
    }
    changes = List.copyOf(changes);
    handlers = List.copyOf(handlers);
    notes = List.copyOf(notes);
  }

  /** How many changes of each kind. */
  public PlanCounts counts() {
    return changes.stream().map(PlanCounts::of).reduce(PlanCounts.ZERO, PlanCounts::plus);
  }

  /**
   * True when any change creates, updates or deletes, or a handler is owed by an earlier apply
   * (one no change now triggers): either way, applying does something.
   */
  public boolean hasChanges() {
    return changes.stream().anyMatch(Change::changes) || handlers.stream().anyMatch(h -> h.triggeredBy().isEmpty());
  }
}
