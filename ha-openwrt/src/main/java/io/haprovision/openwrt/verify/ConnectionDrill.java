package io.haprovision.openwrt.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.ProbeHost;
import io.haprovision.error.InternalException;
import io.haprovision.error.ProvisionException;
import io.haprovision.openwrt.OpenWrtPaths;
import io.haprovision.openwrt.config.ConnectionDrillSettings;
import io.haprovision.spi.PairDrillContext;
import io.haprovision.spi.PlatformDrill;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.ShellQuote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code drill connection-failover}: an open TCP connection through the pair survives the
 * MASTER's death. The pair's probe host opens one connection to the inventory's echo service
 * upstream ({@code openwrt.connection_drill}) and keeps data flowing both ways (a numbered
 * line every 100 ms, echoed back); the drill stops keepalived on the MASTER, waits until the
 * peer holds every VIP and its role hook recorded the conntrackd commit, lets the connection
 * run for {@code hold_seconds}, then starts keepalived on the old MASTER again.
 *
 * <p>It passes when the same socket (opened once, never reopened, no error) carried echoes
 * of lines sent after the new MASTER took over, the commit succeeded, and the new MASTER's
 * connection table holds the flow NATed to a VIP (an entry NATed to the old MASTER's own
 * address would lose the upstream's replies once that node is really gone). The report
 * gives the longest silence, the bytes each way after the failover, and the commit's
 * figures read from the node ({@link OpenWrtPaths#CONNTRACK_STATUS}).
 */
public final class ConnectionDrill implements PlatformDrill {
  /** The drill's name in reports. */
  public static final String NAME = "drill connection-failover";
  /** Lines the connection must carry before the drill stops the MASTER. */
  static final int WARM_UP_ECHOES = 5;
  /** Echoes of lines sent after the takeover a passing run needs. */
  static final int MIN_ECHOES_AFTER = 3;
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);
  private static final Duration COMMIT_LIMIT = Duration.ofSeconds(20);
  private static final Duration RESTORE_LIMIT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** One line of {@code conntrack -L}: original and reply tuples. */
  private static final Pattern ENTRY = Pattern.compile(
      "src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+) .*?src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+)");

  private final ConnectionDrillSettings settings;

  /** The drill with the pair's settings. */
  public ConnectionDrill(ConnectionDrillSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PairDrillContext context) {
    long start = context.nanoTime();
    Optional<String> masterFound = context.master();
    if (masterFound.isEmpty()) {
      return CheckResult.failed(NAME, "needs one node MASTER of every instance and the other BACKUP",
          millisSince(context, start));
    }
    String master = masterFound.get();
    String backup = context.backup().orElseThrow();
    Optional<ProbeHost> probeFound = context.probeHost();
    if (probeFound.isEmpty()) {
      return CheckResult.skipped(NAME, "no probe host for pair " + context.pair().name()
          + ": name one under verify.probe to hold a connection through the pair");
    }
    ProbeHost probe = probeFound.get();
    String dir = "/tmp/ha-provision-connection-drill-" + context.pair().name() + "-" + Long.toHexString(System.nanoTime());
    String qdir = ShellQuote.quote(dir);
    Map<String, Double> figures = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean stopped = false;
    try {
      ExecResult started = probe.run("mkdir -p " + qdir + " && cat > " + qdir + "/client.py <<'HA_PROVISION_EOF'\n"
          + clientScript() + "HA_PROVISION_EOF\n"
          + "nohup python3 " + qdir + "/client.py " + ShellQuote.quote(settings.upstream()) + " " + settings.port()
          + " " + qdir + " > " + qdir + "/client.log 2>&1 < /dev/null &\necho started", PROBE_TIMEOUT);
      if (!started.ok()) {
        return CheckResult.failed(NAME, "could not start the drill's client on probe host " + probe.name() + ": "
            + describe(started), millisSince(context, start));
      }
      context.progress(NAME + ": " + probe.name() + " connects to " + settings.upstream() + ":" + settings.port());
      Optional<JsonNode> warm = await(context, Duration.ofSeconds(15), () -> status(probe, qdir)
          .filter(s -> !s.path("error").asText().isEmpty() || s.path("echoed").asLong() >= WARM_UP_ECHOES));
      if (warm.isEmpty() || !warm.get().path("error").asText().isEmpty()) {
        String why = warm.map(s -> s.path("error").asText()).orElse("no echoes within 15 s");
        return CheckResult.failed(NAME, "the connection from " + probe.name() + " to " + settings.upstream() + ":"
            + settings.port() + " did not work before the drill: " + why + "\n" + clientLog(probe, qdir),
            millisSince(context, start));
      }
      String local = warm.get().path("local").asText();
      long nodeTime = nodeSeconds(context, backup);
      probe.run("touch " + qdir + "/mark-failover", PROBE_TIMEOUT);
      context.progress(NAME + ": stopping keepalived on " + master);
      long t0 = context.nanoTime();
      ExecResult stop = context.change(master, context.keepalivedControl().stopCommand());
      stopped = true;
      if (!stop.ok()) {
        problems.add("stopping keepalived on " + master + " failed: " + describe(stop));
      }
      List<VrrpExpectations.Vip> vips = VrrpExpectations.of(context.pair()).instances().stream()
          .flatMap(i -> i.vips().stream()).toList();
      Optional<Boolean> took = await(context, TAKEOVER_LIMIT,
          () -> holdsAll(context, backup, vips) ? Optional.of(true) : Optional.empty());
      if (took.isEmpty()) {
        problems.add(backup + " did not hold every VIP within " + TAKEOVER_LIMIT.toSeconds() + " s");
      } else {
        figures.put("takeover_seconds", seconds(context, t0));
      }
      Optional<Map<String, String>> commit = await(context, COMMIT_LIMIT, () -> commitRecord(context, backup)
          .filter(r -> parseLong(r.get("time")).orElse(0) >= nodeTime));
      if (commit.isEmpty()) {
        problems.add(backup + "'s role hook recorded no conntrackd commit in " + OpenWrtPaths.CONNTRACK_STATUS
            + " within " + COMMIT_LIMIT.toSeconds() + " s of the takeover (is conntrackd managed and the hook"
            + " keepalived's notify command?)");
      } else {
        Map<String, String> r = commit.get();
        figures.put("commit_seconds", seconds(context, t0));
        for (String key : List.of("external_cache_entries", "kernel_entries_before", "kernel_entries_after",
            "kernel_entries_added")) {
          parseLong(r.get(key)).ifPresent(v -> figures.put(key, (double) v));
        }
        lines.add(String.format(Locale.ROOT, "%s committed conntrackd's external cache (%s entries): kernel"
            + " table %s -> %s entries (%s added), exit %s", backup, r.get("external_cache_entries"),
            r.get("kernel_entries_before"), r.get("kernel_entries_after"), r.get("kernel_entries_added"),
            r.get("commit_exit")));
        if (!"0".equals(r.get("commit_exit"))) {
          problems.add("conntrackd's commit on " + backup + " failed (exit " + r.get("commit_exit") + ")");
        }
      }
      probe.run("touch " + qdir + "/mark-after", PROBE_TIMEOUT);
      context.sleep(Duration.ofSeconds(settings.holdSeconds()));
      // the flow's entry while the connection is still open
      flowFindings(context, backup, local, vips, figures, lines, problems);
      probe.run("touch " + qdir + "/stop", PROBE_TIMEOUT);
      Optional<JsonNode> done = await(context, Duration.ofSeconds(10),
          () -> status(probe, qdir).filter(s -> s.path("done").asBoolean()));
      JsonNode s = done.or(() -> status(probe, qdir)).orElseThrow(() -> new InternalException(
          "the drill's client on " + probe.name() + " left no status"));
      connectionFindings(s, local, figures, lines, problems);
      if (!problems.isEmpty()) {
        lines.add(clientLog(probe, qdir));
      }
    } catch (ProvisionException e) {
      problems.add(e.getMessage());
    } finally {
      try {
        probe.run("touch " + qdir + "/stop; sleep 1; rm -rf " + qdir, PROBE_TIMEOUT);
      } catch (RuntimeException e) {
        problems.add("could not clean up " + dir + " on " + probe.name() + ": " + e.getMessage());
      }
      if (stopped) {
        restore(context, master, backup, figures, lines, problems);
      }
    }
    List<String> all = new ArrayList<>(problems);
    all.addAll(lines);
    return new CheckResult(NAME, problems.isEmpty() ? CheckResult.Status.PASSED : CheckResult.Status.FAILED,
        String.join("\n", all), figures, millisSince(context, start));
  }

  /** Same socket, data both ways after the takeover, the longest silence. */
  private void connectionFindings(JsonNode s, String local, Map<String, Double> figures, List<String> lines,
      List<String> problems) {
    long echoedAfter = s.path("echoed_after_after").asLong();
    long sent = s.path("sent").asLong();
    long echoed = s.path("echoed").asLong();
    double gap = s.path("longest_gap_seconds").asDouble();
    figures.put("connects", s.path("connects").asDouble());
    figures.put("sent", (double) sent);
    figures.put("echoed", (double) echoed);
    figures.put("echoed_after_takeover", (double) echoedAfter);
    figures.put("bytes_sent_after_takeover", s.path("bytes_sent_after").asDouble());
    figures.put("bytes_echoed_after_takeover", s.path("bytes_echoed_after").asDouble());
    figures.put("longest_gap_seconds", gap);
    String error = s.path("error").asText();
    String mismatch = s.path("mismatch").asText();
    if (!error.isEmpty()) {
      problems.add("the connection " + local + " -> " + s.path("remote").asText() + " broke: " + error);
    }
    if (!mismatch.isEmpty()) {
      problems.add("the connection's echoes were out of order: " + mismatch);
    }
    if (s.path("connects").asLong() != 1 || !local.equals(s.path("local").asText())) {
      problems.add("the client did not keep one socket (" + s.path("connects").asLong() + " connects)");
    }
    if (echoedAfter < MIN_ECHOES_AFTER) {
      problems.add("only " + echoedAfter + " lines sent after the takeover came back (needs "
          + MIN_ECHOES_AFTER + "): the connection does not carry data through the new MASTER");
    }
    if (sent - echoed > 2) {
      problems.add((sent - echoed) + " of " + sent + " lines were never echoed");
    }
    lines.add(String.format(Locale.ROOT, "one socket %s -> %s (opened once): %d lines sent, %d echoed; after the"
        + " takeover %d echoed (%d bytes sent, %d bytes back); longest silence %.3f s", local,
        s.path("remote").asText(), sent, echoed, echoedAfter, s.path("bytes_sent_after").asLong(),
        s.path("bytes_echoed_after").asLong(), gap));
  }

  /** The flow's entry in the new MASTER's connection table, and the address it is NATed to. */
  private void flowFindings(PairDrillContext context, String backup, String local, List<VrrpExpectations.Vip> vips,
      Map<String, Double> figures, List<String> lines, List<String> problems) {
    int colon = local.lastIndexOf(':');
    String clientIp = local.substring(0, colon);
    String clientPort = local.substring(colon + 1);
    ExecResult list = context.run(backup, "conntrack -L -p tcp -s " + ShellQuote.quote(clientIp) + " --sport "
        + clientPort + " -d " + ShellQuote.quote(settings.upstream()) + " --dport " + settings.port() + " 2>/dev/null");
    String entry = list.stdout().lines().filter(l -> l.contains("sport=" + clientPort)).findFirst().orElse("");
    if (entry.isEmpty()) {
      figures.put("flow_entries_on_new_master", 0.0);
      problems.add(backup + " has no connection-table entry for " + local + " -> " + settings.upstream() + ":"
          + settings.port() + " (conntrack -L: " + describe(list) + ")");
      return;
    }
    figures.put("flow_entries_on_new_master", 1.0);
    lines.add(backup + " tracks the flow: " + entry.strip().replaceAll("\\s+", " "));
    Matcher m = ENTRY.matcher(entry);
    if (!m.find()) {
      problems.add("cannot read the entry on " + backup + ": " + entry.strip());
      return;
    }
    String natAddress = m.group(6);
    boolean toVip = vips.stream().anyMatch(v -> v.address().equals(natAddress));
    if (!toVip) {
      problems.add("the flow is NATed to " + natAddress + ", not to a VIP: once the node owning that address is"
          + " gone the upstream's replies are lost; add `openwrt.snat` (SNAT to the WAN VIP)");
    } else {
      lines.add("the flow is NATed to the VIP " + natAddress + ", which moved with the MASTER");
    }
  }

  /** Starts keepalived on the old MASTER again and waits for the pair to settle. */
  private void restore(PairDrillContext context, String master, String backup, Map<String, Double> figures,
      List<String> lines, List<String> problems) {
    try {
      await(context, Duration.ofSeconds(15), () -> context.run(master, "pidof keepalived >/dev/null").ok()
          ? Optional.empty() : Optional.of(true));
      context.progress(NAME + ": starting keepalived on " + master + " again");
      long t = context.nanoTime();
      ExecResult start = context.change(master, context.keepalivedControl().startCommand());
      if (!start.ok()) {
        problems.add("starting keepalived on " + master + " again failed: " + describe(start) + "; start it by hand");
        return;
      }
      VrrpExpectations exp = VrrpExpectations.of(context.pair());
      boolean preempt = exp.instances().stream()
          .allMatch(i -> i.preempt() && i.priorityOf(master) > i.priorityOf(backup));
      List<VrrpExpectations.Vip> vips = exp.instances().stream().flatMap(i -> i.vips().stream()).toList();
      String holder = preempt ? master : backup;
      String other = preempt ? backup : master;
      Optional<Boolean> settled = await(context, RESTORE_LIMIT, () -> holdsAll(context, holder, vips)
          && holdsNone(context, other, vips) && context.run(master, "pidof keepalived >/dev/null").ok()
          ? Optional.of(true) : Optional.empty());
      if (settled.isEmpty()) {
        problems.add("after keepalived started again on " + master + ", " + holder + " did not hold every VIP"
            + " alone within " + RESTORE_LIMIT.toSeconds() + " s");
      } else {
        figures.put("restore_seconds", seconds(context, t));
        lines.add("keepalived runs on " + master + " again; every VIP is on " + holder
            + (preempt ? " (preemption is on)" : " (no preemption)"));
      }
    } catch (ProvisionException e) {
      problems.add("restoring " + master + " failed: " + e.getMessage());
    }
  }

  private static boolean holdsAll(PairDrillContext context, String node, List<VrrpExpectations.Vip> vips) {
    String addrs = context.run(node, "ip -o addr show").stdout();
    return vips.stream().allMatch(v -> bound(addrs, v));
  }

  private static boolean holdsNone(PairDrillContext context, String node, List<VrrpExpectations.Vip> vips) {
    String addrs = context.run(node, "ip -o addr show").stdout();
    return vips.stream().noneMatch(v -> bound(addrs, v));
  }

  /** Whether {@code ip -o addr show} output has the VIP on its device. */
  static boolean bound(String ipAddrOutput, VrrpExpectations.Vip vip) {
    return ipAddrOutput.lines().anyMatch(l -> {
      String[] f = l.trim().split("\\s+");
      return f.length > 3 && f[1].equals(vip.device()) && f[3].startsWith(vip.address() + "/");
    });
  }

  /** The role hook's last commit record on {@code node}, if any. */
  static Optional<Map<String, String>> commitRecord(PairDrillContext context, String node) {
    ExecResult r = context.run(node, "cat " + OpenWrtPaths.CONNTRACK_STATUS + " 2>/dev/null");
    if (!r.ok() || r.stdout().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(parseRecord(r.stdout()));
  }

  /** {@code key=value} lines. */
  static Map<String, String> parseRecord(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    text.lines().forEach(l -> {
      int eq = l.indexOf('=');
      if (eq > 0) {
        out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    });
    return out;
  }

  private static long nodeSeconds(PairDrillContext context, String node) {
    ExecResult r = context.run(node, "date +%s");
    return parseLong(r.stdout().strip()).orElse(0);
  }

  private static OptionalLong parseLong(String text) {
    if (text == null || !text.matches("-?\\d+")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(text));
  }

  private static Optional<JsonNode> status(ProbeHost probe, String qdir) {
    ExecResult r = probe.run("cat " + qdir + "/status 2>/dev/null", PROBE_TIMEOUT);
    if (!r.ok() || r.stdout().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(r.stdout()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String clientLog(ProbeHost probe, String qdir) {
    ExecResult r = probe.run("cat " + qdir + "/status " + qdir + "/client.log 2>/dev/null", PROBE_TIMEOUT);
    return "client on " + probe.name() + ": " + r.stdout().strip();
  }

  /** Polls {@code look} every 100 ms until it gives a value, for at most {@code limit}. */
  private static <T> Optional<T> await(PairDrillContext context, Duration limit,
      java.util.function.Supplier<Optional<T>> look) {
    long t0 = context.nanoTime();
    while (true) {
      Optional<T> v = look.get();
      if (v.isPresent() || context.nanoTime() - t0 >= limit.toNanos()) {
        return v;
      }
      context.sleep(POLL);
    }
  }

  private static double seconds(PairDrillContext context, long t0) {
    return Math.round((context.nanoTime() - t0) / 1e6) / 1000.0;
  }

  private static long millisSince(PairDrillContext context, long t0) {
    return (context.nanoTime() - t0) / 1_000_000;
  }

  private static String describe(ExecResult r) {
    return "exit " + r.exitCode() + ": " + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
  }

  /**
   * The client the probe host runs (Python 3): {@code python3 client.py UPSTREAM PORT DIR}, driven
   * by the files {@code mark-failover}, {@code mark-after} and {@code stop} in DIR, reporting in
   * {@code DIR/status} (JSON). Lab tests run it too.
   */
  public static String clientScript() {
    try (InputStream in = ConnectionDrill.class.getResourceAsStream("connection-drill-client.py")) {
      if (in == null) {
        throw new InternalException("connection-drill-client.py is missing from the ha-openwrt jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (IOException e) {
      throw new InternalException("cannot read connection-drill-client.py from the ha-openwrt jar", e);
    }
  }
}
