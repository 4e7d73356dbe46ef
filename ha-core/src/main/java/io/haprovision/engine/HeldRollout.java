package io.haprovision.engine;

import io.haprovision.ProgressEvent.Phase;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.error.ProvisionException;
import io.haprovision.facts.VrrpWire;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.Planner;
import io.haprovision.plan.WireChange;
import io.haprovision.transport.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollout of a {@link WireChange}: a change of what VRRP puts on the wire that the two
 * nodes cannot both speak. Changing the BACKUP first, as every other rollout does, would leave
 * two nodes that do not hear each other, and both would hold the VIPs. Instead:
 *
 * <ol>
 *   <li>the BACKUP is checked against its plan and its keepalived is stopped (held): it cannot
 *       take the VIPs, and the pair runs without a standby;
 *   <li>the MASTER is changed as usual, behind the health gate;
 *   <li>the BACKUP is changed and its keepalived started: it now speaks what the MASTER speaks.
 * </ol>
 *
 * <p>When the MASTER cannot be changed, the hold ends only where that is safe: a MASTER that
 * was not touched, or whose keepalived still runs what the BACKUP ran, gets the BACKUP back
 * unchanged; a MASTER that already runs the new wire gets the BACKUP changed and started; a
 * MASTER that cannot be read keeps the BACKUP held, and the report says so and what to do.
 */
final class HeldRollout {
  /** How long a stopped keepalived may take to be gone. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final Applier applier;
  private final NodeReader reader;
  private final EngineClock clock;
  /** What each held node's keepalived ran before the hold, by instance. */
  private final Map<String, Map<String, VrrpWire>> heldWires = new java.util.HashMap<>();

  HeldRollout(Applier applier, NodeReader reader, EngineClock clock) {
    this.applier = applier;
    this.reader = reader;
    this.clock = clock;
  }

  PairResult apply(PairContext pair, PairPlan plan, ApplyOptions options, long start) {
    WireChange wire = plan.wireChange().orElseThrow();
    NodePlan heldPlan = plan.node(wire.held());
    NodePlan otherPlan = plan.node(wire.changedWhileHeld());
    String held = wire.held();
    String other = wire.changedWhileHeld();

    // 1. Hold the BACKUP.
    Optional<NodeResult> notHeld = hold(pair, heldPlan, wire);
    if (notHeld.isPresent()) {
      NodeResult bad = notHeld.get();
      PairStatus status = bad.status() == NodeStatus.REFUSED ? PairStatus.REFUSED : PairStatus.FAILED;
      NodeResult untouched = notTouched(other, "the hold of " + held + " did not succeed");
      return finish(pair, plan, status, List.of(bad, untouched), bad.message() + "; " + other + " not touched",
          start);
    }

    // 2. The MASTER, alone.
    NodeResult otherResult = applier.applyNode(pair, otherPlan, options,
        new Applier.NodeRun(false, !wire.vipsMove().isEmpty()));
    boolean otherOk = otherResult.status() == NodeStatus.APPLIED || otherResult.status() == NodeStatus.UNCHANGED;

    // 3. The BACKUP, changed and started, when the MASTER speaks the new wire.
    if (otherOk) {
      NodeResult heldResult = applier.applyNode(pair, heldPlan, options, new Applier.NodeRun(true, false));
      boolean heldOk = heldResult.status() == NodeStatus.APPLIED;
      String message = heldOk
          ? "applied to " + other + " while " + held + "'s keepalived was held stopped (" + String.join("; ",
              wire.changes()) + "), then to " + held
          : heldResult.message();
      return finish(pair, plan, heldOk ? PairStatus.APPLIED : PairStatus.FAILED, inOrder(plan, heldResult,
          otherResult), message, start);
    }

    // The MASTER was not changed as planned: end the hold only where that cannot split the pair.
    String why = otherResult.message();
    Decision d = afterFailure(pair, heldPlan, otherResult, wire);
    NodeResult heldResult;
    String outcome;
    switch (d.action()) {
      case START_UNCHANGED -> {
        heldResult = release(pair, held, d.reason());
        outcome = heldResult.status() == NodeStatus.FAILED ? heldResult.message()
            : held + "'s keepalived was started again unchanged (" + d.reason() + ")";
      }
      case CHANGE_AND_START -> {
        heldResult = applier.applyNode(pair, heldPlan, options, new Applier.NodeRun(true, false));
        outcome = heldResult.status() == NodeStatus.APPLIED
            ? held + " was changed and started too (" + d.reason() + ")" : heldResult.message();
      }
      default -> {
        String stays = held + "'s keepalived stays stopped, so it cannot take the VIPs while what " + other
            + " speaks is unknown (" + d.reason() + "); the pair has no standby until then. Run apply again once "
            + other + " is reachable: it finishes " + other + ", then starts " + held
            + "; or, if " + other + " is down for good, start keepalived on " + held + " by hand ("
            + pair.control.startCommand() + ")";
        applier.event(pair, held, Phase.FAILED, stays);
        heldResult = new NodeResult(held, NodeStatus.FAILED, List.of(), List.of(), Optional.empty(), stays, 0);
        outcome = stays;
      }
    }
    return finish(pair, plan, otherResult.status() == NodeStatus.REFUSED ? PairStatus.REFUSED : PairStatus.FAILED,
        inOrder(plan, heldResult, otherResult), why + "; " + outcome, start);
  }

