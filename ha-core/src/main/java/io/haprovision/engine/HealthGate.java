package io.haprovision.engine;

import io.haprovision.ProgressEvent;
import io.haprovision.ProvisionListener;
import io.haprovision.engine.probe.InstanceState;
import io.haprovision.engine.probe.StateDump;
import io.haprovision.engine.probe.VrrpReading.InstanceReading;
import io.haprovision.error.ProvisionException;
import io.haprovision.facts.VrrpRole;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.spi.VrrpExpectations.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check between the two nodes of a pair: after a node was changed, wait until the pair is
 * healthy again before the other node is touched. Healthy means, on every look for the
 * settle time:
 *
 * <ul>
 *   <li>keepalived runs on the changed node;
 *   <li>it runs the new configuration: keepalived's state dump lists every instance with the
 *       configured priority and VRID (skipped, with a note, when the dump is not readable);
 *   <li>every instance has exactly one MASTER in the pair (its VIPs bound on exactly one node,
 *       and no node's dump contradicting its VIPs) and no node is FAULT but one drained on
 *       purpose ({@link io.haprovision.keepalived.DrainFile}), which must hold no VIP;
 *   <li>the changed node is in its expected state: a node that was MASTER and was only
 *       reloaded is still MASTER (a reload keeps the role, and keepalived's release counter
 *       did not move); a node that was BACKUP, with a running peer of higher priority (or no
 *       preemption), is still BACKUP; and with preemption, the node whose effective priority
 *       is higher (from both state dumps) is MASTER, so a first install waits for the
 *       primary to take over before it reports success.
 * </ul>
 *
 * It polls both nodes (one command each per look) until then. It stops early when a state
 * that does not end by itself outlasts a grace period (the longest master-down interval plus a
 * settle time): keepalived not running on the changed node, the changed node still running its
 * old configuration, the pair unreadable, MASTER on both; else it fails at the deadline
 * ({@link GateDeadline}: longer while the pair is still changing and when looks are slow) with
 * what was still wrong and how the deadline came about.
 */
final class HealthGate {
  private final NodeReader reader;
  private final EngineClock clock;
  private final ProvisionListener listener;

  HealthGate(NodeReader reader, EngineClock clock, ProvisionListener listener) {
    this.reader = reader;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Waits for the pair to be healthy after {@code touched} was changed.
   *
   * @param before the changed node's role before it was changed
   * @param restarted whether a restart handler ran on it (a restart may move the VIP)
   */
  GateResult await(PairContext pair, String touched, VrrpRole before, Optional<StateDump> beforeDump,
      boolean restarted, ApplyOptions options) {
    return await(pair, touched, before, beforeDump, restarted, true, options);
  }

  /**
   * Waits for the pair to be healthy after {@code touched} was changed.
   *
   * @param before the changed node's role before it was changed
   * @param restarted whether a restart handler ran on it (a restart may move the VIP)
   * @param daemonChanged whether keepalived there was reloaded, restarted or started: then the
   *     gate passes no sooner than one master-down interval after it began, the time a BACKUP
   *     that no longer hears its MASTER takes to claim the VIPs
   */
  GateResult await(PairContext pair, String touched, VrrpRole before, Optional<StateDump> beforeDump,
      boolean restarted, boolean daemonChanged, ApplyOptions options) {
    VrrpExpectations exp = pair.expectations;
    if (!options.gate()) {
      return GateResult.skipped("the health gate is turned off");
    }
    if (exp.isEmpty()) {
      return GateResult.skipped("platform " + pair.target.platform() + " runs no keepalived instance to check");
    }
    String peer = pair.peerOf(touched);
    Duration timeout = options.gateTimeout().orElse(Timings.gateTimeout(exp.maxAdvertInt()));
    Duration settle = options.settle().orElse(Timings.settle(exp.maxAdvertInt()));
    Duration poll = options.pollInterval().orElse(Timings.poll(exp.maxAdvertInt()));
    long start = clock.nanoTime();
    long masterDown = Math.max(masterDown(exp, touched).toNanos(), masterDown(exp, peer).toNanos());
    // How long a pair may show one of the states below before it is taken as final: a backup
    // claims the VIPs one master-down interval after it stops hearing its master.
    long grace = masterDown + settle.toNanos();
    GateDeadline deadline = options.gateTimeout().isPresent() ? GateDeadline.fixed(start, timeout.toNanos())
        : GateDeadline.adaptive(start, timeout.toNanos(), grace);
    long minWait = daemonChanged ? masterDown(exp, touched).toNanos() : 0;
    int bothMasters = 0;
    long bothMastersSince = 0;
    long heldSince = -1;
    long downSince = -1;
    long notLoadedSince = -1;
    long unreadableSince = -1;
    int unreadable = 0;
    int polls = 0;
    List<String> last = List.of("the pair was not read");
    List<String> previous = null;
    List<String> reported = null;
    listener.onEvent(new ProgressEvent(pair.name(), touched, ProgressEvent.Phase.GATE,
        "waiting for a healthy pair (up to " + human(timeout) + (options.gateTimeout().isPresent() ? ""
            : ", longer while it is still changing") + ")"));
    while (true) {
      List<String> problems;
      Evaluation ev = null;
      long lookStart = clock.nanoTime();
      try {
        KeepalivedView t = reader.keepalived(new NodeKey(pair.name(), touched), pair.connection(touched), exp,
            pair.control, true);
        KeepalivedView p = reader.keepalived(new NodeKey(pair.name(), peer), pair.connection(peer), exp,
            pair.control, true);
        ev = evaluate(exp, touched, peer, before, beforeDump, restarted, t, p);
        problems = ev.problems();
        unreadable = 0;
      } catch (ProvisionException e) {
        problems = List.of("could not read the pair: " + e.getMessage());
        unreadable++;
      }
      polls++;
      long now = clock.nanoTime();
      deadline.look(now, now - lookStart, previous != null && !problems.equals(previous));
      previous = problems;
      // States that do not end by themselves: stop as soon as they outlast the grace period.
      Optional<String> hopeless = Optional.empty();
      bothMasters = ev != null && ev.bothMasters() ? bothMasters + 1 : 0;
      if (bothMasters == 1) {
        bothMastersSince = now;
      }
      if (bothMasters >= 3 && now - bothMastersSince >= Math.max(settle.toNanos(), masterDown)) {
        return new GateResult(GateResult.Status.FAILED, "split brain after " + touched + " was changed, for "
            + human(Duration.ofNanos(now - bothMastersSince)) + " (longer than the master-down interval): "
            + String.join("; ", problems), problems, clock.millisSince(start), polls);
      }
      downSince = since(problems.contains("keepalived is not running on " + touched), downSince, now);
      if (downSince >= 0 && now - downSince >= grace) {
        hopeless = Optional.of("keepalived has not been running on " + touched + " for "
            + human(Duration.ofNanos(now - downSince)) + ": it exited or did not start (a restart takes"
            + " well under a second); see its log on " + touched);
      }
      boolean notLoaded = problems.stream().anyMatch(x -> x.endsWith("the new configuration is not loaded"));
      notLoadedSince = since(notLoaded, notLoadedSince, now);
      if (notLoadedSince >= 0 && now - notLoadedSince >= grace && now - start >= minWait) {
        hopeless = Optional.of(touched + " still runs its old configuration "
            + human(Duration.ofNanos(now - notLoadedSince)) + " after the change: keepalived rejected the new"
            + " one or was not reloaded");
      }
      unreadableSince = since(unreadable > 0, unreadableSince, now);
      if (unreadable >= 3 && now - unreadableSince >= grace) {
        hopeless = Optional.of("the pair could not be read for " + human(Duration.ofNanos(now - unreadableSince))
            + " (" + unreadable + " looks in a row)");
      }
      if (hopeless.isPresent()) {
        return new GateResult(GateResult.Status.FAILED, "stopped waiting after "
            + human(Duration.ofMillis(clock.millisSince(start))) + ": " + hopeless.get() + "; " + String.join("; ", problems),
            problems, clock.millisSince(start), polls);
      }
      if (problems.isEmpty()) {
        if (heldSince < 0) {
          heldSince = now;
        }
        if (now - heldSince >= settle.toNanos() && now - start >= minWait) {
          String summary = ev.summary() + (ev.notes().isEmpty() ? "" : " (" + String.join("; ", ev.notes()) + ")");
          return new GateResult(GateResult.Status.PASSED, summary, List.of(), clock.millisSince(start), polls);
        }
      } else {
        heldSince = -1;
        last = problems;
        if (!problems.equals(reported)) {
          reported = problems;
          listener.onEvent(new ProgressEvent(pair.name(), touched, ProgressEvent.Phase.GATE,
              "not yet: " + String.join("; ", problems)));
        }
      }
      if (deadline.passed(now)) {
        return new GateResult(GateResult.Status.FAILED, "the pair was not healthy within " + deadline.describe()
            + " after " + touched + " was changed: " + String.join("; ", last), last, clock.millisSince(start), polls);
      }
      clock.sleep(poll);
    }
  }

  /** When a condition that {@code holds} now began: {@code now} if it just did, -1 when it does not hold. */
  private static long since(boolean holds, long since, long now) {
    return !holds ? -1 : since < 0 ? now : since;
  }

  /** What one look at the pair found. */
  record Evaluation(List<String> problems, List<String> notes, String summary, boolean bothMasters) {
    Evaluation(List<String> problems, List<String> notes, String summary) {
      this(problems, notes, summary, false);
    }
  }

  /**
   * The longest master-down interval of {@code node}'s instances (at its configured
   * priority): how long a BACKUP that stopped hearing its MASTER waits before it takes over.
   */
  static Duration masterDown(VrrpExpectations exp, String node) {
    double longest = 0;
    for (Instance i : exp.instances()) {
      int priority = Math.max(1, Math.min(254, i.priorityOf(node) > 0 ? i.priorityOf(node) : 1));
      longest = Math.max(longest, Timings.masterDownSeconds(i.advertInt(), priority));
    }
    return Duration.ofMillis(Math.round(longest * 1000));
  }

  /** Judges one look at both nodes; pure, so tests can feed it recorded views. */
  static Evaluation evaluate(VrrpExpectations exp, String touched, String peer, VrrpRole before,
      Optional<StateDump> beforeDump, boolean restarted, KeepalivedView t, KeepalivedView p) {
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    boolean bothMasters = false;
    if (!t.keepalived().running()) {
      problems.add("keepalived is not running on " + touched);
    } else if (t.dump().isEmpty()) {
      notes.add("could not confirm that " + touched + " runs the new configuration: "
          + t.dumpProblem().orElse("keepalived's state dump is not readable"));
    }
    for (Instance instance : exp.instances()) {
      String name = instance.name();
      InstanceReading tr = t.vrrp().instance(name).orElseThrow();
      InstanceReading pr = p.vrrp().instance(name).orElseThrow();
      List<String> masters = new ArrayList<>();
      if (tr.role() == VrrpRole.MASTER) {
        masters.add(touched);
      }
      if (pr.role() == VrrpRole.MASTER) {
        masters.add(peer);
      }
      if (masters.isEmpty()) {
        problems.add("instance " + name + " has no MASTER");
      } else if (masters.size() == 2) {
        problems.add("instance " + name + " is MASTER on both " + touched + " and " + peer);
        bothMasters = true;
      }
      for (InstanceReading r : List.of(tr, pr)) {
        String node = r == tr ? touched : peer;
        boolean drained = (r == tr ? t : p).keepalived().drained();
        if (r.role() == VrrpRole.FAULT && !drained) {
          problems.add("instance " + name + " is FAULT on " + node);
        } else if (drained && r.role() == VrrpRole.MASTER) {
          problems.add(node + " is drained but MASTER of " + name);
        }
        r.conflict().ifPresent(c -> problems.add(node + " " + name + ": " + c));
      }
      if (t.keepalived().running() && t.dump().isPresent()) {
        Optional<InstanceState> s = t.dump().get().instance(name);
        int want = instance.priorityOf(touched);
        if (s.isPresent() && want > 0 && s.get().basePriority() != want) {
          problems.add(touched + " runs instance " + name + " with priority " + s.get().basePriority()
              + " but the new configuration says " + want + ": the new configuration is not loaded");
        }
        if (s.isPresent() && s.get().virtualRouterId() != instance.virtualRouterId()) {
          problems.add(touched + " runs instance " + name + " with VRID " + s.get().virtualRouterId()
              + " but the new configuration says " + instance.virtualRouterId()
              + ": the new configuration is not loaded");
        }
      }
      if (before == VrrpRole.MASTER && !restarted && tr.role() == VrrpRole.BACKUP) {
        problems.add(touched + " was MASTER of " + name + " and was only reloaded, but is BACKUP now"
            + " (the VIP moved)");
      }
      if (before == VrrpRole.MASTER && !restarted) {
        // keepalived's JSON counters survive a reload: a release since the change is a lost VIP,
        // even when it came back before this look.
        long was = beforeDump.flatMap(d -> d.instance(name)).map(s -> s.releasedMaster().orElse(-1)).orElse(-1L);
        long now = t.dump().flatMap(d -> d.instance(name)).map(s -> s.releasedMaster().orElse(-1)).orElse(-1L);
        if (was >= 0 && now > was) {
          problems.add(touched + " gave up MASTER of " + name + " " + (now - was)
              + " time(s) during the change (keepalived's release_master counter)");
        }
      }
      boolean peerOutranks = !p.keepalived().drained()
          && (instance.priorityOf(peer) > instance.priorityOf(touched) || !instance.preempt());
      if (before == VrrpRole.BACKUP && p.keepalived().running() && peerOutranks && tr.role() == VrrpRole.MASTER
          && pr.role() != VrrpRole.MASTER) {
        problems.add(touched + " took " + name + " over from " + peer + " although it was BACKUP and "
            + (instance.preempt() ? "has the lower priority" : "preemption is off") + " (the VIP moved)");
      }
      // Where both dumps say who outranks whom, keepalived's own rule decides the MASTER:
      // with preemption the higher effective priority holds the VIPs once things settle.
      Optional<InstanceState> ts = t.dump().flatMap(d -> d.instance(name));
      Optional<InstanceState> ps = p.dump().flatMap(d -> d.instance(name));
      if (instance.preempt() && t.keepalived().running() && p.keepalived().running() && ts.isPresent()
          && !t.keepalived().drained() && !p.keepalived().drained()
          && ps.isPresent() && ts.get().effectivePriority() != ps.get().effectivePriority()) {
        boolean touchedHigher = ts.get().effectivePriority() > ps.get().effectivePriority();
        String higher = touchedHigher ? touched : peer;
        InstanceReading hr = touchedHigher ? tr : pr;
        if (hr.role() != VrrpRole.MASTER && masters.size() < 2) {
          problems.add(higher + " has the higher priority for " + name + " ("
              + Math.max(ts.get().effectivePriority(), ps.get().effectivePriority()) + " over "
              + Math.min(ts.get().effectivePriority(), ps.get().effectivePriority())
              + ") and preempts, but is not MASTER yet");
        }
      }
      summary.add(name + ": " + touched + " " + tr.role() + ", " + peer + " " + pr.role());
    }
    for (KeepalivedView v : List.of(t, p)) {
      if (v.keepalived().drained()) {
        notes.add(v.key().node() + " is drained: FAULT on purpose until it is undrained");
      }
    }
    return new Evaluation(problems, notes, String.join("; ", summary), bothMasters);
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
