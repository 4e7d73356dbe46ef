package io.haprovision.engine;

import io.haprovision.ProgressEvent.Phase;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.error.ProvisionException;
import io.haprovision.facts.VrrpWire;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.WireChange;
import io.haprovision.transport.ExecResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hold of a POSIX node for a {@link WireChange}: its keepalived stopped, so it cannot take
 * the VIPs while its peer speaks a VRRP it does not. When the peer could not be changed, what the
 * peer's keepalived runs now decides: the old wire lets the held node start again unchanged, the
 * new wire gets it changed and started, anything else (or a peer that cannot be read) keeps it
 * stopped.
 */
final class ShellHold implements NodeSteps.Hold {
  /** How long a stopped keepalived may take to be gone. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final PairContext pair;
  private final NodeReader reader;
  private final RolloutEvents events;
  private final EngineClock clock;
  /** What each held node's keepalived ran before the hold, by instance. */
  private final Map<String, Map<String, VrrpWire>> heldWires = new HashMap<>();

  ShellHold(PairContext pair, NodeReader reader, RolloutEvents events, ShellSteps steps) {
    this.pair = pair;
    this.reader = reader;
    this.events = events;
    this.clock = events.clock();
  }

  @Override
  public String what(String node) {
    return node + "'s keepalived was held stopped";
  }

  @Override
  public String byHand(String node) {
    return "start keepalived on " + node + " by hand (" + pair.control.startCommand() + ")";
  }

  @Override
  public Optional<NodeResult> holdOut(String node, io.haprovision.facts.NodeFacts facts) {
    long start = clock.nanoTime();
    NodeKey key = new NodeKey(pair.name(), node);
    heldWires.put(node, facts.wire());
    try {
      ExecResult r = pair.connection(node).exec(pair.control.stopCommand());
      if (!r.ok()) {
        return Optional.of(events.failed(node, "could not stop keepalived on " + node + " to hold it (exit "
            + r.exitCode() + ": " + r.stderr().strip() + "); nothing was changed", start));
      }
      long deadline = clock.nanoTime() + STOP_WAIT.toNanos();
      while (reader.keepalived(key, pair.connection(node), pair.expectations, pair.control, false).keepalived()
          .running()) {
        if (clock.nanoTime() >= deadline) {
          return Optional.of(events.failed(node, "keepalived on " + node + " still ran " + HealthGate.human(STOP_WAIT)
              + " after " + pair.control.stopCommand() + "; nothing was changed", start));
        }
        clock.sleep(Duration.ofMillis(100));
      }
    } catch (ProvisionException e) {
      return Optional.of(events.failed(node, "could not hold keepalived on " + node + ": " + e.getMessage(), start));
    }
    return Optional.empty();
  }

  @Override
  public Decision afterFailure(NodePlan heldPlan, NodeResult otherResult, WireChange wire) {
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
      return new Decision(Action.START_UNCHANGED, "keepalived on " + other + " runs what " + wire.held() + " ran"
          + (otherResult.safetyNet().isEmpty() ? "" : ", after its revert"));
    }
    Map<String, VrrpWire> wanted = new LinkedHashMap<>();
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

  @Override
  public NodeResult releaseUnchanged(String node, String reason) {
    long start = clock.nanoTime();
    events.event(node, Phase.APPLY, "starting keepalived again unchanged: " + reason);
    try {
      ExecResult r = pair.connection(node).exec(pair.control.startCommand());
      if (!r.ok()) {
        return events.failed(node, "could not start keepalived on " + node + " again (exit " + r.exitCode() + ": "
            + r.stderr().strip() + "); start it by hand: " + pair.control.startCommand(), start);
      }
    } catch (ProvisionException e) {
      return events.failed(node, "could not start keepalived on " + node + " again: " + e.getMessage()
          + "; start it by hand: " + pair.control.startCommand(), start);
    }
    return new NodeResult(node, NodeStatus.NOT_TOUCHED, List.of(), List.of(), Optional.empty(),
        node + " not changed: its keepalived was started again unchanged", clock.millisSince(start));
  }
}