  /** Checks the held node's plan against fresh facts, then stops its keepalived and waits until it is gone. */
  private Optional<NodeResult> hold(PairContext pair, NodePlan plan, WireChange wire) {
    long start = clock.nanoTime();
    String node = plan.node();
    NodeKey key = new NodeKey(pair.name(), node);
    String desiredNow = Planner.desiredDigest(pair.desired(node), applier.digestKey());
    if (!desiredNow.equals(plan.desiredDigest())) {
      return Optional.of(applier.refused(pair, node, "the inventory changed since the plan was made, or the plan was"
          + " made on another machine (" + Applier.BOUND + "): run plan again", start));
    }
    NodeObservation fresh;
    try {
      fresh = reader.observe(key, pair.connection(node), pair.desired(node), pair.drivers, pair.expectations,
          pair.control, true, pair.ledger(node));
    } catch (ProvisionException e) {
      return Optional.of(applier.failed(pair, node, List.of(), List.of(), Optional.empty(), "could not read " + node
          + " before holding it: " + e.getMessage() + "; nothing was changed", start));
    }
    if (!fresh.facts().digest(applier.digestKey()).equals(plan.factsDigest())) {
      return Optional.of(applier.refused(pair, node, "the plan is stale: the facts of " + node
          + " changed since it was made; run plan again", start));
    }
    applier.event(pair, node, Phase.APPLY, "holding keepalived stopped while " + wire.changedWhileHeld()
        + " changes what VRRP puts on the wire (" + String.join("; ", wire.changes()) + "): " + node
        + " cannot take the VIPs meanwhile");
    try {
      ExecResult r = pair.connection(node).exec(pair.control.stopCommand());
      if (!r.ok()) {
        return Optional.of(applier.failed(pair, node, List.of(), List.of(), Optional.empty(),
            "could not stop keepalived on " + node + " to hold it (exit " + r.exitCode() + ": "
                + r.stderr().strip() + "); nothing was changed", start));
      }
      long deadline = clock.nanoTime() + STOP_WAIT.toNanos();
      while (reader.keepalived(key, pair.connection(node), pair.expectations, pair.control, false).keepalived()
          .running()) {
        if (clock.nanoTime() >= deadline) {
          return Optional.of(applier.failed(pair, node, List.of(), List.of(), Optional.empty(), "keepalived on "
              + node + " still ran " + HealthGate.human(STOP_WAIT) + " after " + pair.control.stopCommand()
              + "; nothing was changed", start));
        }
        clock.sleep(Duration.ofMillis(100));
      }
    } catch (ProvisionException e) {
      return Optional.of(applier.failed(pair, node, List.of(), List.of(), Optional.empty(),
          "could not hold keepalived on " + node + ": " + e.getMessage(), start));
    }
    heldWires.put(node, fresh.facts().wire());
    return Optional.empty();
  }

  private enum Action { START_UNCHANGED, CHANGE_AND_START, KEEP_HELD }

  private record Decision(Action action, String reason) {}

