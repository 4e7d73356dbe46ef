package io.haprovision.engine;

import io.haprovision.ProgressEvent;
import io.haprovision.ProgressEvent.Phase;
import io.haprovision.ProvisionListener;
import io.haprovision.engine.ApplyReport.ChangeResult;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.KeepalivedProcess;
import io.haprovision.engine.probe.SystemInfo;
import io.haprovision.engine.probe.VrrpReading;
import io.haprovision.error.ProvisionException;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.Planner;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.NodeProtocol;
import io.haprovision.spi.NodeReading;
import io.haprovision.spi.PairNodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Facts and apply for a pair whose platform brings its own {@link NodeProtocol}: the same flow
 * as for POSIX nodes (rollout order, a fresh look before each node, stale plans refused, the
 * pair stopping at its first failure) with reading, changing and the health gate done the
 * platform's way. Before any node of the pair is touched every node with changes is read, and
 * a {@link NodeReading#refusal()} on any of them refuses the whole pair.
 */
final class ProtocolApply {
  private final PairContext pair;
  private final NodeProtocol protocol;
  private final EngineClock clock;
  private final ProvisionListener listener;
  private final Redactor redactor;
  private final DigestKey digestKey;
  /** Readings made by {@link #refuseEarly}, used once as the fresh look of their node. */
  private final Map<String, NodeReading> preRead = new LinkedHashMap<>();

  ProtocolApply(PairContext pair, NodeProtocol protocol, EngineClock clock, ProvisionListener listener,
      Redactor redactor, DigestKey digestKey) {
    this.pair = pair;
    this.protocol = protocol;
    this.clock = clock;
    this.listener = listener;
    this.redactor = redactor;
    this.digestKey = digestKey;
  }

  /** The facts of one node read through its platform's protocol, as the facts report shows them. */
  static NodeObservation observe(PairContext pair, NodeKey key, EngineClock clock) {
    long start = clock.nanoTime();
    NodeContext context = new NodeContext(pair.name(), key.node(), pair.connection(key.node()));
    NodeReading r = pair.protocol.orElseThrow().read(context, pair.desired(key.node()));
    return observation(key, context, r, clock.millisSince(start));
  }

  private static NodeObservation observation(NodeKey key, NodeContext context, NodeReading r, long millis) {
    List<String> notes = new ArrayList<>();
    r.refusal().ifPresent(why -> notes.add("will not be changed: " + why));
    notes.addAll(r.notes());
    SystemInfo system = new SystemInfo(r.os(), r.osVersion(), r.osName(), "none", "none", "", r.hostname());
    return new NodeObservation(key, context.target(), r.facts(), system, false, KeepalivedProcess.absent(),
        AddressTable.empty(), Optional.empty(), new VrrpReading(key.node(), false, List.of(), r.facts().vrrpRole()),
        notes, millis);
  }

  /**
   * Reads every node of {@code plan} that has changes and refuses the whole pair when the
   * platform refuses any of them, so no node of the pair is touched.
   */
  Optional<PairResult> refuseEarly(PairPlan plan, long start) {
    List<String> refusals = new ArrayList<>();
    for (NodePlan n : plan.nodes()) {
      if (!n.hasChanges()) {
        continue;
      }
      NodeReading r;
      try {
        r = protocol.read(context(n.node()), pair.desired(n.node()));
      } catch (ProvisionException e) {
        // Reported by the node's own fresh look below, with the usual wording.
        continue;
      }
      preRead.put(n.node(), r);
      r.refusal().ifPresent(refusals::add);
    }
    if (refusals.isEmpty()) {
      return Optional.empty();
    }
    String why = redactor.redact(String.join("; ", refusals));
    List<NodeResult> results = new ArrayList<>();
    for (NodePlan n : plan.nodes()) {
      results.add(new NodeResult(n.node(), NodeStatus.REFUSED, List.of(), List.of(), Optional.empty(),
          n.node() + " not touched: " + why, 0));
    }
    event("", Phase.FAILED, "refused before any change: " + why);
    return Optional.of(new PairResult(pair.name(), PairStatus.REFUSED, plan.rolloutOrder(), results,
        "refused before any change: " + why, clock.millisSince(start)));
  }

  /** Applies one node's plan: digests, fresh look, safety net, changes, gate, disarm. */
  NodeResult applyNode(NodePlan plan, ApplyOptions options) {
    return applyNode(plan, options, java.util.Set.of(), false);
  }

  /**
   * {@link #applyNode(NodePlan, ApplyOptions)} within a hold ({@link #applyHeld}).
   *
   * @param held nodes held out of VRRP meanwhile (the gate does not count that against the pair)
   * @param resume this node is the held one: its plan was checked before the hold (its facts
   *     now show the hold), and after its changes it is let back into VRRP, before the gate
   */
  NodeResult applyNode(NodePlan plan, ApplyOptions options, java.util.Set<String> held, boolean resume) {
    long start = clock.nanoTime();
    String node = plan.node();
    NodeContext context = context(node);
    DesiredNode desired = pair.desired(node);
    String desiredNow = Planner.desiredDigest(desired, digestKey);
    if (!desiredNow.equals(plan.desiredDigest())) {
      return refused(node, "the inventory changed since the plan was made, or the plan was made on another machine ("
          + Applier.BOUND + "): run plan again", start);
    }
    event(node, Phase.FACTS, "checking the plan against the node's facts now");
    NodeReading fresh = preRead.remove(node);
    // Only the first node applied may use a reading from before the pair was touched: a later
    // node is read again, after its peer's change (its VRRP role may have moved).
    preRead.clear();
    if (fresh == null) {
      try {
        fresh = protocol.read(context, desired);
      } catch (ProvisionException e) {
        return failed(node, List.of(), Optional.empty(), "could not read " + node + " before changing it: "
            + e.getMessage(), start);
      }
    }
    if (fresh.refusal().isPresent()) {
      return refused(node, fresh.refusal().get(), start);
    }
    String digest = fresh.facts().digest(digestKey);
    if (!resume && !digest.equals(plan.factsDigest())) {
      return refused(node, "the plan is stale: the facts of " + node + " changed since it was made (VRRP role "
          + plan.vrrpRole() + " then, " + fresh.facts().vrrpRole() + " now), or the plan was made on another"
          + " machine (" + Applier.BOUND + "); run plan again", start);
    }
    List<Change> changes = plan.changes().stream().filter(Change::changes).toList();
    List<String> done = new ArrayList<>();
    try {
      String armed = protocol.beforeChange(context, desired, fresh, changes);
      if (!armed.isEmpty()) {
        event(node, Phase.APPLY, armed);
        done.add(armed);
      }
    } catch (ProvisionException e) {
      return failed(node, List.of(), Optional.empty(), "could not prepare " + node + " for its changes: "
          + e.getMessage(), start);
    }
    long t = clock.nanoTime();
    changes.forEach(c -> event(node, Phase.APPLY, c.summary()));
    try {
      protocol.apply(context, desired, fresh.facts(), changes);
    } catch (ProvisionException e) {
      List<ChangeResult> results = changes.stream().map(c -> new ChangeResult(c.id().toString(), action(c),
          c.summary(), false, message(e), 0)).toList();
      return failed(node, results, Optional.empty(), message(e), start);
    }
    long took = clock.millisSince(t);
    List<ChangeResult> results = changes.stream().map(c -> new ChangeResult(c.id().toString(), action(c),
        c.summary(), true, "", took)).toList();
    if (resume) {
      try {
        protocol.vrrpHold().orElseThrow().letBackIn(context);
        event(node, Phase.APPLY, node + " takes part in VRRP again: its peer speaks what it now speaks");
      } catch (ProvisionException e) {
        return failed(node, results, Optional.empty(), "could not let " + node + " back into VRRP: " + message(e),
            start);
      }
    }
    GateResult g;
    if (!options.gate()) {
      g = GateResult.skipped("the health gate is turned off");
    } else {
      event(node, Phase.GATE, "waiting for a healthy pair");
      try {
        g = protocol.awaitHealthy(pairNodes(), node, options.gateTimeout(), held);
      } catch (ProvisionException e) {
        g = new GateResult(GateResult.Status.FAILED, "could not read the pair: " + message(e),
            List.of(message(e)), clock.millisSince(t), 0);
      }
    }
    if (!g.ok()) {
      return failed(node, results, Optional.of(g), "health gate failed: " + g.summary(), start);
    }
    if (g.status() == GateResult.Status.PASSED) {
      event(node, Phase.GATE, "healthy: " + g.summary());
    }
    try {
      String disarmed = protocol.afterHealthy(context);
      if (!disarmed.isEmpty()) {
        event(node, Phase.APPLY, disarmed);
      }
    } catch (ProvisionException e) {
      return failed(node, results, Optional.of(g), "the changes are in and the pair is healthy, but " + message(e),
          start);
    }
    String message = changes.size() + " change(s)";
    event(node, Phase.DONE, message);
    return new NodeResult(node, NodeStatus.APPLIED, results, List.of(), Optional.of(g), message,
        clock.millisSince(start));
  }

  /**
   * The rollout of a {@link io.haprovision.plan.WireChange} on nodes with their own protocol:
   * the BACKUP is held out of VRRP, the MASTER changed alone, then the BACKUP changed and let
   * back in. When the MASTER could not be changed at all, the BACKUP is let back in unchanged;
   * when it was changed in part, the BACKUP stays out (it cannot know what its peer speaks) and
   * the report says so.
   */
  PairResult applyHeld(PairPlan plan, ApplyOptions options, long start) {
    io.haprovision.plan.WireChange wire = plan.wireChange().orElseThrow();
    String held = wire.held();
    String other = wire.changedWhileHeld();
    List<NodeResult> results = new ArrayList<>();
    event(held, Phase.APPLY, "holding " + held + " out of VRRP while " + other + " changes what VRRP puts on the wire"
        + " (" + String.join("; ", wire.changes()) + ")");
    try {
      protocol.vrrpHold().orElseThrow().holdOut(context(held));
    } catch (ProvisionException e) {
      NodeResult bad = failed(held, List.of(), Optional.empty(), "could not hold " + held + " out of VRRP: "
          + message(e) + "; nothing was changed", start);
      return finishHeld(plan, PairStatus.FAILED, List.of(bad, HeldRollout.notTouched(other, "the hold did not succeed")),
          bad.message(), start);
    }
    NodeResult otherResult = applyNode(plan.node(other), options, java.util.Set.of(held), false);
    boolean otherOk = otherResult.status() == NodeStatus.APPLIED || otherResult.status() == NodeStatus.UNCHANGED;
    if (otherOk) {
      NodeResult heldResult = applyNode(plan.node(held), options, java.util.Set.of(), true);
      boolean ok = heldResult.status() == NodeStatus.APPLIED;
      return finishHeld(plan, ok ? PairStatus.APPLIED : PairStatus.FAILED, HeldRollout.inOrder(plan, heldResult, otherResult),
          ok ? "applied to " + other + " while " + held + " was held out of VRRP (" + String.join("; ",
              wire.changes()) + "), then to " + held : heldResult.message(), start);
    }
    NodeResult heldResult;
    String outcome;
    if (otherResult.changes().isEmpty()) {
      try {
        protocol.vrrpHold().orElseThrow().letBackIn(context(held));
        outcome = held + " was let back into VRRP unchanged: " + other + " was not changed";
      } catch (ProvisionException e) {
        outcome = "could not let " + held + " back into VRRP (" + message(e) + "); do it by hand";
      }
      heldResult = HeldRollout.notTouched(held, outcome);
    } else {
      outcome = held + " stays out of VRRP, so it cannot take the VIPs while what " + other + " speaks is unknown"
          + " (its change failed part way); the pair has no standby until you run apply again";
      event(held, Phase.FAILED, outcome);
      heldResult = new NodeResult(held, NodeStatus.FAILED, List.of(), List.of(), Optional.empty(), outcome, 0);
    }
    return finishHeld(plan, otherResult.status() == NodeStatus.REFUSED ? PairStatus.REFUSED : PairStatus.FAILED,
        HeldRollout.inOrder(plan, heldResult, otherResult), otherResult.message() + "; " + outcome, start);
  }

  private PairResult finishHeld(PairPlan plan, PairStatus status, List<NodeResult> results, String message,
      long start) {
    event("", status == PairStatus.APPLIED ? Phase.DONE : Phase.FAILED, message);
    return new PairResult(pair.name(), status, plan.rolloutOrder(), results, redactor.redact(message),
        clock.millisSince(start));
  }

  private PairNodes pairNodes() {
    Map<String, NodeContext> nodes = new LinkedHashMap<>();
    for (NodeSpec n : pair.spec.nodes()) {
      nodes.put(n.name(), context(n.name()));
    }
    return new PairNodes(pair.spec, nodes);
  }

  private NodeContext context(String node) {
    return new NodeContext(pair.name(), node, pair.connection(node));
  }

  private NodeResult failed(String node, List<ChangeResult> changes, Optional<GateResult> gate, String message,
      long start) {
    event(node, Phase.FAILED, message);
    return new NodeResult(node, NodeStatus.FAILED, changes, List.of(), gate, redactor.redact(message),
        clock.millisSince(start));
  }

  private NodeResult refused(String node, String message, long start) {
    event(node, Phase.FAILED, message);
    return new NodeResult(node, NodeStatus.REFUSED, List.of(), List.of(), Optional.empty(), redactor.redact(message),
        clock.millisSince(start));
  }

  private void event(String node, Phase phase, String message) {
    listener.onEvent(new ProgressEvent(pair.name(), node, phase, redactor.redact(message)));
  }

  private String message(ProvisionException e) {
    return redactor.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  private static String action(Change change) {
    if (change instanceof Change.Create) {
      return "create";
    }
    return change instanceof Change.Delete ? "delete" : "update";
  }
}
