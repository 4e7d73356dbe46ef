package io.haprovision.engine;

import io.haprovision.ProgressEvent;
import io.haprovision.ProgressEvent.Phase;
import io.haprovision.ProvisionListener;
import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.VrrpReading.InstanceReading;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.PingResult;
import io.haprovision.engine.verify.ProbeHost;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport.PairVerification;
import io.haprovision.error.InternalException;
import io.haprovision.error.ProvisionException;
import io.haprovision.facts.VrrpRole;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.BackgroundCommand;
import io.haprovision.spi.PairCheckContext;
import io.haprovision.spi.PlatformCheck;
import io.haprovision.spi.VerificationDefaults;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.spi.VrrpExpectations.Instance;
import io.haprovision.spi.VrrpExpectations.Vip;
import io.haprovision.transport.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a pair's verification plan: the checks the platform (or the run) asks for and, on
 * request, the drills.
 *
 * <ul>
 *   <li>{@code keepalived-running}: a keepalived process on both nodes;
 *   <li>{@code single-master INSTANCE}: the instance's VIPs bound on exactly one node, and
 *       keepalived's state dumps agreeing;
 *   <li>{@code vip-answers VIP}: the VIP answers ping from the pair's probe host;
 *   <li>{@code drill reload-safe}: reload the MASTER's keepalived and watch both nodes for a
 *       few advert intervals: the MASTER must keep every VIP, the BACKUP must bind none, and
 *       keepalived must count no MASTER release;
 *   <li>{@code drill failover}: stop keepalived on the MASTER, measure until the peer holds
 *       every VIP, start it again and, with preemption, measure until it holds them again.
 * </ul>
 *
 * <p>The platform's own checks ({@link io.haprovision.spi.Target#extraChecks}) run after the
 * core's checks and before the drills; its own drills ({@link io.haprovision.spi.Target#drills})
 * after the core's drills.
 */
final class Verifier {
  /** Time between two looks during a drill. */
  static final Duration DRILL_POLL = Duration.ofMillis(50);

  private final NodeReader reader;
  private final EngineClock clock;
  private final ProvisionListener listener;
  private final Redactor redactor;

  Verifier(NodeReader reader, EngineClock clock, ProvisionListener listener, Redactor redactor) {
    this.reader = reader;
    this.clock = clock;
    this.listener = listener;
    this.redactor = redactor;
  }

  /**
   * Whether an apply holds the pair's lock (or one that died left it): then the pair may be
   * half-changed, and the holder is named.
   */
  private CheckResult pairLock(PairContext pair, List<String> nodes) {
    long start = clock.nanoTime();
    List<String> held = new ArrayList<>();
    for (String node : nodes) {
      try {
        String text = LockStore.of(pair, node).orElseThrow().read();
        if (!text.isBlank()) {
          held.add(node + ": " + PairLock.describe(PairLock.fields(text)));
        }
      } catch (ProvisionException e) {
        return CheckResult.failed("pair-lock", "could not read the pair lock on " + node + ": "
            + redactor.redact(e.getMessage()), clock.millisSince(start));
      }
    }
    if (held.isEmpty()) {
      return CheckResult.passed("pair-lock", "no run holds the pair's lock", clock.millisSince(start));
    }
    return CheckResult.failed("pair-lock", "the pair is locked (" + String.join("; ", held) + "): a run is changing"
        + " it, or one that died left it half-changed; wait for it, or run apply --break-lock if its process is gone",
        clock.millisSince(start));
  }