  /** What the failed MASTER runs now decides how the hold ends. */
  private Decision afterFailure(PairContext pair, NodePlan heldPlan, NodeResult otherResult, WireChange wire) {
    String other = wire.changedWhileHeld();
    if (otherResult.changes().isEmpty() && otherResult.handlers().isEmpty() && otherResult.gate().isEmpty()) {
      return new Decision(Action.START_UNCHANGED, other + " was not changed and still speaks what " + wire.held()
          + " speaks");
    }
    Map<String, VrrpWire> now;
    try {
      KeepalivedView v = reader.keepalived(new NodeKey(pair.name(), other), pair.connection(other), pair.expectations,
          pair.control, true);
      if (!v.keepalived().running() || v.dump().isEmpty()) {
        return new Decision(Action.KEEP_HELD, "keepalived on " + other + " "
            + (v.keepalived().running() ? "gave no state dump" : "does not run"));
      }
      now = NodeReader.wires(pair.expectations, v.keepalived(), v.dump());
    } catch (ProvisionException e) {
      return new Decision(Action.KEEP_HELD, other + " cannot be read: " + e.getMessage());
    }
    Map<String, VrrpWire> old = heldWires.getOrDefault(wire.held(), Map.of());
    if (!old.isEmpty() && sameWire(now, old)) {
      return new Decision(Action.START_UNCHANGED, "keepalived on " + other + " still runs what " + wire.held()
          + " ran");
    }
    Map<String, VrrpWire> wanted = new java.util.LinkedHashMap<>();
    pair.expectations.instances().forEach(i -> {
      VrrpWire w = i.wires().get(other);
      if (w != null) {
        wanted.put(i.name(), w);
      }
    });
    if (sameWire(now, wanted)) {
      return new Decision(Action.CHANGE_AND_START, "keepalived on " + other + " already runs the new wire");
    }
    return new Decision(Action.KEEP_HELD, "keepalived on " + other + " runs neither the old nor the new wire");
  }

  private static boolean sameWire(Map<String, VrrpWire> a, Map<String, VrrpWire> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.entrySet().stream().allMatch(e -> e.getValue().differences(b.get(e.getKey())).isEmpty());
  }

  /** Starts the held node's keepalived with its files as they were. */
  private NodeResult release(PairContext pair, String node, String reason) {
    long start = clock.nanoTime();
    applier.event(pair, node, Phase.APPLY, "starting keepalived again unchanged: " + reason);
    try {
      ExecResult r = pair.connection(node).exec(pair.control.startCommand());
      if (!r.ok()) {
        return applier.failed(pair, node, List.of(), List.of(), Optional.empty(), "could not start keepalived on "
            + node + " again (exit " + r.exitCode() + ": " + r.stderr().strip() + "); start it by hand: "
            + pair.control.startCommand(), start);
      }
    } catch (ProvisionException e) {
      return applier.failed(pair, node, List.of(), List.of(), Optional.empty(), "could not start keepalived on "
          + node + " again: " + e.getMessage() + "; start it by hand: " + pair.control.startCommand(), start);
    }
    return new NodeResult(node, NodeStatus.NOT_TOUCHED, List.of(), List.of(), Optional.empty(),
        node + " not changed: its keepalived was started again unchanged", clock.millisSince(start));
  }

  /** A node the pair's rollout left alone, and why. */
  static NodeResult notTouched(String node, String why) {
    return new NodeResult(node, NodeStatus.NOT_TOUCHED, List.of(), List.of(), Optional.empty(),
        node + " not touched: " + why, 0);
  }

  /** The two nodes' results in the plan's rollout order. */
  static List<NodeResult> inOrder(PairPlan plan, NodeResult a, NodeResult b) {
    List<NodeResult> out = new ArrayList<>();
    for (String n : plan.rolloutOrder()) {
      out.add(a.node().equals(n) ? a : b);
    }
    return out;
  }

  private PairResult finish(PairContext pair, PairPlan plan, PairStatus status, List<NodeResult> results,
      String message, long start) {
    applier.event(pair, "", status == PairStatus.APPLIED ? Phase.DONE : Phase.FAILED, message);
    return new PairResult(pair.name(), status, plan.rolloutOrder(), results, applier.redact(message),
        clock.millisSince(start));
  }
}
