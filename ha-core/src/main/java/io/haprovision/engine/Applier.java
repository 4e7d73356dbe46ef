package io.haprovision.engine;

import io.haprovision.ProgressEvent;
import io.haprovision.ProgressEvent.Phase;
import io.haprovision.ProvisionListener;
import io.haprovision.engine.ApplyReport.ChangeResult;
import io.haprovision.engine.ApplyReport.HandlerResult;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.error.ProvisionException;
import io.haprovision.facts.VrrpRole;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.PlannedHandler;
import io.haprovision.plan.Planner;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DigestKey;
import io.haprovision.resource.Handler;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one pair's plan: node by node in rollout order, each behind a check that the
 * inventory still gives the desired state planned for and a fresh look at its facts (a stale
 * plan is refused before the node is touched), its changes in plan order, its
 * handlers once each, then the health gate. The first failure stops the pair; every node after
 * it is reported "not touched".
 */
final class Applier {
  /** Why a plan from another machine is refused: its digests are keyed with that machine's key. */
  static final String BOUND = "plans are bound to the machine that made them";
  private final NodeReader reader;
  private final HealthGate gate;
  private final EngineClock clock;
  private final ProvisionListener listener;
  private final Redactor redactor;
  private final DigestKey digestKey;

  Applier(NodeReader reader, EngineClock clock, ProvisionListener listener, Redactor redactor, DigestKey digestKey) {
    this.reader = reader;
    this.gate = new HealthGate(reader, clock, listener);
    this.clock = clock;
    this.listener = listener;
    this.redactor = redactor;
    this.digestKey = digestKey;
  }