  /**
   * Whether each node's keepalived runs the configuration it should: every instance with the
   * VRID, priority, VIPs and wire (version, advert interval, authentication, unicast) the
   * configuration gives it. A daemon not reloaded after its files changed fails here, although
   * the pair may look healthy.
   */
  private CheckResult runsItsConfiguration(PairContext pair, VrrpExpectations exp, List<KeepalivedView> views,
      long millis) {
    List<String> wrong = new ArrayList<>();
    for (KeepalivedView v : views) {
      String node = v.key().node();
      if (!v.keepalived().running() || v.dump().isEmpty()) {
        continue;
      }
      for (Instance i : exp.instances()) {
        Optional<io.haprovision.engine.probe.InstanceState> s = v.dump().get().instance(i.name());
        if (s.isEmpty()) {
          wrong.add(node + " runs no instance " + i.name());
          continue;
        }
        List<String> d = new ArrayList<>();
        if (s.get().virtualRouterId() != i.virtualRouterId()) {
          d.add("VRID " + s.get().virtualRouterId() + " instead of " + i.virtualRouterId());
        }
        int want = i.priorityOf(node);
        if (want > 0 && s.get().basePriority() != want) {
          d.add("priority " + s.get().basePriority() + " instead of " + want);
        }
        io.haprovision.facts.VrrpWire w = i.wires().get(node);
        java.util.Set<String> runs = new java.util.TreeSet<>();
        s.get().vips().forEach(x -> runs.add(x.trim().split("\\s+")[0]));
        java.util.Set<String> should = new java.util.TreeSet<>();
        i.vips().forEach(x -> should.add(x.cidr()));
        if (!runs.isEmpty() && !runs.equals(should)) {
          d.add("VIPs " + runs + " instead of " + should);
        }
        if (w != null) {
          s.get().wire(v.keepalived().unicastOf(i.name())).differences(w).stream()
              .filter(x -> !x.startsWith("VRID")).map(x -> x + " (runs -> should)").forEach(d::add);
        }
        if (!d.isEmpty()) {
          wrong.add(node + " runs " + i.name() + " with " + String.join(", ", d));
        }
      }
    }
    if (wrong.isEmpty()) {
      return CheckResult.passed("keepalived-runs-its-configuration", "both nodes run every instance as configured",
          millis);
    }
    return CheckResult.failed("keepalived-runs-its-configuration", String.join("; ", wrong) + ": its files changed"
        + " without a reload, or they differ from the inventory; run plan, then apply (a reload an earlier apply"
        + " did not get to run is planned)",
        millis);
  }

  /**
   * Verifies one pair.
   *
   * @param probe the pair's probe host, asked for only when a VIP is to be pinged; it may throw
   *     a {@link ProvisionException} when the host cannot be reached, which fails that check
   */
  PairVerification verify(PairContext pair, VerifyOptions options, Supplier<Optional<ProbeHost>> probe) {
    // The run's checks win; otherwise the inventory's overrides over the platform's defaults.
    VerificationDefaults which = options.checks()
        .orElseGet(() -> pair.spec.verify().over(pair.target.verificationDefaults(pair.spec)));
    VrrpExpectations exp = pair.expectations;
    if (pair.protocol.isPresent()) {
      // Nodes with their own protocol are not read with POSIX probes: the platform's checks
      // (and, on request, drills) read them their own way.
      List<CheckResult> own = new ArrayList<>();
      if (pair.protocol.get().pairLock().isPresent()) {
        own.add(pairLock(pair, pair.spec.nodes().stream().map(n -> n.name()).toList()));
      }
      own.addAll(platformChecks(pair, VrrpExpectations.none(), null, null));
      if (options.drills()) {
        PairLockHold.Result taken = PairLockHold.take(pair, pair.spec.nodes().stream().map(n -> n.name()).toList(),
            "verify --drills", false, why -> event(pair, Phase.FAILED, why));
        if (taken.busy().isPresent()) {
          own.add(CheckResult.failed("drills", "not run: " + redactor.redact(taken.busy().get()), 0));
        } else {
          try (PairLockHold hold = taken.hold().orElseThrow()) {
            own.addAll(platformDrills(pair, probe));
          }
        }
      }
      for (CheckResult c : own) {
        event(pair, c.status() == CheckResult.Status.FAILED ? Phase.FAILED : Phase.VERIFY,
            c.name() + ": " + c.status().name().toLowerCase(Locale.ROOT));
      }
      return new PairVerification(pair.name(), own);
    }
    String a = pair.spec.primary().name();
    String b = pair.spec.secondary().name();
    List<CheckResult> checks = new ArrayList<>();
    event(pair, Phase.VERIFY, "reading both nodes");
    long start = clock.nanoTime();
    KeepalivedView va;
    KeepalivedView vb;
    try {
      va = view(pair, a, true);
      vb = view(pair, b, true);
    } catch (ProvisionException e) {
      checks.add(CheckResult.failed("read-nodes", "could not read the pair: " + redactor.redact(e.getMessage()),
          clock.millisSince(start)));
      return new PairVerification(pair.name(), checks);
    }
    long readMillis = clock.millisSince(start);

    checks.add(pairLock(pair, List.of(a, b)));
    List<CheckResult> drained = drained(pair, List.of(va, vb), readMillis);
    checks.addAll(drained);
    if (which.keepalivedRunning()) {
      checks.add(keepalivedRunning(va, vb, readMillis));
      if (!exp.isEmpty()) {
        checks.add(runsItsConfiguration(pair, exp, List.of(va, vb), readMillis));
      }
    }
    if (which.singleMaster()) {
      if (exp.isEmpty()) {
        checks.add(CheckResult.skipped("single-master", "platform " + pair.target.platform()
            + " runs no keepalived instance"));
      }
      for (Instance instance : exp.instances()) {
        checks.add(singleMaster(instance, va, vb, readMillis));
      }
    }
    if (which.vipAnswers()) {
      checks.addAll(vipAnswers(pair, exp, which.pingCount(), probe));
    }
    checks.addAll(platformChecks(pair, exp, va, vb));
    if (options.drills() && !drained.isEmpty()) {
      checks.add(CheckResult.skipped("drills", "not run: " + drained.get(0).name().substring("drained ".length())
          + " is drained, so the pair has no standby to fail over to; undrain it to drill"));
    } else if (options.drills()) {
      // The drills stop and reload keepalived: one writer per pair, as for apply.
      PairLockHold.Result taken = PairLockHold.take(pair, List.of(a, b), "verify --drills", false,
          why -> event(pair, Phase.FAILED, why));
      if (taken.busy().isPresent()) {
        checks.add(CheckResult.failed("drills", "not run: " + redactor.redact(taken.busy().get()), 0));
      } else {
        try (PairLockHold hold = taken.hold().orElseThrow()) {
          checks.add(reloadSafe(pair));
          checks.add(failover(pair));
          checks.addAll(platformDrills(pair, probe));
        }
      }
    }
    for (CheckResult c : checks) {
      event(pair, c.status() == CheckResult.Status.FAILED ? Phase.FAILED : Phase.VERIFY,
          c.name() + ": " + c.status().name().toLowerCase(Locale.ROOT));
    }
    return new PairVerification(pair.name(), checks);
  }

