package io.haprovision.engine;

import io.haprovision.ProgressEvent.Phase;
import io.haprovision.engine.ApplyReport.ChangeResult;
import io.haprovision.engine.ApplyReport.HandlerResult;
import io.haprovision.error.ProvisionException;
import io.haprovision.error.TargetException;
import io.haprovision.facts.VrrpRole;
import io.haprovision.inventory.RolloutSpec;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.PlannedHandler;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.Handler;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.spi.RevertSteps;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.ShellQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link NodeSteps} for POSIX nodes: read through the probes of {@link NodeReader}, changed
 * through {@link ResourceDriver}s and handlers (owed handlers recorded on the node first,
 * {@link HandlerLedger}), judged by the {@link HealthGate}, and guarded by a revert armed on the
 * node itself ({@link ShellRevert}).
 */
final class ShellSteps implements NodeSteps {
  /** How long {@link #afterFailure} keeps trying to reach a node past its revert's deadline. */
  static final Duration REVERT_GRACE = Duration.ofSeconds(30);
  /**
   * No change or handler starts this close to the armed revert's deadline (at most a third of
   * the window): the revert must not run while changes are still being made, or the node would
   * end up half old, half new.
   */
  static final Duration LAST_STEP_MARGIN = Duration.ofSeconds(10);

  private final PairContext pair;
  private final NodeReader reader;
  private final HealthGate gate;
  private final RolloutEvents events;
  private final EngineClock clock;
  /** When each armed node's revert fires, by this host's monotonic clock (nanoTime). */
  private final Map<String, Long> firesAt = new HashMap<>();
  private final ShellHold hold;

  ShellSteps(PairContext pair, NodeReader reader, RolloutEvents events,
      io.haprovision.ProvisionListener listener) {
    this.pair = pair;
    this.reader = reader;
    this.events = events;
    this.clock = events.clock();
    this.gate = new HealthGate(reader, clock, listener);
    this.hold = new ShellHold(pair, reader, events, this);
  }

  /** What a shell node's fresh look holds besides its facts. */
  record Reading(NodeObservation observation) {}

