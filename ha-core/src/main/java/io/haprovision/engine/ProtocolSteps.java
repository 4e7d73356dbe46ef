package io.haprovision.engine;

import io.haprovision.ProgressEvent.Phase;
import io.haprovision.engine.ApplyReport.ChangeResult;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.KeepalivedProcess;
import io.haprovision.engine.probe.SystemInfo;
import io.haprovision.engine.probe.VrrpReading;
import io.haprovision.error.ProvisionException;
import io.haprovision.facts.NodeFacts;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.RolloutSpec;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.WireChange;
import io.haprovision.resource.DesiredNode;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.NodeProtocol;
import io.haprovision.spi.NodeReading;
import io.haprovision.spi.PairNodes;
import io.haprovision.spi.VrrpHold;
import io.haprovision.transport.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link NodeSteps} for nodes whose platform brings its own {@link NodeProtocol}: reading,
 * arming, changing, the gate, confirming and disarming are the protocol's; the rollout around
 * them is the core's. Before any node is touched every node with changes is read, and a
 * {@link NodeReading#refusal()} on any of them refuses the whole pair.
 */
final class ProtocolSteps implements NodeSteps {
  private final PairContext pair;
  private final NodeProtocol protocol;
  private final RolloutEvents events;
  private final EngineClock clock;
  /** Readings made before any node was touched, used once as the first node's fresh look. */
  private final Map<String, NodeReading> preRead = new LinkedHashMap<>();

  ProtocolSteps(PairContext pair, NodeProtocol protocol, RolloutEvents events) {
    this.pair = pair;
    this.protocol = protocol;
    this.events = events;
    this.clock = events.clock();
  }

  /** The facts of one node read through its platform's protocol, as the facts report shows them. */
  static NodeObservation observe(PairContext pair, NodeKey key, EngineClock clock) {
    long start = clock.nanoTime();
    NodeContext context = new NodeContext(pair.name(), key.node(), pair.connection(key.node()));
    NodeReading r = pair.protocol.orElseThrow().read(context, pair.desired(key.node()));
    List<String> notes = new ArrayList<>();
    r.refusal().ifPresent(why -> notes.add("will not be changed: " + why));
    notes.addAll(r.notes());
    SystemInfo system = new SystemInfo(r.os(), r.osVersion(), r.osName(), "none", "none", "", r.hostname());
    return new NodeObservation(key, context.target(), r.facts(), system, false, KeepalivedProcess.absent(),
        AddressTable.empty(), Optional.empty(), new VrrpReading(key.node(), false, List.of(), r.facts().vrrpRole()),
        notes, clock.millisSince(start));
  }

  @Override
  public List<String> refusalsBeforeAnyChange(PairPlan plan) {
    List<String> refusals = new ArrayList<>();
    for (NodePlan n : plan.nodes()) {
      if (!n.hasChanges()) {
        continue;
      }
      NodeReading r;
      try {
        r = protocol.read(context(n.node()), pair.desired(n.node()));
      } catch (ProvisionException e) {
        continue; // reported by the node's own fresh look, in the usual words
      }
      preRead.put(n.node(), r);
      r.refusal().ifPresent(refusals::add);
    }
    return refusals;
  }

  @Override
  public Look look(NodePlan plan) {
    long start = clock.nanoTime();
    String node = plan.node();
    events.event(node, Phase.FACTS, "checking the plan against the node's facts now");
    NodeReading fresh = preRead.remove(node);
    // Only the first node looked at may use a reading from before the pair was touched: a later
    // node is read again, after its peer's change (its VRRP role may have moved).
    preRead.clear();
    if (fresh == null) {
      try {
        fresh = protocol.read(context(node), pair.desired(node));
      } catch (ProvisionException e) {
        return new Look.Stop(events.failed(node, "could not read " + node + " before changing it: " + e.getMessage(),
            start));
      }
    }
    if (fresh.refusal().isPresent()) {
      return new Look.Stop(events.refused(node, fresh.refusal().get(), start));
    }
    return new Look.Ready(fresh.facts(), fresh);
  }

  @Override
  public Optional<String> arm(NodePlan plan, Look.Ready fresh, RolloutSpec rollout) {
    if (!rollout.autoRevert()) {
      return Optional.empty();
    }
    String node = plan.node();
    String armed = protocol.beforeChange(context(node), pair.desired(node), (NodeReading) fresh.detail(),
        changes(plan), rollout.revertWindow());
    return armed.isEmpty() ? Optional.empty() : Optional.of(armed);
  }

  @Override
  public Changed change(NodePlan plan, Look.Ready fresh, NodeRun run) {
    String node = plan.node();
    List<Change> changes = changes(plan);
    long t = clock.nanoTime();
    changes.forEach(c -> events.event(node, Phase.APPLY, c.summary()));
    try {
      protocol.apply(context(node), pair.desired(node), fresh.facts(), changes);
    } catch (ProvisionException e) {
      List<ChangeResult> results = changes.stream().map(c -> new ChangeResult(c.id().toString(),
          ShellSteps.action(c), c.summary(), false, events.message(e), 0)).toList();
      return new Changed(results, List.of(), Optional.of(events.message(e)), false, false);
    }
    long took = clock.millisSince(t);
    List<ChangeResult> results = changes.stream().map(c -> new ChangeResult(c.id().toString(), ShellSteps.action(c),
        c.summary(), true, "", took)).toList();
    if (run.resumeHeld()) {
      try {
        vrrpHold().letBackIn(context(node));
        events.event(node, Phase.APPLY, node + " takes part in VRRP again: its peer speaks what it now speaks");
      } catch (ProvisionException e) {
        return new Changed(results, List.of(), Optional.of("could not let " + node + " back into VRRP: "
            + events.message(e)), false, false);
      }
    }
    return new Changed(results, List.of(), Optional.empty(), run.vipsMove(), true);
  }

  @Override
  public GateResult gate(NodePlan plan, Look.Ready fresh, Changed changed, NodeRun run, ApplyOptions options,
      Set<String> held) {
    if (!options.gate()) {
      return GateResult.skipped("the health gate is turned off");
    }
    events.event(plan.node(), Phase.GATE, "waiting for a healthy pair");
    long t = clock.nanoTime();
    try {
      return protocol.awaitHealthy(pairNodes(), plan.node(), options.gateTimeout(), held);
    } catch (ProvisionException e) {
      return new GateResult(GateResult.Status.FAILED, "could not read the pair: " + events.message(e),
          List.of(events.message(e)), clock.millisSince(t), 0);
    }
  }

  @Override
  public void confirm(String node) {
    try (Connection fresh = pair.reopen(node)) {
      protocol.confirm(new NodeContext(pair.name(), node, fresh), pair.desired(node));
    }
  }

  @Override
  public String disarm(String node) {
    return protocol.afterHealthy(context(node));
  }

  /** The protocol's safety net stays armed and fires by itself; its gate's message says when. */
  @Override
  public List<String> afterFailure(String node, String why) {
    return List.of("the safety net armed on " + node + " stays armed and puts its earlier configuration back when"
        + " it fires");
  }

  @Override
  public Optional<Hold> hold() {
    return protocol.vrrpHold().map(h -> new Hold() {
      @Override
      public String what(String node) {
        return node + " was held out of VRRP";
      }

      @Override
      public String byHand(String node) {
        return "let " + node + " back into VRRP by hand";
      }

      @Override
      public Optional<NodeResult> holdOut(String node, NodeFacts facts) {
        long start = clock.nanoTime();
        try {
          h.holdOut(context(node));
          return Optional.empty();
        } catch (ProvisionException e) {
          return Optional.of(events.failed(node, "could not hold " + node + " out of VRRP: " + events.message(e)
              + "; nothing was changed", start));
        }
      }

      @Override
      public NodeResult releaseUnchanged(String node, String reason) {
        try {
          h.letBackIn(context(node));
          return PairRollout.notTouched(node, node + " was let back into VRRP unchanged: " + reason);
        } catch (ProvisionException e) {
          return new NodeResult(node, NodeStatus.FAILED, List.of(), List.of(), Optional.empty(),
              events.redact("could not let " + node + " back into VRRP (" + events.message(e) + "); do it by hand"), 0);
        }
      }

      @Override
      public Decision afterFailure(NodePlan heldPlan, NodeResult otherResult, WireChange wire) {
        // The protocol's own revert of the other node fires minutes later: until then only an
        // untouched peer is known to speak the old wire.
        return otherResult.changes().isEmpty()
            ? new Decision(Action.START_UNCHANGED, wire.changedWhileHeld() + " was not changed")
            : new Decision(Action.KEEP_HELD, "its change failed part way");
      }
    });
  }

  private VrrpHold vrrpHold() {
    return protocol.vrrpHold().orElseThrow();
  }

  private static List<Change> changes(NodePlan plan) {
    return plan.changes().stream().filter(Change::changes).toList();
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
}