  /**
   * The platform's own checks ({@link io.haprovision.spi.Target#extraChecks}), each told which
   * node is MASTER as read above. A check that throws becomes a FAILED result under its name.
   */
  private List<CheckResult> platformChecks(PairContext pair, VrrpExpectations exp, KeepalivedView va,
      KeepalivedView vb) {
    List<PlatformCheck> extra = pair.target.extraChecks(pair.spec);
    if (extra.isEmpty()) {
      return List.of();
    }
    Optional<String> master = exp.isEmpty() ? Optional.empty() : servingMaster(exp.instances(), va, vb);
    // Checks see the drill context only through PairCheckContext: read access, no changes.
    PairCheckContext context = drillContext(pair, master, Optional::empty);
    List<CheckResult> out = new ArrayList<>();
    for (PlatformCheck check : extra) {
      event(pair, Phase.VERIFY, "platform check " + check.name());
      long t = clock.nanoTime();
      try {
        List<CheckResult> results = check.run(context);
        if (results == null) {
          throw new InternalException("platform check " + check.name() + " returned null instead of a list");
        }
        out.addAll(results);
      } catch (RuntimeException e) {
        // A platform's bug or an unreachable node fails this check only; verify goes on.
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : redactor.redact(e.getMessage());
        out.add(CheckResult.failed(check.name(), "the check could not run: " + why, clock.millisSince(t)));
      }
    }
    return out;
  }

