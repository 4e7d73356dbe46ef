package io.haprovision.openwrt.verify;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.openwrt.OpenWrtPaths;
import io.haprovision.openwrt.OpenWrtTarget;
import io.haprovision.openwrt.config.DhcpInterface;
import io.haprovision.openwrt.config.OpenWrtSection;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.LineInFile;
import io.haprovision.resource.Resource;
import io.haprovision.spi.PairCheckContext;
import io.haprovision.spi.PlatformCheck;
import io.haprovision.transport.ExecResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks an OpenWrt pair adds to {@code verify}, each only when the inventory manages
 * the feature:
 *
 * <ul>
 *   <li>{@code conntrackd-sync} (conntrackd managed): {@code conntrackd -s} answers on both
 *       nodes and its statistics parse; the external cache, sync link and message counters
 *       of each node are reported as figures ({@code gw-a.external_active}...);
 *   <li>{@code dhcp-master-only} (DHCP managed): {@code dhcp.SECTION.ignore} is {@code 0} or
 *       unset on the MASTER and {@code 1} on the BACKUP for every managed interface, and
 *       dnsmasq runs on the MASTER;
 *   <li>{@code sysupgrade-keeps} (always: ha-provision always writes files): every file
 *       ha-provision manages on a node is kept by that node's {@code /etc/sysupgrade.conf}.
 * </ul>
 */
public final class OpenWrtChecks {
  /** Exit code of {@link #READ_SYSUPGRADE_CONF} when the file does not exist. */
  static final int MISSING = 3;
  /** Prints conntrackd's statistics through the control socket of the managed config. */
  static final String CONNTRACKD_STATS = "conntrackd -C " + OpenWrtPaths.CONNTRACKD_CONF + " -s";
  /** Exit 0 when a dnsmasq process runs. */
  static final String DNSMASQ_RUNNING = "pidof dnsmasq >/dev/null";
  /** Prints /etc/sysupgrade.conf, or exits {@link #MISSING} when there is none. */
  static final String READ_SYSUPGRADE_CONF = "[ -e " + OpenWrtPaths.SYSUPGRADE_CONF + " ] || exit " + MISSING
      + "; cat " + OpenWrtPaths.SYSUPGRADE_CONF;

  private OpenWrtChecks() {}

  /** The checks for {@code pair} (an OpenWrt pair), in report order. */
  public static List<PlatformCheck> forPair(PairSpec pair) {
    OpenWrtSection s = pair.platformSection(OpenWrtSection.class);
    List<PlatformCheck> out = new ArrayList<>();
    if (s.conntrackd().enabled()) {
      out.add(check("conntrackd-sync", OpenWrtChecks::conntrackdSync));
    }
    if (s.dhcp().managed()) {
      List<String> sections = s.dhcp().interfaces().stream().map(DhcpInterface::section).toList();
      out.add(check("dhcp-master-only", c -> dhcpMasterOnly(c, sections)));
    }
    out.add(check("sysupgrade-keeps", OpenWrtChecks::sysupgradeKeeps));
    return List.copyOf(out);
  }

  /** The {@code uci} command printing a DHCP section's {@code ignore} option (exit 1 when unset). */
  static String uciIgnore(String section) {
    return "uci -q get /etc/config/dhcp." + section + ".ignore";
  }