  @Override
  public List<String> refusalsBeforeAnyChange(PairPlan plan) {
    if (!pair.spec.rollout().autoRevert()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (NodePlan n : plan.nodes()) {
      if (!n.hasChanges() && n.handlers().isEmpty()) {
        continue;
      }
      try {
        ExecResult r = pair.connection(n.node()).exec(ShellRevert.status(revertDirectory(n.node())));
        ShellRevert.State state = ShellRevert.parse(r, n.node());
        if (state instanceof ShellRevert.State.Armed armed) {
          out.add(n.node() + " still has the revert of an earlier run armed (it fires in " + (armed.fire() - armed.now())
              + " s and puts back what that run changed): wait until it has fired and plan again, or, if "
              + n.node() + " is as it should be, remove it by hand: kill \"$(cat " + revertDirectory(n.node())
              + "/timer.pid)\"; rm -rf " + revertDirectory(n.node()));
        } else if (state instanceof ShellRevert.State.Reverting) {
          out.add(n.node() + " is reverting an earlier run's change right now: plan again in a minute");
        }
      } catch (ProvisionException e) {
        // The node's own fresh look reports an unreachable node, in the usual words.
      }
    }
    return out;
  }

  @Override
  public Look look(NodePlan plan) {
    long start = clock.nanoTime();
    String node = plan.node();
    events.event(node, Phase.FACTS, "checking the plan against the node's facts now");
    try {
      NodeObservation fresh = reader.observe(new NodeKey(pair.name(), node), pair.connection(node),
          pair.desired(node), pair.drivers, pair.expectations, pair.control, true, pair.ledger(node));
      return new Look.Ready(fresh.facts(), new Reading(fresh));
    } catch (ProvisionException e) {
      return new Look.Stop(events.failed(node, "could not read " + node + " before changing it: " + e.getMessage(),
          start));
    }
  }

  // ---- the safety net ---------------------------------------------------------------------

  @Override
  public Optional<String> arm(NodePlan plan, Look.Ready fresh, RolloutSpec rollout) {
    if (!rollout.autoRevert()) {
      return Optional.empty();
    }
    String node = plan.node();
    DesiredNode desired = pair.desired(node);
    List<String> files = new ArrayList<>();
    List<ShellRevert.Named> restores = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (Change change : plan.changes()) {
      if (!change.changes()) {
        continue;
      }
      Resource resource = resourceOf(desired, change.id());
      RevertSteps steps = revertOf(pair.drivers.of(resource), resource, fresh.facts().state(resource.id()));
      files.addAll(steps.files());
      if (!steps.restore().isBlank()) {
        restores.add(new ShellRevert.Named("put back " + resource.id(), steps.restore()));
      }
      steps.notRestored().ifPresent(kept::add);
    }
    // The ledger too: the revert runs the handlers, so after it nothing is owed.
    files.add(pair.ledger(node));
    List<String> ofKeepalived = keepalivedHandlers(desired, pair.control);
    List<ShellRevert.Named> handlers = plan.handlers().stream()
        .map(h -> new ShellRevert.Named(h.name(), h.command())).toList();
    // A pair without keepalived instances to check has no keepalived of ours to reload.
    boolean handlerReloads = pair.expectations.isEmpty()
        || plan.handlers().stream().anyMatch(h -> ofKeepalived.contains(h.name()));
    ShellRevert.Contents contents = new ShellRevert.Contents(files, handlers, restores,
        keepalivedRunning(pair.control), handlerReloads ? Optional.empty() : Optional.of(pair.control.reloadCommand()));
    Duration window = rollout.revertWindow();
    ExecResult r = pair.connection(node).exec(ShellRevert.arm(revertDirectory(node), contents, window,
        "the change of pair " + pair.name() + " on " + node));
    if (r.exitCode() == ShellRevert.PENDING) {
      throw new TargetException(TargetException.Kind.FAILED, node, "an earlier run's revert is still armed on "
          + node + "; wait until it has fired and plan again");
    }
    if (!r.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, node, "arming the revert failed (exit " + r.exitCode()
          + "): " + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip());
    }
    ShellRevert.State state = ShellRevert.parse(r, node);
    long seconds = state instanceof ShellRevert.State.Armed a ? a.fire() - a.now() : window.toSeconds();
    firesAt.put(node, clock.nanoTime() + Duration.ofSeconds(seconds).toNanos());
    List<String> shown = contents.files().stream().filter(f -> !f.equals(pair.ledger(node))).toList();
    List<String> parts = new ArrayList<>();
    if (!shown.isEmpty()) {
      parts.add("restores " + String.join(", ", shown));
    }
    if (!handlers.isEmpty()) {
      parts.add("re-runs " + String.join(", ", handlers.stream().map(ShellRevert.Named::name).toList()));
    }
    restores.forEach(step -> parts.add(step.name()));
    if (!handlerReloads) {
      parts.add("reloads keepalived if it runs");
    }
    StringBuilder line = new StringBuilder("armed on " + node + ": unless confirmed within " + seconds
        + " s, it " + String.join(", ", parts));
    if (!kept.isEmpty()) {
      line.append("; not put back: ").append(String.join("; ", kept));
    }
    return Optional.of(line.toString());
  }

  @Override
  public void confirm(String node) {
    try (Connection fresh = pair.reopen(node)) {
      ShellRevert.State state = ShellRevert.parse(fresh.exec(ShellRevert.status(revertDirectory(node))), node);
      if (!(state instanceof ShellRevert.State.Armed)) {
        throw new TargetException(TargetException.Kind.FAILED, node, "its revert is no longer armed ("
            + describe(state) + ")");
      }
    }
  }