  /**
   * The platform's own drills ({@link io.haprovision.spi.Target#drills}), one at a time, each
   * told which node is MASTER as read just before it. A drill that throws becomes a FAILED
   * result under its name.
   */
  private List<CheckResult> platformDrills(PairContext pair, Supplier<Optional<ProbeHost>> probe) {
    List<io.haprovision.spi.PlatformDrill> drills = pair.target.drills(pair.spec);
    List<CheckResult> out = new ArrayList<>();
    for (io.haprovision.spi.PlatformDrill drill : drills) {
      long t = clock.nanoTime();
      try {
        Optional<String> master;
        if (pair.expectations.isEmpty()) {
          master = Optional.empty();
        } else {
          KeepalivedView va = view(pair, pair.spec.primary().name(), true);
          KeepalivedView vb = view(pair, pair.spec.secondary().name(), true);
          master = masterAndBackup(pair, pair.expectations.instances(), va, vb).map(mb -> mb[0]);
        }
        event(pair, Phase.VERIFY, drill.name() + ": starting");
        CheckResult result = drill.run(drillContext(pair, master, probe));
        if (result == null) {
          throw new InternalException("platform drill " + drill.name() + " returned null instead of a result");
        }
        out.add(result);
      } catch (RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : redactor.redact(e.getMessage());
        out.add(CheckResult.failed(drill.name(), "the drill could not run: " + why, clock.millisSince(t)));
      }
    }
    return out;
  }

  private io.haprovision.spi.PairDrillContext drillContext(PairContext pair, Optional<String> master,
      Supplier<Optional<ProbeHost>> probe) {
    return new io.haprovision.spi.PairDrillContext() {
      @Override
      public Optional<ProbeHost> probeHost() {
        return probe.get();
      }

      @Override
      public io.haprovision.inventory.PairSpec pair() {
        return pair.spec;
      }

      @Override
      public Optional<String> master() {
        return master;
      }

      @Override
      public ExecResult run(String node, String command) {
        return pair.connection(node).exec(command);
      }

      @Override
      public ExecResult change(String node, String command) {
        return pair.connection(node).exec(command);
      }

      @Override
      public io.haprovision.spi.KeepalivedControl keepalivedControl() {
        return pair.control;
      }

      @Override
      public long nanoTime() {
        return clock.nanoTime();
      }

      @Override
      public void sleep(Duration duration) {
        clock.sleep(duration);
      }

      @Override
      public void progress(String message) {
        event(pair, Phase.VERIFY, message);
      }
    };
  }

  private CheckResult keepalivedRunning(KeepalivedView va, KeepalivedView vb, long millis) {
    List<String> down = new ArrayList<>();
    List<String> up = new ArrayList<>();
    for (KeepalivedView v : List.of(va, vb)) {
      if (v.keepalived().running()) {
        up.add(v.key().node() + " (pid " + v.keepalived().pid().getAsLong() + ")");
      } else {
        down.add(v.key().node() + (v.keepalived().installed() ? "" : " (not installed)"));
      }
    }
    return down.isEmpty()
        ? CheckResult.passed("keepalived-running", "running on " + String.join(" and ", up), millis)
        : CheckResult.failed("keepalived-running", "keepalived is not running on " + String.join(" and ", down), millis);
  }

  private CheckResult singleMaster(Instance instance, KeepalivedView va, KeepalivedView vb, long millis) {
    String name = "single-master " + instance.name();
    InstanceReading ra = va.vrrp().instance(instance.name()).orElseThrow();
    InstanceReading rb = vb.vrrp().instance(instance.name()).orElseThrow();
    String detail = va.key().node() + " " + ra.describe().substring(instance.name().length() + 1) + "; "
        + vb.key().node() + " " + rb.describe().substring(instance.name().length() + 1);
    List<String> problems = new ArrayList<>();
    long masters = List.of(ra, rb).stream().filter(r -> r.role() == VrrpRole.MASTER).count();
    if (masters == 0) {
      problems.add("no node is MASTER");
    } else if (masters == 2) {
      problems.add("both nodes are MASTER (split brain)");
    }
    ra.conflict().ifPresent(c -> problems.add(va.key().node() + ": " + c));
    rb.conflict().ifPresent(c -> problems.add(vb.key().node() + ": " + c));
    List<String> notes = new ArrayList<>();
    for (KeepalivedView v : List.of(va, vb)) {
      v.dumpProblem().ifPresent(p -> notes.add(v.key().node() + ": " + p + " (checked by the bound VIPs only)"));
    }
    String message = (problems.isEmpty() ? "" : String.join("; ", problems) + "\n") + detail
        + (notes.isEmpty() ? "" : "\n" + String.join("\n", notes));
    return problems.isEmpty() ? CheckResult.passed(name, message, millis) : CheckResult.failed(name, message, millis);
  }