  private static PlatformCheck check(String name, Function<PairCheckContext, CheckResult> body) {
    return new PlatformCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<CheckResult> run(PairCheckContext context) {
        long start = System.nanoTime();
        CheckResult r = body.apply(context);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return List.of(new CheckResult(r.name(), r.status(), r.message(), r.figures(), millis));
      }
    };
  }

  private static List<String> nodes(PairCheckContext c) {
    return c.pair().nodes().stream().map(NodeSpec::name).toList();
  }

  static CheckResult conntrackdSync(PairCheckContext c) {
    String name = "conntrackd-sync";
    Map<String, Double> figures = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String node : nodes(c)) {
      ExecResult r = c.run(node, CONNTRACKD_STATS);
      if (!r.ok()) {
        String why = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        problems.add("conntrackd is not running on " + node + " (conntrackd -s exit " + r.exitCode() + ")"
            + (why.isEmpty() ? "" : ": " + why));
        continue;
      }
      try {
        ConntrackdStats stats = ConntrackdStats.parse(r.stdout());
        figures.putAll(stats.figures(node + "."));
        lines.add(node + ": " + stats.summary());
      } catch (IllegalArgumentException e) {
        problems.add("conntrackd -s on " + node + " printed something else than statistics (" + e.getMessage()
            + ")");
      }
    }
    String message = String.join("\n", problems.isEmpty() ? lines : concat(problems, lines));
    return new CheckResult(name, problems.isEmpty() ? CheckResult.Status.PASSED : CheckResult.Status.FAILED,
        message, figures, 0);
  }

  static CheckResult dhcpMasterOnly(PairCheckContext c, List<String> sections) {
    String name = "dhcp-master-only";
    Optional<String> master = c.master();
    if (master.isEmpty()) {
      return CheckResult.failed(name, "no node is MASTER of every instance while the other is BACKUP, so it"
          + " cannot be told which node should serve DHCP on " + String.join(", ", sections), 0);
    }
    String backup = c.backup().orElseThrow();
    Map<String, Map<String, Optional<String>>> ignore = new LinkedHashMap<>();
    for (String node : List.of(master.get(), backup)) {
      Map<String, Optional<String>> perSection = new LinkedHashMap<>();
      for (String section : sections) {
        ExecResult r = c.run(node, uciIgnore(section));
        // uci -q get: the value and exit 0, or nothing and exit 1 when the option is unset
        perSection.put(section, r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty());
      }
      ignore.put(node, perSection);
    }
    boolean dnsmasq = c.run(master.get(), DNSMASQ_RUNNING).ok();
    List<String> problems = DhcpServing.problems(master.get(), backup, ignore, sections, dnsmasq);
    return problems.isEmpty()
        ? CheckResult.passed(name, master.get() + " (MASTER) serves DHCP on " + String.join(", ", sections)
            + " with dnsmasq running; " + backup + " (BACKUP) ignores them", 0)
        : CheckResult.failed(name, String.join("\n", problems), 0);
  }

  static CheckResult sysupgradeKeeps(PairCheckContext c) {
    String name = "sysupgrade-keeps";
    OpenWrtTarget target = new OpenWrtTarget();
    List<String> problems = new ArrayList<>();
    Map<String, Double> figures = new LinkedHashMap<>();
    for (NodeSpec node : c.pair().nodes()) {
      List<String> managed = managedPaths(target, c.pair(), node);
      ExecResult r = c.run(node.name(), READ_SYSUPGRADE_CONF);
      SysupgradeConf conf;
      if (r.exitCode() == MISSING) {
        conf = SysupgradeConf.parse("");
      } else if (!r.ok()) {
        problems.add("could not read " + OpenWrtPaths.SYSUPGRADE_CONF + " on " + node.name() + " (exit "
            + r.exitCode() + "): " + r.stderr().strip());
        continue;
      } else {
        conf = SysupgradeConf.parse(r.stdout());
      }
      List<String> lost = conf.lost(managed);
      figures.put(node.name() + ".managed_paths", (double) managed.size());
      figures.put(node.name() + ".lost_paths", (double) lost.size());
      if (!lost.isEmpty()) {
        problems.add("a sysupgrade of " + node.name() + " would lose " + String.join(", ", lost)
            + (r.exitCode() == MISSING ? " (" + OpenWrtPaths.SYSUPGRADE_CONF + " does not exist)" : ""));
      }
    }
    if (!problems.isEmpty()) {
      return new CheckResult(name, CheckResult.Status.FAILED, String.join("\n", problems), figures, 0);
    }
    return new CheckResult(name, CheckResult.Status.PASSED, "every managed path is kept across sysupgrade on "
        + String.join(" and ", nodes(c)), figures, 0);
  }

  /**
   * The files ha-provision writes on {@code node} (present files and files it adds lines
   * to), except {@code /etc/sysupgrade.conf} itself; UCI files are kept by sysupgrade as
   * package conffiles and are not listed.
   */
  static List<String> managedPaths(OpenWrtTarget target, PairSpec pair, NodeSpec node) {
    Set<String> out = new LinkedHashSet<>();
    for (Resource r : target.desired(pair, node).resources()) {
      if (r instanceof FileResource f && f.ensure() == Ensure.PRESENT) {
        out.add(f.path());
      } else if (r instanceof LineInFile l && l.ensure() == Ensure.PRESENT) {
        out.add(l.path());
      }
    }
    out.remove(OpenWrtPaths.SYSUPGRADE_CONF);
    return List.copyOf(out);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