  PairResult apply(PairContext pair, PairPlan plan, ApplyOptions options) {
    long start = clock.nanoTime();
    List<NodeResult> results = new ArrayList<>();
    if (!plan.hasChanges() && plan.nodes().stream().allMatch(n -> n.handlers().isEmpty())) {
      for (NodePlan n : plan.nodes()) {
        results.add(new NodeResult(n.node(), NodeStatus.UNCHANGED, List.of(), List.of(), Optional.empty(), "", 0));
      }
      event(pair, "", Phase.DONE, "no changes");
      return new PairResult(pair.name(), PairStatus.UNCHANGED, plan.rolloutOrder(), results, "no changes",
          clock.millisSince(start));
    }
    // A platform with its own node protocol: its nodes are read and changed its way.
    ProtocolApply protocolApply = pair.protocol.isPresent()
        ? new ProtocolApply(pair, pair.protocol.get(), clock, listener, redactor, digestKey) : null;
    if (protocolApply != null) {
      Optional<PairResult> refused = protocolApply.refuseEarly(plan, start);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    // One writer per pair: the lock on both routers, before anything is read for changes.
    PairLockHold hold = null;
    List<String> notes = new ArrayList<>();
    {
      PairLockHold.Result taken = PairLockHold.take(pair, plan.rolloutOrder(), "apply", options.breakLock(),
          why -> event(pair, why.substring(0, why.indexOf(':')), Phase.FAILED, why.substring(why.indexOf(':') + 2)));
      taken.notes().forEach(n -> event(pair, "", Phase.APPLY, n));
      notes.addAll(taken.notes());
      if (taken.busy().isPresent()) {
        String why = taken.busy().get();
        event(pair, "", Phase.FAILED, why);
        List<NodeResult> untouched = new ArrayList<>();
        for (NodePlan n : plan.nodes()) {
          untouched.add(new NodeResult(n.node(), NodeStatus.NOT_TOUCHED, List.of(), List.of(), Optional.empty(),
              n.node() + " not touched: the pair is locked", 0));
        }
        return new PairResult(pair.name(), PairStatus.LOCKED, plan.rolloutOrder(), untouched, redactor.redact(why),
            clock.millisSince(start));
      }
      hold = taken.hold().orElseThrow();
    }
    try {
      PairResult r;
      if (plan.wireChange().isPresent() && protocolApply == null) {
        r = new HeldRollout(this, reader, clock).apply(pair, plan, options, start);
      } else if (plan.wireChange().isPresent() && pair.protocol.get().vrrpHold().isPresent()) {
        r = protocolApply.applyHeld(plan, options, start);
      } else {
        r = applyNodes(pair, plan, options, protocolApply, start);
      }
      if (notes.isEmpty()) {
        return r;
      }
      String message = String.join("; ", notes) + "; " + r.message();
      return new PairResult(r.pair(), r.status(), r.rolloutOrder(), r.nodes(), message, r.millis());
    } finally {
      if (hold != null) {
        hold.close();
      }
    }
  }

  private PairResult applyNodes(PairContext pair, PairPlan plan, ApplyOptions options, ProtocolApply protocolApply,
      long start) {
    List<NodeResult> results = new ArrayList<>();
    String stoppedBecause = null;
    PairStatus status = PairStatus.APPLIED;
    for (NodePlan nodePlan : plan.nodes()) {
      String node = nodePlan.node();
      if (stoppedBecause != null) {
        results.add(new NodeResult(node, NodeStatus.NOT_TOUCHED, List.of(), List.of(), Optional.empty(),
            node + " not touched: " + stoppedBecause, 0));
        continue;
      }
      if (!nodePlan.hasChanges() && nodePlan.handlers().isEmpty()) {
        results.add(new NodeResult(node, NodeStatus.UNCHANGED, List.of(), List.of(), Optional.empty(), "", 0));
        continue;
      }
      NodeResult r = protocolApply != null ? protocolApply.applyNode(nodePlan, options)
          : applyNode(pair, nodePlan, options, NodeRun.NORMAL);
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
      event(pair, "", Phase.DONE, message);
    } else {
      List<String> untouched = results.stream().filter(r -> r.status() == NodeStatus.NOT_TOUCHED)
          .map(NodeResult::node).toList();
      NodeResult bad = results.stream().filter(r -> r.status() == NodeStatus.FAILED || r.status() == NodeStatus.REFUSED)
          .findFirst().orElseThrow();
      message = bad.message() + (untouched.isEmpty() ? "" : "; " + String.join(", ", untouched) + " not touched");
      event(pair, "", Phase.FAILED, message);
    }
    return new PairResult(pair.name(), status, plan.rolloutOrder(), results, message, clock.millisSince(start));
  }

  /**
   * How one node is changed.
   *
   * @param resumeHeld the node's keepalived was held stopped for a {@link io.haprovision.plan.WireChange}
   *     (its plan was checked against fresh facts before the hold): its keepalived handlers give
   *     way to a start, which releases the hold
   * @param vipsMove the change moves the VIPs (a new VRID): the gate does not hold a lost MASTER
   *     against it
   */
  record NodeRun(boolean resumeHeld, boolean vipsMove) {
    static final NodeRun NORMAL = new NodeRun(false, false);
  }

  NodeResult applyNode(PairContext pair, NodePlan plan, ApplyOptions options, NodeRun run) {
    long start = clock.nanoTime();
    String node = plan.node();
    NodeKey key = new NodeKey(pair.name(), node);
    Connection connection = pair.connection(node);
    DesiredNode desired = pair.desired(node);

    // The inventory must still ask for what was reviewed. A digest, not a re-plan: a changed
    // secret inside a sensitive file shows in no change, but it changes the digest.
    // Both digests are keyed with this machine's key: a plan made elsewhere fails here too.
    String desiredNow = Planner.desiredDigest(desired, digestKey);
    if (run.resumeHeld()) {
      desiredNow = plan.desiredDigest(); // checked before the hold, under the pair lock
    }
    if (!desiredNow.equals(plan.desiredDigest())) {
      return refused(pair, node, "the inventory changed since the plan was made (desired digest "
          + abbreviate(plan.desiredDigest()) + ", now " + abbreviate(desiredNow) + "), or the plan was made on"
          + " another machine (" + BOUND + "): run plan again", start);
    }

    // A fresh look right before touching the node: the plan must still describe it.
    event(pair, node, Phase.FACTS, "checking the plan against the node's facts now");
    NodeObservation fresh;
    try {
      fresh = reader.observe(key, connection, desired, pair.drivers, pair.expectations, pair.control, true,
          pair.ledger(node));
    } catch (ProvisionException e) {
      return failed(pair, node, List.of(), List.of(), Optional.empty(),
          "could not read " + node + " before changing it: " + e.getMessage(), start);
    }
    String digest = fresh.facts().digest(digestKey);
    if (!run.resumeHeld() && !digest.equals(plan.factsDigest())) {
      return refused(pair, node, "the plan is stale: the facts of " + node + " changed since it was made (digest "
          + abbreviate(plan.factsDigest()) + " then, " + abbreviate(digest) + " now; VRRP role "
          + plan.vrrpRole() + " then, " + fresh.facts().vrrpRole() + " now), or the plan was made on another machine ("
          + BOUND + "); run plan again", start);
    }

    NodeContext context = new NodeContext(pair.name(), node, connection);
    // Before anything changes, the node records every handler this plan owes it, so a session
    // cut before they run leaves them owed for the next plan (HandlerLedger).
    List<String> owed = new ArrayList<>(plan.handlers().stream().map(PlannedHandler::name).toList());
    if (!owed.isEmpty()) {
      try {
        ExecResult r = connection.exec(HandlerLedger.write(pair.ledger(node), owed));
        if (!r.ok()) {
          return failed(pair, node, List.of(), List.of(), Optional.empty(), "could not record the handlers owed on "
              + node + " before changing it (" + r.stderr().strip() + "); nothing was changed", start);
        }
      } catch (ProvisionException e) {
        return failed(pair, node, List.of(), List.of(), Optional.empty(), "could not record the handlers owed on "
            + node + " before changing it: " + e.getMessage() + "; nothing was changed", start);
      }
    }
    List<ChangeResult> changes = new ArrayList<>();
    ResourceDriver<?> batchDriver = null;
    List<Resource> batch = new ArrayList<>();
    for (Change change : plan.changes()) {
      if (!change.changes()) {
        continue;
      }
      Resource resource = resourceOf(desired, change.id());
      ResourceDriver<?> driver = pair.drivers.of(resource);
      long t = clock.nanoTime();
      String action = action(change);
      event(pair, node, Phase.APPLY, change.summary());
      try {
        if (batchDriver != null && batchDriver != driver) {
          flush(batchDriver, batch, context);
          batch.clear();
        }
        batchDriver = driver;
        applyOne(driver, resource, fresh.facts().state(resource.id()), context);
        batch.add(resource);
        changes.add(new ChangeResult(change.id().toString(), action, change.summary(), true, "", clock.millisSince(t)));
      } catch (RuntimeException e) {
        changes.add(new ChangeResult(change.id().toString(), action, change.summary(), false, message(e),
            clock.millisSince(t)));
        return failed(pair, node, changes, List.of(), Optional.empty(),
            change.summary() + " failed: " + message(e), start);
      }
    }
    if (batchDriver != null) {
      try {
        flush(batchDriver, batch, context);
      } catch (RuntimeException e) {
        return failed(pair, node, changes, List.of(), Optional.empty(), "committing the changes failed: " + message(e),
            start);
      }
    }

    List<HandlerResult> handlers = new ArrayList<>();
    boolean restarted = run.vipsMove();
    List<String> keepalivedHandlers = run.resumeHeld() ? keepalivedHandlers(desired, pair.control) : List.of();
    for (PlannedHandler h : plan.handlers()) {
      if (keepalivedHandlers.contains(h.name())) {
        continue; // the start below reads the new files
      }
      long t = clock.nanoTime();
      event(pair, node, Phase.APPLY, h.kind().name().toLowerCase(Locale.ROOT) + " " + h.name());
      ExecResult r;
      List<String> rest = new ArrayList<>(owed);
      rest.remove(h.name());
      try {
        // The handler, then (only if it succeeded) its line off the ledger: one command.
        r = connection.exec("{ " + h.command() + "\n} && " + HandlerLedger.write(pair.ledger(node), rest));
      } catch (ProvisionException e) {
        handlers.add(new HandlerResult(h.name(), h.kind(), h.command(), false, message(e), clock.millisSince(t)));
        return failed(pair, node, changes, handlers, Optional.empty(), "handler " + h.name() + " failed: " + message(e),
            start);
      }
      restarted |= h.kind() == Handler.Kind.RESTART;
      if (!r.ok()) {
        String why = "exit " + r.exitCode() + ": " + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        handlers.add(new HandlerResult(h.name(), h.kind(), h.command(), false, why, clock.millisSince(t)));
        return failed(pair, node, changes, handlers, Optional.empty(), "handler " + h.name() + " failed (" + why + ")",
            start);
      }
      handlers.add(new HandlerResult(h.name(), h.kind(), h.command(), true, "", clock.millisSince(t)));
      owed = rest;
    }

    if (run.resumeHeld()) {
      long t = clock.nanoTime();
      String startCommand = pair.control.startCommand();
      event(pair, node, Phase.APPLY, "starting keepalived again: the other node speaks what it now speaks");
      List<String> rest = new ArrayList<>(owed);
      rest.removeAll(keepalivedHandlers);
      try {
        ExecResult r = connection.exec("{ " + startCommand + "\n} && " + HandlerLedger.write(pair.ledger(node), rest));
        if (!r.ok()) {
          String why = "exit " + r.exitCode() + ": " + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
          handlers.add(new HandlerResult("start keepalived", Handler.Kind.RESTART, startCommand, false, why,
              clock.millisSince(t)));
          return failed(pair, node, changes, handlers, Optional.empty(), "starting keepalived failed (" + why
              + "); it stays stopped", start);
        }
      } catch (ProvisionException e) {
        handlers.add(new HandlerResult("start keepalived", Handler.Kind.RESTART, startCommand, false, message(e),
            clock.millisSince(t)));
        return failed(pair, node, changes, handlers, Optional.empty(), "starting keepalived failed: " + message(e),
            start);
      }
      handlers.add(new HandlerResult("start keepalived", Handler.Kind.RESTART, startCommand, true, "",
          clock.millisSince(t)));
      owed = rest;
    }

    // The master-down wait is for a keepalived that was reloaded, restarted or started: a
    // change of another daemon does not change what VRRP hears.
    List<String> ofKeepalived = keepalivedHandlers(desired, pair.control);
    boolean keepalivedChanged = run.resumeHeld() || handlers.stream().anyMatch(h -> ofKeepalived.contains(h.name()));
    // A held node reads as not running now: judge it by the role it had when the plan was made.
    VrrpRole before = run.resumeHeld() ? plan.vrrpRole() : fresh.facts().vrrpRole();
    GateResult g = gate.await(pair, node, before, fresh.stateDump(), restarted, keepalivedChanged, options);
    if (!g.ok()) {
      return failed(pair, node, changes, handlers, Optional.of(g), "health gate failed: " + g.summary(), start);
    }
    if (g.status() == GateResult.Status.PASSED) {
      event(pair, node, Phase.GATE, "healthy: " + g.summary());
    }
    String message = changes.size() + " change(s), " + handlers.size() + " handler(s)";
    event(pair, node, Phase.DONE, message);
    return new NodeResult(node, NodeStatus.APPLIED, changes, handlers, Optional.of(g), message, clock.millisSince(start));
  }

  /**
   * The handlers that reload or restart keepalived, which a hold keeps stopped: those of the
   * node's keepalived service, and any that runs the platform's keepalived reload command.
   */
  static List<String> keepalivedHandlers(DesiredNode desired, io.haprovision.spi.KeepalivedControl control) {
    List<String> out = new ArrayList<>();
    for (Resource r : desired.resources()) {
      if (r instanceof io.haprovision.resource.ServiceResource s && s.name().equals("keepalived")) {
        out.addAll(s.handlerNames());
      }
    }
    for (Handler h : desired.handlers()) {
      if (h.command().strip().equals(control.reloadCommand().strip()) && !out.contains(h.name())) {
        out.add(h.name());
      }
    }
    return out;
  }

  private static Resource resourceOf(DesiredNode desired, ResourceId id) {
    for (Resource r : desired.resources()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    // The desired digests matched, so the plan's resources are the desired ones: this cannot happen.
    throw new io.haprovision.error.InternalException("resource " + id + " of the plan is not desired on " + desired.node());
  }

  @SuppressWarnings("unchecked")
  private static <R extends Resource> void applyOne(ResourceDriver<?> driver, Resource resource,
      Optional<ResourceState> current, NodeContext context) {
    ((ResourceDriver<R>) driver).apply((R) resource, current, context);
  }

  @SuppressWarnings("unchecked")
  private static <R extends Resource> void flush(ResourceDriver<?> driver, List<Resource> batch, NodeContext context) {
    ((ResourceDriver<R>) driver).flush((List<R>) List.copyOf(batch), context);
  }

  NodeResult failed(PairContext pair, String node, List<ChangeResult> changes, List<HandlerResult> handlers,
      Optional<GateResult> gate, String message, long start) {
    event(pair, node, Phase.FAILED, message);
    return new NodeResult(node, NodeStatus.FAILED, changes, handlers, gate, redactor.redact(message),
        clock.millisSince(start));
  }

  NodeResult refused(PairContext pair, String node, String message, long start) {
    event(pair, node, Phase.FAILED, message);
    return new NodeResult(node, NodeStatus.REFUSED, List.of(), List.of(), Optional.empty(), message,
        clock.millisSince(start));
  }

  void event(PairContext pair, String node, Phase phase, String message) {
    listener.onEvent(new ProgressEvent(pair.name(), node, phase, redactor.redact(message)));
  }

  String message(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return redactor.redact(e instanceof ProvisionException ? m : m + " (" + e.getClass().getSimpleName() + ")");
  }

  String redact(String text) {
    return redactor.redact(text);
  }

  io.haprovision.resource.DigestKey digestKey() {
    return digestKey;
  }

  private static String action(Change change) {
    if (change instanceof Change.Create) {
      return "create";
    }
    return change instanceof Change.Delete ? "delete" : "update";
  }

  static String abbreviate(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) : digest;
  }
}