  private List<CheckResult> vipAnswers(PairContext pair, VrrpExpectations exp, int count,
      Supplier<Optional<ProbeHost>> probe) {
    Set<String> vips = new LinkedHashSet<>();
    exp.instances().forEach(i -> i.vips().forEach(v -> vips.add(v.address())));
    if (vips.isEmpty()) {
      return List.of(CheckResult.skipped("vip-answers", "the pair has no VIPs"));
    }
    long opening = clock.nanoTime();
    Optional<ProbeHost> host;
    try {
      host = probe.get();
    } catch (ProvisionException e) {
      return List.of(CheckResult.failed("vip-answers", "could not ping the VIPs " + String.join(", ", vips)
          + " from the LAN: " + redactor.redact(e.getMessage()), clock.millisSince(opening)));
    }
    if (host.isEmpty()) {
      return List.of(CheckResult.skipped("vip-answers", "no probe host for pair " + pair.name()
          + ": name one in the inventory to ping the VIPs from the LAN"));
    }
    List<CheckResult> out = new ArrayList<>();
    for (String vip : vips) {
      long t = clock.nanoTime();
      PingResult r = host.get().ping(vip, count, Duration.ofSeconds(1));
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("sent", (double) r.sent());
      figures.put("received", (double) r.received());
      figures.put("loss_percent", r.lossPercent());
      r.avgMillis().ifPresent(ms -> figures.put("avg_rtt_ms", ms));
      String name = "vip-answers " + vip;
      String msg = r.received() + "/" + r.sent() + " replies from " + host.get().name()
          + r.avgMillis().stream().mapToObj(ms -> String.format(Locale.ROOT, ", average %.3f ms", ms)).findFirst().orElse("");
      out.add(new CheckResult(name, r.answered() ? CheckResult.Status.PASSED : CheckResult.Status.FAILED,
          r.answered() ? msg : vip + " does not answer ping from " + host.get().name() + ":\n" + r.output().strip(),
          figures, clock.millisSince(t)));
    }
    return out;
  }

  /**
   * The node that is MASTER of every instance while its peer is BACKUP of all or drained on
   * purpose, if any: the node serving the pair.
   */
  private static Optional<String> servingMaster(List<Instance> instances, KeepalivedView va, KeepalivedView vb) {
    for (KeepalivedView[] mb : List.of(new KeepalivedView[] {va, vb}, new KeepalivedView[] {vb, va})) {
      boolean ok = mb[0].keepalived().running();
      for (Instance i : instances) {
        ok &= mb[0].vrrp().instance(i.name()).map(r -> r.role() == VrrpRole.MASTER).orElse(false)
            && (mb[1].keepalived().drained() || mb[1].vrrp().instance(i.name())
                .map(r -> r.role() == VrrpRole.BACKUP).orElse(false));
      }
      if (ok) {
        return Optional.of(mb[0].key().node());
      }
    }
    return Optional.empty();
  }

  /**
   * One result per drained node: drained on purpose is not a failure, but the pair has no
   * standby while it lasts, and the drills (which need one) are not run.
   */
  private static List<CheckResult> drained(PairContext pair, List<KeepalivedView> views, long millis) {
    List<CheckResult> out = new ArrayList<>();
    for (KeepalivedView v : views) {
      if (v.keepalived().drained()) {
        String node = v.key().node();
        out.add(CheckResult.passed("drained " + node, node + " is drained (maintenance): it holds no VIP and will"
            + " not take the VIPs, even if " + pair.peerOf(node) + " fails, until `provision action INVENTORY"
            + " undrain " + pair.name() + " " + node + "`; the pair has no standby meanwhile", millis));
      }
    }
    return out;
  }

  /** The node that is MASTER of every instance with VIPs while its peer is BACKUP of all, if any. */
  private Optional<String[]> masterAndBackup(PairContext pair, List<Instance> instances, KeepalivedView va,
      KeepalivedView vb) {
    for (KeepalivedView[] mb : List.of(new KeepalivedView[] {va, vb}, new KeepalivedView[] {vb, va})) {
      boolean ok = mb[0].keepalived().running() && mb[1].keepalived().running();
      for (Instance i : instances) {
        ok &= mb[0].vrrp().instance(i.name()).map(r -> r.role() == VrrpRole.MASTER).orElse(false)
            && mb[1].vrrp().instance(i.name()).map(r -> r.role() == VrrpRole.BACKUP).orElse(false);
      }
      if (ok) {
        return Optional.of(new String[] {mb[0].key().node(), mb[1].key().node()});
      }
    }
    return Optional.empty();
  }