  @Override
  public String disarm(String node) {
    ExecResult r = pair.connection(node).exec(ShellRevert.disarm(revertDirectory(node)));
    if (r.exitCode() == ShellRevert.FIRED) {
      throw new TargetException(TargetException.Kind.FAILED, node, "the revert fired before it could be disarmed ("
          + describe(ShellRevert.parse(r, node)) + ")");
    }
    if (!r.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, node, "disarming failed (exit " + r.exitCode() + "): "
          + r.stderr().strip());
    }
    firesAt.remove(node);
    return "confirmed over a new connection and disarmed on " + node + ": the change stays";
  }

  @Override
  public List<String> afterFailure(String node, String why) {
    String dir = revertDirectory(node);
    // Best: put it back now, over the session, or else over a new connection.
    try {
      ExecResult r = pair.connection(node).exec(ShellRevert.revertNow(dir, why));
      ShellRevert.State state = ShellRevert.parse(r, node);
      if (state instanceof ShellRevert.State.Reverted done) {
        return logLines(node, r.exitCode() == ShellRevert.FIRED ? "by itself when its window ended" : "right away",
            done);
      }
      if (state instanceof ShellRevert.State.None) {
        return List.of(node + " has no armed revert any more and no revert log: look at it by hand");
      }
    } catch (ProvisionException e) {
      events.event(node, Phase.FAILED, "cannot reach " + node + " over the session to revert it now ("
          + events.message(e) + "); trying a new connection");
    }
    long deadline = firesAt.getOrDefault(node, clock.nanoTime()) + REVERT_GRACE.toNanos();
    String last = "";
    boolean first = true;
    // Then: wait for the node's own timer, looking with new connections.
    while (true) {
      try (Connection fresh = pair.reopen(node)) {
        ExecResult r = fresh.exec(first ? ShellRevert.revertNow(dir, why) : ShellRevert.status(dir));
        ShellRevert.State state = ShellRevert.parse(r, node);
        if (state instanceof ShellRevert.State.Reverted done) {
          return logLines(node, first && r.exitCode() != ShellRevert.FIRED ? "right away, over a new connection"
              : "by itself when its window ended", done);
        }
        last = describe(state);
        if (state instanceof ShellRevert.State.None) {
          return List.of(node + " has no armed revert any more and no revert log: look at it by hand");
        }
      } catch (ProvisionException e) {
        last = events.message(e);
      }
      first = false;
      if (clock.nanoTime() >= deadline) {
        Long fires = firesAt.get(node);
        return List.of("could not learn whether " + node + " reverted: its revert was due "
            + (fires == null ? "" : Duration.ofNanos(Math.max(0, clock.nanoTime() - fires)).toSeconds() + " s ago")
            + " and " + node + " still cannot be reached (" + last + "); check it by hand: cat " + dir + ".last/log");
      }
      events.event(node, Phase.APPLY, "waiting for " + node + " to revert by itself (due in "
          + Math.max(0, Duration.ofNanos(firesAt.getOrDefault(node, clock.nanoTime()) - clock.nanoTime()).toSeconds())
          + " s): " + last);
      clock.sleep(Duration.ofSeconds(1));
    }
  }

  private List<String> logLines(String node, String how, ShellRevert.State.Reverted done) {
    firesAt.remove(node);
    List<String> out = new ArrayList<>();
    out.add(node + " was reverted " + how + " (" + done.log().stream().filter(l -> (l.contains(" restored ")
        || l.contains(" removed ")) && !l.contains(pair.ledger(node))).count() + " file(s) put back)");
    done.log().forEach(l -> out.add("log: " + l));
    return out;
  }

  private static String describe(ShellRevert.State state) {
    if (state instanceof ShellRevert.State.Armed a) {
      return "armed, fires in " + (a.fire() - a.now()) + " s";
    }
    if (state instanceof ShellRevert.State.Reverted r) {
      return "reverted already: " + String.join(" / ", r.log());
    }
    return state instanceof ShellRevert.State.Reverting ? "reverting now" : "not armed";
  }

  String revertDirectory(String node) {
    return ShellRevert.directory(pair.target.runtimeDirectory(), pair.name(), node);
  }

  /** A POSIX test that is true when keepalived runs (its pid file's process, else pidof). */
  private static String keepalivedRunning(KeepalivedControl control) {
    StringBuilder s = new StringBuilder("{ ");
    for (String f : control.pidFiles()) {
      String q = ShellQuote.quote(f);
      s.append("{ [ -f ").append(q).append(" ] && kill -0 \"$(cat ").append(q).append(")\" 2>/dev/null; } || ");
    }
    return s.append("pidof keepalived >/dev/null 2>&1; }").toString();
  }

  /** What {@code driver}'s revert saves and restores of {@code resource} ({@link LiveCopier} copies the same files). */
  @SuppressWarnings("unchecked")
  static <R extends Resource> RevertSteps revertOf(ResourceDriver<?> driver, Resource resource,
      Optional<ResourceState> before) {
    return ((ResourceDriver<R>) driver).revert((R) resource, before);
  }

  // ---- the change -------------------------------------------------------------------------

  @Override
  public Changed change(NodePlan plan, Look.Ready fresh, NodeRun run) {
    String node = plan.node();
    Connection connection = pair.connection(node);
    DesiredNode desired = pair.desired(node);
    NodeContext context = new NodeContext(pair.name(), node, connection);
    // Before anything changes, the node records every handler this plan owes it, so a session
    // cut before they run leaves them owed for the next plan (HandlerLedger).
    List<String> owed = new ArrayList<>(plan.handlers().stream().map(PlannedHandler::name).toList());
    if (!owed.isEmpty()) {
      try {
        ExecResult r = connection.exec(HandlerLedger.write(pair.ledger(node), owed));
        if (!r.ok()) {
          return stopped(List.of(), List.of(), "could not record the handlers owed on " + node + " before changing it ("
              + r.stderr().strip() + "); nothing was changed");
        }
      } catch (ProvisionException e) {
        return stopped(List.of(), List.of(), "could not record the handlers owed on " + node + " before changing it: "
            + e.getMessage() + "; nothing was changed");
      }
    }
    List<ChangeResult> changes = new ArrayList<>();
    ResourceDriver<?> batchDriver = null;
    List<Resource> batch = new ArrayList<>();
    for (Change change : plan.changes()) {
      if (!change.changes()) {
        continue;
      }
      Optional<String> late = tooLate(node);
      if (late.isPresent()) {
        return stopped(changes, List.of(), late.get());
      }
      Resource resource = resourceOf(desired, change.id());
      ResourceDriver<?> driver = pair.drivers.of(resource);
      long t = clock.nanoTime();
      String action = action(change);
      events.event(node, Phase.APPLY, change.summary());
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
        changes.add(new ChangeResult(change.id().toString(), action, change.summary(), false, events.message(e),
            clock.millisSince(t)));
        return stopped(changes, List.of(), change.summary() + " failed: " + events.message(e));
      }
    }
    if (batchDriver != null) {
      try {
        flush(batchDriver, batch, context);
      } catch (RuntimeException e) {
        return stopped(changes, List.of(), "committing the changes failed: " + events.message(e));
      }
    }

    List<HandlerResult> handlers = new ArrayList<>();
    boolean restarted = run.vipsMove();
    List<String> ofKeepalived = keepalivedHandlers(desired, pair.control);
    List<String> skipped = run.resumeHeld() ? ofKeepalived : List.of();
    for (PlannedHandler h : plan.handlers()) {
      if (skipped.contains(h.name())) {
        continue; // the start below reads the new files
      }
      Optional<String> late = tooLate(node);
      if (late.isPresent()) {
        return stopped(changes, handlers, late.get());
      }
      long t = clock.nanoTime();
      events.event(node, Phase.APPLY, h.kind().name().toLowerCase(Locale.ROOT) + " " + h.name());
      List<String> rest = new ArrayList<>(owed);
      rest.remove(h.name());
      ExecResult r;
      try {
        // The handler, then (only if it succeeded) its line off the ledger: one command.
        r = connection.exec("{ " + h.command() + "\n} && " + HandlerLedger.write(pair.ledger(node), rest));
      } catch (ProvisionException e) {
        handlers.add(new HandlerResult(h.name(), h.kind(), h.command(), false, events.message(e), clock.millisSince(t)));
        return stopped(changes, handlers, "handler " + h.name() + " failed: " + events.message(e));
      }
      restarted |= h.kind() == Handler.Kind.RESTART;
      if (!r.ok()) {
        String why = "exit " + r.exitCode() + ": " + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        handlers.add(new HandlerResult(h.name(), h.kind(), h.command(), false, why, clock.millisSince(t)));
        return stopped(changes, handlers, "handler " + h.name() + " failed (" + why + ")");
      }
      handlers.add(new HandlerResult(h.name(), h.kind(), h.command(), true, "", clock.millisSince(t)));
      owed = rest;
    }

    if (run.resumeHeld()) {
      long t = clock.nanoTime();
      String startCommand = pair.control.startCommand();
      events.event(node, Phase.APPLY, "starting keepalived again: the other node speaks what it now speaks");
      List<String> rest = new ArrayList<>(owed);
      rest.removeAll(skipped);
      try {
        ExecResult r = connection.exec("{ " + startCommand + "\n} && " + HandlerLedger.write(pair.ledger(node), rest));
        if (!r.ok()) {
          String why = "exit " + r.exitCode() + ": " + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
          handlers.add(new HandlerResult("start keepalived", Handler.Kind.RESTART, startCommand, false, why,
              clock.millisSince(t)));
          return stopped(changes, handlers, "starting keepalived failed (" + why + "); it stays stopped");
        }
      } catch (ProvisionException e) {
        handlers.add(new HandlerResult("start keepalived", Handler.Kind.RESTART, startCommand, false,
            events.message(e), clock.millisSince(t)));
        return stopped(changes, handlers, "starting keepalived failed: " + events.message(e));
      }
      handlers.add(new HandlerResult("start keepalived", Handler.Kind.RESTART, startCommand, true, "",
          clock.millisSince(t)));
    }
    // The master-down wait is for a keepalived that was reloaded, restarted or started: a
    // change of another daemon does not change what VRRP hears.
    boolean keepalivedChanged = run.resumeHeld() || handlers.stream().anyMatch(h -> ofKeepalived.contains(h.name()));
    return new Changed(changes, handlers, Optional.empty(), restarted, keepalivedChanged);
  }

  /**
   * Why no further step may start on {@code node}: its armed revert is due within
   * {@link #LAST_STEP_MARGIN} (a third of the window, for windows under 30 s).
   */
  private Optional<String> tooLate(String node) {
    Long fires = firesAt.get(node);
    Duration window = pair.spec.rollout().revertWindow();
    Duration margin = LAST_STEP_MARGIN.compareTo(window.dividedBy(3)) < 0 ? LAST_STEP_MARGIN : window.dividedBy(3);
    if (fires == null || fires - clock.nanoTime() > margin.toNanos()) {
      return Optional.empty();
    }
    return Optional.of("the revert armed on " + node + " is due in less than " + margin.toMillis() / 1000.0
        + " s, so nothing more is changed: raise rollout.revert_window (now " + window.toSeconds()
        + " s) above what this node's changes take");
  }

  private static Changed stopped(List<ChangeResult> changes, List<HandlerResult> handlers, String why) {
    return new Changed(changes, handlers, Optional.of(why), false, false);
  }

  @Override
  public GateResult gate(NodePlan plan, Look.Ready fresh, Changed changed, NodeRun run, ApplyOptions options,
      Set<String> held) {
    NodeObservation o = ((Reading) fresh.detail()).observation();
    // A held node reads as not running now: judge it by the role it had when the plan was made.
    VrrpRole before = run.resumeHeld() ? plan.vrrpRole() : fresh.facts().vrrpRole();
    return gate.await(pair, plan.node(), before, o.stateDump(), changed.restarted(), changed.keepalivedChanged(),
        options);
  }

  @Override
  public Optional<Hold> hold() {
    return Optional.of(hold);
  }

  /**
   * The handlers that reload or restart keepalived, which a hold keeps stopped: those of the
   * node's keepalived service, and any that runs the platform's keepalived reload command.
   */
  static List<String> keepalivedHandlers(DesiredNode desired, KeepalivedControl control) {
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
    throw new io.haprovision.error.InternalException("resource " + id + " of the plan is not desired on "
        + desired.node());
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

  static String action(Change change) {
    if (change instanceof Change.Create) {
      return "create";
    }
    return change instanceof Change.Delete ? "delete" : "update";
  }
}
