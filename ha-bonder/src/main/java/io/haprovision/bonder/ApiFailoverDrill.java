package io.haprovision.bonder;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.spi.BackgroundCommand;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.PairDrillContext;
import io.haprovision.spi.PlatformDrill;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code drill api-failover}: stops keepalived on the MASTER bonder and measures the seconds
 * until the management API shows the swap (the other bond's objects all enabled, the old
 * MASTER's all disabled), read from the control host every {@value #POLL_MILLIS} ms. Then it
 * starts keepalived again and, when the old MASTER preempts, measures until the API shows the
 * objects back on its bond. The time covers keepalived's master-down interval, the notify
 * program's calls and the API.
 */
final class ApiFailoverDrill implements PlatformDrill {
  static final String NAME = "drill api-failover";
  static final long POLL_MILLIS = 100;
  private static final Duration POLL = Duration.ofMillis(POLL_MILLIS);
  /** The longest one reading of an object may take while polling. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PairDrillContext context) {
    long start = context.nanoTime();
    PairSpec pair = context.pair();
    BonderSection section = pair.platformSection(BonderSection.class);
    if (context.master().isEmpty()) {
      return CheckResult.failed(NAME, "needs one bonder MASTER of every instance and the other BACKUP",
          millis(context, start));
    }
    String master = context.master().get();
    String backup = context.backup().orElseThrow();
    NodeRole masterRole = roleOf(pair, master);
    NodeRole backupRole = masterRole.other();
    ApiClient client = ApiClient.forControlHost(section.api());
    List<String> before = ApiState.read(section, client, READ_TIMEOUT).disagreements(masterRole);
    if (!before.isEmpty()) {
      return CheckResult.failed(NAME, "the API disagrees with keepalived before the drill (" + master
          + " is MASTER); nothing was stopped:\n" + String.join("\n", before), millis(context, start));
    }
    VrrpExpectations exp = VrrpExpectations.of(pair);
    Duration limit = limit(section, exp);
    KeepalivedControl control = context.keepalivedControl();
    Map<String, Double> figures = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    boolean failed = false;
    BackgroundCommand stopping = null;
    try {
      context.progress(NAME + ": stopping keepalived on " + master);
      long t0 = context.nanoTime();
      // systemctl stop may return only once keepalived has exited, after the handover: watch
      // the API while it runs, so the figure is the failover, not the stop command.
      stopping = BackgroundCommand.start("api-failover-stop-" + master, () -> context.change(master, control.stopCommand()));
      Optional<Double> took = waitForApi(context, section, client, backupRole, t0, limit, stopping);
      ExecResult stop = stopping.result();
      if (!stop.ok()) {
        return CheckResult.failed(NAME, "stopping keepalived on " + master + " failed (exit " + stop.exitCode()
            + "): " + (stop.stderr().isBlank() ? stop.stdout() : stop.stderr()).strip(), millis(context, start));
      }
      if (took.isEmpty()) {
        failed = true;
        lines.add("the API did not show the objects on " + backup + "'s bond within " + seconds(limit)
            + " after keepalived stopped on " + master + ":\n"
            + String.join("\n", ApiState.read(section, client, READ_TIMEOUT).disagreements(backupRole)));
      } else {
        figures.put("api_swap_seconds", took.get());
        lines.add(String.format(Locale.ROOT, "the API showed every object on %s's bond %s %.3f s after keepalived"
            + " stopped on %s", backup, section.bonds().of(backupRole).id(), took.get(), master));
      }
    } catch (RuntimeException e) {
      failed = true;
      lines.add(String.valueOf(e.getMessage()));
    } finally {
      if (stopping != null && stopping.ranToAnEnd()) {
        Optional<String> problem = restore(context, section, client, exp, master, masterRole, backup, figures, lines);
        if (problem.isPresent()) {
          failed = true;
          lines.add(problem.get());
        }
      }
    }
    return new CheckResult(NAME, failed ? CheckResult.Status.FAILED : CheckResult.Status.PASSED,
        String.join("\n", lines), figures, millis(context, start));
  }

  /** Starts keepalived on the old MASTER again; with preemption, measures until the API shows the objects back. */
  private static Optional<String> restore(PairDrillContext context, BonderSection section, ApiClient client,
      VrrpExpectations exp, String master, NodeRole masterRole, String backup, Map<String, Double> figures,
      List<String> lines) {
    KeepalivedControl control = context.keepalivedControl();
    // A stopping keepalived hands over first and exits after; a second one started before
    // it is gone refuses to run.
    Duration gone = Duration.ofSeconds(15);
    long t1 = context.nanoTime();
    while (context.run(master, running(control)).ok()) {
      if (context.nanoTime() - t1 > gone.toNanos()) {
        return Optional.of("keepalived on " + master + " still ran " + seconds(gone) + " after it was told to stop;"
            + " it was not started again");
      }
      context.sleep(POLL);
    }
    context.progress(NAME + ": starting keepalived on " + master + " again");
    long t2 = context.nanoTime();
    ExecResult start = context.change(master, control.startCommand());
    if (!start.ok()) {
      return Optional.of("starting keepalived on " + master + " again failed (exit " + start.exitCode() + "): "
          + (start.stderr().isBlank() ? start.stdout() : start.stderr()).strip() + "; start it by hand");
    }
    boolean preempt = !exp.isEmpty() && exp.instances().stream()
        .allMatch(i -> i.preempt() && i.priorityOf(master) > i.priorityOf(backup));
    if (!preempt) {
      lines.add("keepalived runs on " + master + " again; the objects stay on " + backup + "'s bond (it does not"
          + " preempt)");
      return Optional.empty();
    }
    Duration limit = limit(section, exp);
    Optional<Double> back = waitForApi(context, section, client, masterRole, t2, limit, null);
    if (back.isEmpty()) {
      return Optional.of(master + " did not take the objects back within " + seconds(limit) + " after keepalived"
          + " started again, although it preempts:\n"
          + String.join("\n", ApiState.read(section, client, READ_TIMEOUT).disagreements(masterRole)));
    }
    figures.put("api_return_seconds", back.get());
    lines.add(String.format(Locale.ROOT, "the API showed every object back on %s's bond %.3f s after keepalived"
        + " started again (it preempts)", master, back.get()));
    return Optional.empty();
  }

  /** Polls the API until {@code owner}'s bond carries every object: seconds since {@code t0}, or empty at the limit. */
  private static Optional<Double> waitForApi(PairDrillContext context, BonderSection section, ApiClient client,
      NodeRole owner, long t0, Duration limit, BackgroundCommand stopping) {
    while (true) {
      if (ApiState.read(section, client, READ_TIMEOUT).disagreements(owner).isEmpty()) {
        return Optional.of((context.nanoTime() - t0) / 1e9);
      }
      if (stopping != null && stopping.failedAlready()) {
        return Optional.empty();
      }
      if (context.nanoTime() - t0 >= limit.toNanos()) {
        return Optional.empty();
      }
      context.sleep(POLL);
    }
  }

  /**
   * How long a swap may take: keepalived's master-down interval with room to spare, plus the
   * notify program's worst case for one object (every attempt timing out, with the delays).
   */
  static Duration limit(BonderSection section, VrrpExpectations exp) {
    ManagementApi api = section.api();
    long advertMillis = exp.maxAdvertInt().multiply(java.math.BigDecimal.valueOf(1000)).longValue();
    Duration notify = api.timeout().plus(api.attemptDelay()).multipliedBy(api.attempts());
    return Duration.ofMillis(advertMillis * 10).plusSeconds(10).plus(notify);
  }

  /** A command that exits 0 while a keepalived process runs on the node. */
  private static String running(KeepalivedControl control) {
    StringBuilder files = new StringBuilder();
    for (String f : control.pidFiles()) {
      files.append(' ').append(f);
    }
    return "pidof keepalived >/dev/null 2>&1 || { for f in" + files + "; do [ -s \"$f\" ]"
        + " && kill -0 \"$(cat \"$f\")\" 2>/dev/null && exit 0; done; exit 1; }";
  }

  private static NodeRole roleOf(PairSpec pair, String node) {
    return pair.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().role();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static long millis(PairDrillContext context, long start) {
    return (context.nanoTime() - start) / 1_000_000;
  }
}
