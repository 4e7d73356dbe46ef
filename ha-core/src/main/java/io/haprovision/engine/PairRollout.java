package io.haprovision.engine;

import io.haprovision.ProgressEvent.Phase;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.engine.NodeSteps.Hold;
import io.haprovision.engine.NodeSteps.Look;
import io.haprovision.engine.NodeSteps.NodeRun;
import io.haprovision.error.ProvisionException;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.Planner;
import io.haprovision.resource.DigestKey;
import io.haprovision.plan.WireChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one rollout of a pair, for every platform:
 *
 * <pre>
 * refuse early (any node the platform will not change) -> lock the pair
 *   for each node in rollout order (BACKUP first):
 *     fresh look (the plan must still hold) -> arm the revert -> change -> gate (pair healthy?)
 *     -> confirm (a fresh connection still reaches and reads the node) -> disarm
 * unlock
 * </pre>
 *
 * The first failure stops the pair: the failed node's safety net puts it back (now, or by
 * itself when the node cannot be reached) and every node after it is reported "not touched". A
 * {@link WireChange} (a change both nodes cannot speak at once) holds the BACKUP out of VRRP
 * while the MASTER changes, then changes the BACKUP and lets it back in; when the MASTER could
 * not be changed, the hold ends only where that cannot split the pair ({@link Hold#afterFailure}).
 * A kind of node brings only its {@link NodeSteps}.
 */
final class PairRollout {
  /** Why a plan from another machine is refused: its digests are keyed with that machine's key. */
  static final String BOUND = "plans are bound to the machine that made them";

  private final PairContext pair;
  private final NodeSteps steps;
  private final RolloutEvents events;
  private final EngineClock clock;
  private final DigestKey digestKey;

  PairRollout(PairContext pair, NodeSteps steps, RolloutEvents events, DigestKey digestKey) {
    this.pair = pair;
    this.steps = steps;
    this.events = events;
    this.clock = events.clock();
    this.digestKey = digestKey;
  }

  PairResult apply(PairPlan plan, ApplyOptions options) {
    long start = clock.nanoTime();
    if (!plan.hasChanges() && plan.nodes().stream().allMatch(n -> n.handlers().isEmpty())) {
      List<NodeResult> results = new ArrayList<>();
      for (NodePlan n : plan.nodes()) {
        results.add(new NodeResult(n.node(), NodeStatus.UNCHANGED, List.of(), List.of(), Optional.empty(), "", 0));
      }
      events.event("", Phase.DONE, "no changes");
      return new PairResult(pair.name(), PairStatus.UNCHANGED, plan.rolloutOrder(), results, "no changes",
          clock.millisSince(start));
    }
    // One writer per pair: the lock on both nodes, before anything is read for changes.
    PairLockHold.Result taken = PairLockHold.take(pair, plan.rolloutOrder(), "apply", options.breakLock(),
        why -> events.event(why.substring(0, why.indexOf(':')), Phase.FAILED, why.substring(why.indexOf(':') + 2)));
    List<String> notes = new ArrayList<>(taken.notes());
    notes.forEach(n -> events.event("", Phase.APPLY, n));
    if (taken.busy().isPresent()) {
      String why = taken.busy().get();
      events.event("", Phase.FAILED, why);
      List<NodeResult> untouched = new ArrayList<>();
      for (NodePlan n : plan.nodes()) {
        untouched.add(notTouched(n.node(), "the pair is locked"));
      }
      return new PairResult(pair.name(), PairStatus.LOCKED, plan.rolloutOrder(), untouched, events.redact(why),
          clock.millisSince(start));
    }
    try (PairLockHold hold = taken.hold().orElseThrow()) {
      PairResult r = refuseEarly(plan, start).orElseGet(() -> plan.wireChange().isPresent()
          && steps.hold().isPresent() ? held(plan, options, start) : inOrder(plan, options, start));
      if (notes.isEmpty()) {
        return r;
      }
      return new PairResult(r.pair(), r.status(), r.rolloutOrder(), r.nodes(), String.join("; ", notes) + "; "
          + r.message(), r.millis());
    }
  }

  /** A refusal from any node with changes refuses the whole pair before any node is touched. */
  private Optional<PairResult> refuseEarly(PairPlan plan, long start) {
    List<String> refusals = steps.refusalsBeforeAnyChange(plan);
    if (refusals.isEmpty()) {
      return Optional.empty();
    }
    String why = events.redact(String.join("; ", refusals));
    List<NodeResult> results = new ArrayList<>();
    for (NodePlan n : plan.nodes()) {
      results.add(new NodeResult(n.node(), NodeStatus.REFUSED, List.of(), List.of(), Optional.empty(),
          n.node() + " not touched: " + why, 0));
    }
    events.event("", Phase.FAILED, "refused before any change: " + why);
    return Optional.of(new PairResult(pair.name(), PairStatus.REFUSED, plan.rolloutOrder(), results,
        "refused before any change: " + why, clock.millisSince(start)));
  }

  /** Node after node in rollout order, stopping at the first failure. */
  private PairResult inOrder(PairPlan plan, ApplyOptions options, long start) {
    List<NodeResult> results = new ArrayList<>();
    String stoppedBecause = null;
    PairStatus status = PairStatus.APPLIED;
    for (NodePlan nodePlan : plan.nodes()) {
      String node = nodePlan.node();
      if (stoppedBecause != null) {
        results.add(notTouched(node, stoppedBecause));
        continue;
      }
      if (!nodePlan.hasChanges() && nodePlan.handlers().isEmpty()) {
        results.add(new NodeResult(node, NodeStatus.UNCHANGED, List.of(), List.of(), Optional.empty(), "", 0));
        continue;
      }
      NodeResult r = node(nodePlan, options, NodeRun.NORMAL, Set.of());
      results.add(r);
      if (r.status() == NodeStatus.REFUSED) {
        status = PairStatus.REFUSED;
        stoppedBecause = "the plan for " + node + " was refused";
      } else if (r.status() == NodeStatus.FAILED) {
        status = PairStatus.FAILED;
        stoppedBecause = node + " failed";
      }
    }
    String message;
    if (status == PairStatus.APPLIED) {
      message = "applied to " + String.join(", then ", plan.rolloutOrder().stream()
          .filter(n -> results.stream().anyMatch(r -> r.node().equals(n) && r.status() == NodeStatus.APPLIED))
          .toList());
    } else {
      List<String> untouched = results.stream().filter(r -> r.status() == NodeStatus.NOT_TOUCHED)
          .map(NodeResult::node).toList();
      NodeResult bad = results.stream().filter(r -> r.status() == NodeStatus.FAILED || r.status() == NodeStatus.REFUSED)
          .findFirst().orElseThrow();
      message = bad.message() + (untouched.isEmpty() ? "" : "; " + String.join(", ", untouched) + " not touched");
    }
    return finish(plan, status, results, message, start);
  }

  /**
   * One node: fresh look, arm, change, gate, confirm, disarm. A failure after the arm leaves the
   * node to its safety net, whose outcome the result carries.
   */
  NodeResult node(NodePlan plan, ApplyOptions options, NodeRun run, Set<String> held) {
    long start = clock.nanoTime();
    String node = plan.node();
    Look look = look(plan, run.resumeHeld());
    if (look instanceof Look.Stop stop) {
      return stop.result();
    }
    Look.Ready fresh = (Look.Ready) look;
    List<String> net = new ArrayList<>();
    try {
      Optional<String> armed = steps.arm(plan, fresh, pair.spec.rollout());
      armed.ifPresent(line -> {
        events.event(node, Phase.APPLY, line);
        net.add(line);
      });
    } catch (ProvisionException e) {
      String why = events.message(e);
      return events.failed(node, "could not arm the revert on " + node + " before changing it: " + why
          + (why.endsWith("nothing was changed") ? "" : "; nothing was changed"), start);
    }
    NodeSteps.Changed changed = steps.change(plan, fresh, run);
    if (changed.failure().isPresent()) {
      NodeResult bad = events.failed(node, changed.changes(), changed.handlers(), Optional.empty(),
          changed.failure().get(), start);
      return putBack(bad, net, "its change failed");
    }
    GateResult g = steps.gate(plan, fresh, changed, run, options, held);
    if (!g.ok()) {
      NodeResult bad = events.failed(node, changed.changes(), changed.handlers(), Optional.of(g),
          "health gate failed: " + g.summary(), start);
      return putBack(bad, net, "the health gate failed");
    }
    if (g.status() == GateResult.Status.PASSED) {
      events.event(node, Phase.GATE, "healthy: " + g.summary());
    }
    if (!net.isEmpty()) {
      try {
        steps.confirm(node);
      } catch (ProvisionException e) {
        String why = "the pair is healthy, but " + node + " cannot be reached over a new connection from this host: "
            + events.message(e);
        NodeResult bad = events.failed(node, changed.changes(), changed.handlers(), Optional.of(g), why, start);
        return putBack(bad, net, "not reachable over a new connection");
      }
      try {
        String line = steps.disarm(node);
        events.event(node, Phase.APPLY, line);
        net.add(line);
      } catch (ProvisionException e) {
        NodeResult bad = events.failed(node, changed.changes(), changed.handlers(), Optional.of(g),
            "the change is in and the pair is healthy, but the revert could not be disarmed: " + events.message(e),
            start);
        return putBack(bad, net, "could not be disarmed");
      }
    }
    String message = changed.changes().size() + " change(s), " + changed.handlers().size() + " handler(s)";
    events.event(node, Phase.DONE, message);
    return new NodeResult(node, NodeStatus.APPLIED, changed.changes(), changed.handlers(), Optional.of(g), message,
        clock.millisSince(start), net);
  }

  /** The failed node's safety net, asked to put it back; its lines go on the result. */
  private NodeResult putBack(NodeResult bad, List<String> net, String why) {
    if (net.isEmpty()) {
      return bad;
    }
    List<String> lines = new ArrayList<>(net);
    List<String> outcome = steps.afterFailure(bad.node(), why);
    outcome.forEach(line -> events.event(bad.node(), Phase.FAILED, line));
    lines.addAll(outcome);
    String message = bad.message() + (outcome.isEmpty() ? "" : "; " + outcome.get(0));
    return bad.with(lines.stream().map(events::redact).toList(), events.redact(message));
  }

  /** The rollout of a {@link WireChange}: see the class comment. */
  private PairResult held(PairPlan plan, ApplyOptions options, long start) {
    WireChange wire = plan.wireChange().orElseThrow();
    Hold hold = steps.hold().orElseThrow();
    String held = wire.held();
    String other = wire.changedWhileHeld();
    NodePlan heldPlan = plan.node(held);

    // 1. The BACKUP: its plan checked against fresh facts, then held.
    Optional<NodeResult> notHeld = checkAndHold(heldPlan, wire, hold);
    if (notHeld.isPresent()) {
      NodeResult bad = notHeld.get();
      PairStatus status = bad.status() == NodeStatus.REFUSED ? PairStatus.REFUSED : PairStatus.FAILED;
      return finish(plan, status, both(plan, bad, notTouched(other, "the hold of " + held + " did not succeed")),
          bad.message() + "; " + other + " not touched", start);
    }

    // 2. The MASTER, alone.
    NodeResult otherResult = node(plan.node(other), options, new NodeRun(false, !wire.vipsMove().isEmpty()),
        Set.of(held));
    boolean otherOk = otherResult.status() == NodeStatus.APPLIED || otherResult.status() == NodeStatus.UNCHANGED;

    // 3. The BACKUP, changed and let back in, when the MASTER speaks the new wire.
    if (otherOk) {
      NodeResult heldResult = node(heldPlan, options, new NodeRun(true, false), Set.of());
      boolean heldOk = heldResult.status() == NodeStatus.APPLIED;
      return finish(plan, heldOk ? PairStatus.APPLIED : PairStatus.FAILED, both(plan, heldResult, otherResult),
          heldOk ? "applied to " + other + " while " + hold.what(held) + " (" + String.join("; ", wire.changes())
              + "), then to " + held : heldResult.message(), start);
    }

    // The MASTER was not changed as planned: end the hold only where that cannot split the pair.
    Hold.Decision d = hold.afterFailure(heldPlan, otherResult, wire);
    NodeResult heldResult;
    String outcome;
    switch (d.action()) {
      case START_UNCHANGED -> {
        heldResult = hold.releaseUnchanged(held, d.reason());
        outcome = heldResult.status() == NodeStatus.FAILED ? heldResult.message()
            : held + " takes part in VRRP again unchanged (" + d.reason() + ")";
      }
      case CHANGE_AND_START -> {
        heldResult = node(heldPlan, options, new NodeRun(true, false), Set.of());
        outcome = heldResult.status() == NodeStatus.APPLIED
            ? held + " was changed and let back in too (" + d.reason() + ")" : heldResult.message();
      }
      default -> {
        String stays = held + " stays out of VRRP, so it cannot take the VIPs while what " + other
            + " speaks is unknown (" + d.reason() + "); the pair has no standby until then. Run apply again once "
            + other + " is reachable: it finishes " + other + ", then lets " + held + " back in; or, if " + other
            + " is down for good, " + hold.byHand(held);
        events.event(held, Phase.FAILED, stays);
        heldResult = new NodeResult(held, NodeStatus.FAILED, List.of(), List.of(), Optional.empty(),
            events.redact(stays), 0);
        outcome = stays;
      }
    }
    return finish(plan, otherResult.status() == NodeStatus.REFUSED ? PairStatus.REFUSED : PairStatus.FAILED,
        both(plan, heldResult, otherResult), otherResult.message() + "; " + outcome, start);
  }

  private Optional<NodeResult> checkAndHold(NodePlan plan, WireChange wire, Hold hold) {
    Look look = look(plan, false);
    if (look instanceof Look.Stop stop) {
      return Optional.of(stop.result());
    }
    events.event(plan.node(), Phase.APPLY, "holding " + plan.node() + " out of VRRP while " + wire.changedWhileHeld()
        + " changes what VRRP puts on the wire (" + String.join("; ", wire.changes()) + "): it cannot take the VIPs"
        + " meanwhile");
    return hold.holdOut(plan.node(), ((Look.Ready) look).facts());
  }

  /**
   * The fresh look of every kind of node, behind the same two checks: the inventory must still
   * ask for what was reviewed (a digest, not a re-plan: a changed secret inside a sensitive file
   * shows in no change, but it changes the digest), and the node must still be what the plan was
   * made from. Both digests are keyed with this machine's key, so a plan made elsewhere fails too.
   *
   * @param resume the node was held for a wire change: its plan was checked before the hold and
   *     its facts now show the hold, so they are not compared again
   */
  private Look look(NodePlan plan, boolean resume) {
    long start = clock.nanoTime();
    String node = plan.node();
    String desiredNow = Planner.desiredDigest(pair.desired(node), digestKey);
    if (!desiredNow.equals(plan.desiredDigest())) {
      return new Look.Stop(events.refused(node, "the inventory changed since the plan was made (desired digest "
          + abbreviate(plan.desiredDigest()) + ", now " + abbreviate(desiredNow) + "), or the plan was made on"
          + " another machine (" + BOUND + "): run plan again", start));
    }
    Look look = steps.look(plan);
    if (resume || !(look instanceof Look.Ready ready)) {
      return look;
    }
    String digest = ready.facts().digest(digestKey);
    if (!digest.equals(plan.factsDigest())) {
      return new Look.Stop(events.refused(node, "the plan is stale: the facts of " + node + " changed since it was"
          + " made (digest " + abbreviate(plan.factsDigest()) + " then, " + abbreviate(digest) + " now; VRRP role "
          + plan.vrrpRole() + " then, " + ready.facts().vrrpRole() + " now), or the plan was made on another machine"
          + " (" + BOUND + "); run plan again", start));
    }
    return look;
  }

  static NodeResult notTouched(String node, String why) {
    return new NodeResult(node, NodeStatus.NOT_TOUCHED, List.of(), List.of(), Optional.empty(),
        node + " not touched: " + why, 0);
  }

  /** The two nodes' results in the plan's rollout order. */
  private static List<NodeResult> both(PairPlan plan, NodeResult a, NodeResult b) {
    List<NodeResult> out = new ArrayList<>();
    for (String n : plan.rolloutOrder()) {
      out.add(a.node().equals(n) ? a : b);
    }
    return out;
  }

  private PairResult finish(PairPlan plan, PairStatus status, List<NodeResult> results, String message, long start) {
    events.event("", status == PairStatus.APPLIED ? Phase.DONE : Phase.FAILED, message);
    return new PairResult(pair.name(), status, plan.rolloutOrder(), results, events.redact(message),
        clock.millisSince(start));
  }

  static String abbreviate(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) : digest;
  }
}