  private CheckResult reloadSafe(PairContext pair) {
    String name = "drill reload-safe";
    List<Instance> withVips = withVips(pair.expectations);
    if (withVips.isEmpty()) {
      return CheckResult.skipped(name, "the pair has no VIPs to watch");
    }
    long start = clock.nanoTime();
    try {
      String a = pair.spec.primary().name();
      String b = pair.spec.secondary().name();
      KeepalivedView va = view(pair, a, true);
      KeepalivedView vb = view(pair, b, true);
      Optional<String[]> roles = masterAndBackup(pair, withVips, va, vb);
      if (roles.isEmpty()) {
        return CheckResult.failed(name, "needs one node MASTER of every instance and the other BACKUP; found "
            + roleLine(va) + ", " + roleLine(vb), clock.millisSince(start));
      }
      String master = roles.get()[0];
      String backup = roles.get()[1];
      KeepalivedView before = master.equals(a) ? va : vb;
      Duration window = Timings.seconds(pair.expectations.maxAdvertInt()).multipliedBy(3).plusSeconds(1);
      if (window.compareTo(Duration.ofSeconds(2)) < 0) {
        window = Duration.ofSeconds(2);
      }
      event(pair, Phase.VERIFY, "drill reload-safe: reloading keepalived on " + master);
      long t0 = clock.nanoTime();
      ExecResult r = pair.connection(master).exec(pair.control.reloadCommand());
      if (!r.ok()) {
        return CheckResult.failed(name, "reloading keepalived on " + master + " failed (exit " + r.exitCode() + "): "
            + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip(), clock.millisSince(start));
      }
      List<String> violations = new ArrayList<>();
      int looks = 0;
      while (clock.nanoTime() - t0 < window.toNanos()) {
        AddressTable am = reader.addresses(pair.connection(master));
        AddressTable ab = reader.addresses(pair.connection(backup));
        looks++;
        double at = (clock.nanoTime() - t0) / 1e9;
        for (Instance i : withVips) {
          if (!holdsAll(am, i)) {
            violations.add(String.format(Locale.ROOT, "%.2f s after the reload %s did not hold the VIPs of %s",
                at, master, i.name()));
          }
          if (holdsAny(ab, i)) {
            violations.add(String.format(Locale.ROOT, "%.2f s after the reload %s held a VIP of %s", at, backup,
                i.name()));
          }
        }
        clock.sleep(DRILL_POLL);
      }
      int seen = violations.size();
      if (seen > 6) {
        violations = new ArrayList<>(violations.subList(0, 6));
        violations.add("... and " + (seen - 6) + " more looks like these");
      }
      KeepalivedView after = view(pair, master, true);
      for (Instance i : withVips) {
        long was = before.dump().flatMap(d -> d.instance(i.name())).map(s -> s.releasedMaster().orElse(-1)).orElse(-1L);
        long now = after.dump().flatMap(d -> d.instance(i.name())).map(s -> s.releasedMaster().orElse(-1)).orElse(-1L);
        if (was >= 0 && now > was) {
          violations.add("keepalived on " + master + " gave up MASTER of " + i.name() + " " + (now - was) + " time(s)");
        }
      }
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("window_seconds", window.toMillis() / 1000.0);
      figures.put("looks", (double) looks);
      figures.put("bad_looks", (double) seen);
      if (!violations.isEmpty()) {
        return new CheckResult(name, CheckResult.Status.FAILED, "reloading keepalived on the MASTER " + master
            + " moved a VIP:\n" + String.join("\n", violations), figures, clock.millisSince(start));
      }
      return new CheckResult(name, CheckResult.Status.PASSED, master + " kept every VIP and " + backup
          + " bound none for " + HealthGate.human(window) + " after " + master + "'s keepalived was reloaded ("
          + looks + " looks); no transition", figures, clock.millisSince(start));
    } catch (ProvisionException e) {
      return CheckResult.failed(name, redactor.redact(e.getMessage()), clock.millisSince(start));
    }
  }

  private CheckResult failover(PairContext pair) {
    String name = "drill failover";
    VrrpExpectations exp = pair.expectations;
    List<Instance> withVips = withVips(exp);
    if (withVips.isEmpty()) {
      return CheckResult.skipped(name, "the pair has no VIPs to move");
    }
    long start = clock.nanoTime();
    String a = pair.spec.primary().name();
    String b = pair.spec.secondary().name();
    String master;
    String backup;
    try {
      KeepalivedView va = view(pair, a, false);
      KeepalivedView vb = view(pair, b, false);
      Optional<String[]> roles = masterAndBackup(pair, withVips, va, vb);
      if (roles.isEmpty()) {
        return CheckResult.failed(name, "needs one node MASTER of every instance and the other BACKUP; found "
            + roleLine(va) + ", " + roleLine(vb), clock.millisSince(start));
      }
      master = roles.get()[0];
      backup = roles.get()[1];
    } catch (ProvisionException e) {
      return CheckResult.failed(name, redactor.redact(e.getMessage()), clock.millisSince(start));
    }
    Duration advert = Timings.seconds(exp.maxAdvertInt());
    int backupPriority = withVips.stream().mapToInt(i -> i.priorityOf(backup)).min().orElse(100);
    double masterDown = Timings.masterDownSeconds(exp.maxAdvertInt(), backupPriority);
    Map<String, Double> figures = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    boolean failed = false;
    BackgroundCommand stopping = null;
    try {
      event(pair, Phase.VERIFY, "drill failover: stopping keepalived on " + master);
      long t0 = clock.nanoTime();
      // A stop command may return only once keepalived has exited (a procd or systemd stop
      // waits for it), which takes longer than the handover: keepalived hands over first, then
      // exits. Watch the backup while the stop runs, so the figure is the failover, not the
      // stop command's duration.
      stopping = BackgroundCommand.start("failover-drill-stop-" + pair.name() + "-" + master,
          () -> pair.connection(master).exec(pair.control.stopCommand()));
      stopping.awaitQuietly(DRILL_POLL); // a quick stop ends first, so the looks follow it in order
      BackgroundCommand stop0 = stopping;
      Optional<Double> took = waitFor(t0, advert.multipliedBy(10).plusSeconds(5),
          () -> stop0.failedAlready()
              || withVips.stream().allMatch(i -> holdsAll(reader.addresses(pair.connection(backup)), i)));
      ExecResult stop = stopping.result();
      if (!stop.ok()) {
        return CheckResult.failed(name, "stopping keepalived on " + master + " failed (exit " + stop.exitCode()
            + "): " + (stop.stderr().isBlank() ? stop.stdout() : stop.stderr()).strip(), clock.millisSince(start));
      }
      if (took.isEmpty()) {
        failed = true;
        lines.add(backup + " did not hold every VIP within " + HealthGate.human(advert.multipliedBy(10).plusSeconds(5))
            + " after keepalived stopped on " + master);
      } else {
        figures.put("failover_seconds", took.get());
        figures.put("master_down_seconds", masterDown);
        lines.add(String.format(Locale.ROOT, "%s held every VIP %.3f s after keepalived stopped on %s"
            + " (keepalived's master-down interval for priority %d: %.3f s)", backup, took.get(), master,
            backupPriority, masterDown));
        AddressTable left = reader.addresses(pair.connection(master));
        if (withVips.stream().anyMatch(i -> holdsAny(left, i))) {
          failed = true;
          lines.add(master + " still holds a VIP with keepalived stopped");
        }
      }
    } catch (ProvisionException e) {
      failed = true;
      lines.add(redactor.redact(e.getMessage()));
    } finally {
      // started again only when the stop command ran (whatever its exit code), as before
      if (stopping != null && stopping.ranToAnEnd()) {
        Optional<String> restore = restart(pair, master, withVips, backup, figures, lines);
        if (restore.isPresent()) {
          failed = true;
          lines.add(restore.get());
        }
      }
    }
    return new CheckResult(name, failed ? CheckResult.Status.FAILED : CheckResult.Status.PASSED,
        String.join("\n", lines), figures, clock.millisSince(start));
  }

  /** Starts keepalived on the old master again and measures the way back; a problem, if any. */
  private Optional<String> restart(PairContext pair, String master, List<Instance> withVips, String backup,
      Map<String, Double> figures, List<String> lines) {
    VrrpExpectations exp = pair.expectations;
    Duration advert = Timings.seconds(exp.maxAdvertInt());
    boolean preempt = withVips.stream().allMatch(i -> i.preempt() && i.priorityOf(master) > i.priorityOf(backup));
    try {
      // A stopping keepalived may still be shutting down (it hands over first, then exits);
      // starting another one before it is gone makes the new one refuse to run.
      Duration stopLimit = advert.multipliedBy(3).plusSeconds(10);
      Optional<Double> gone = waitFor(clock.nanoTime(), stopLimit,
          () -> !view(pair, master, false).keepalived().running());
      if (gone.isEmpty()) {
        return Optional.of("keepalived on " + master + " was still running " + HealthGate.human(stopLimit)
            + " after it was told to stop; it was not started again");
      }
      event(pair, Phase.VERIFY, "drill failover: starting keepalived on " + master + " again");
      long t2 = clock.nanoTime();
      ExecResult start = pair.connection(master).exec(pair.control.startCommand());
      if (!start.ok()) {
        return Optional.of("starting keepalived on " + master + " again failed (exit " + start.exitCode() + "): "
            + (start.stderr().isBlank() ? start.stdout() : start.stderr()).strip() + "; start it by hand");
      }
      Duration limit = advert.multipliedBy(10).plusSeconds(10);
      if (preempt) {
        Optional<Double> back = waitFor(t2, limit, () -> {
          AddressTable m = reader.addresses(pair.connection(master));
          AddressTable b = reader.addresses(pair.connection(backup));
          return withVips.stream().allMatch(i -> holdsAll(m, i) && !holdsAny(b, i));
        });
        if (back.isEmpty()) {
          return Optional.of(master + " did not take the VIPs back within " + HealthGate.human(limit)
              + " after keepalived started again, although it has the higher priority and preempts");
        }
        figures.put("return_seconds", back.get());
        lines.add(String.format(Locale.ROOT, "%s took every VIP back %.3f s after keepalived started again"
            + " (preemption is on)", master, back.get()));
      } else {
        Optional<Double> up = waitFor(t2, limit, () -> view(pair, master, false).keepalived().running());
        if (up.isEmpty()) {
          return Optional.of("keepalived did not come up on " + master + " within " + HealthGate.human(limit));
        }
        lines.add("keepalived runs on " + master + " again; the VIPs stay on " + backup + " (no preemption)");
      }
      return Optional.empty();
    } catch (ProvisionException e) {
      return Optional.of("restoring " + master + " failed: " + redactor.redact(e.getMessage()));
    }
  }

  /** Polls {@code condition} every {@link #DRILL_POLL} until it holds: seconds since {@code t0}, or empty at the limit. */
  private Optional<Double> waitFor(long t0, Duration limit, java.util.function.BooleanSupplier condition) {
    while (true) {
      if (condition.getAsBoolean()) {
        return Optional.of((clock.nanoTime() - t0) / 1e9);
      }
      if (clock.nanoTime() - t0 >= limit.toNanos()) {
        return Optional.empty();
      }
      clock.sleep(DRILL_POLL);
    }
  }

  private KeepalivedView view(PairContext pair, String node, boolean withDump) {
    return reader.keepalived(new NodeKey(pair.name(), node), pair.connection(node), pair.expectations, pair.control,
        withDump);
  }

  private static List<Instance> withVips(VrrpExpectations exp) {
    return exp.instances().stream().filter(i -> !i.vips().isEmpty()).toList();
  }

  private static boolean holdsAll(AddressTable table, Instance i) {
    for (Vip v : i.vips()) {
      if (!table.hasAddress(v.device(), v.address())) {
        return false;
      }
    }
    return true;
  }

  private static boolean holdsAny(AddressTable table, Instance i) {
    for (Vip v : i.vips()) {
      if (table.hasAddress(v.device(), v.address())) {
        return true;
      }
    }
    return false;
  }

  private static String roleLine(KeepalivedView v) {
    return v.key().node() + " " + (v.keepalived().running() ? v.vrrp().role().name() : "not running");
  }

  private void event(PairContext pair, Phase phase, String message) {
    listener.onEvent(new ProgressEvent(pair.name(), "", phase, redactor.redact(message)));
  }
}
