package io.haprovision.mikrotik.device;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.mikrotik.MikrotikSection;
import io.haprovision.spi.PairCheckContext;
import io.haprovision.spi.PlatformCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code verify} checks on a MikroTik pair, from one read of each router: the same
 * RouterOS version on both ({@code routeros-version}), the heartbeat up with exactly one
 * master ({@code routeros-heartbeat}), each service VRRP interface master on the active router
 * only ({@code routeros-single-master NAME}), the standby's traffic ports disabled
 * ({@code routeros-standby-ports}) and both routers' shared configuration equal
 * ({@code routeros-shared-config}).
 */
public final class MikrotikChecks implements PlatformCheck {
  private final PairSpec pair;
  private final MikrotikSection section;

  /** The checks of {@code pair}. */
  public MikrotikChecks(PairSpec pair) {
    this.pair = pair;
    this.section = pair.platformSection(MikrotikSection.class);
  }

  @Override
  public String name() {
    return "routeros";
  }

  @Override
  public List<CheckResult> run(PairCheckContext context) {
    long start = System.nanoTime();
    Map<String, RouterFacts> routers = new LinkedHashMap<>();
    List<CheckResult> out = new ArrayList<>();
    for (NodeSpec n : pair.nodes()) {
      RouterReader.Reading r = RouterReader.read(cmd -> context.run(n.name(), cmd), section, n.host());
      if (r.facts().isEmpty()) {
        out.add(CheckResult.failed("routeros-read", n.name() + " runs RouterOS " + r.version() + " and refused the "
            + "read script of RouterOS " + section.routerOs() + ": " + r.refusedScript(), millis(start)));
        return out;
      }
      routers.put(n.name(), r.facts().get());
    }
    long ms = millis(start);
    out.add(versions(routers, ms));
    for (String drained : PairHealth.drained(section, routers)) {
      out.add(CheckResult.passed("drained " + drained, drained + " is drained (maintenance): "
          + section.heartbeat().name() + " is disabled there, so it will not become active, even if "
          + pair.peerOf(pair.nodes().stream().filter(n -> n.name().equals(drained)).findFirst().orElseThrow()).name()
          + " fails, until `provision action INVENTORY undrain " + pair.name() + " " + drained + "`; the pair has"
          + " no standby meanwhile", ms));
    }
    List<String> hb = new ArrayList<>(PairHealth.heartbeat(section, routers, List.copyOf(routers.keySet())));
    hb.addAll(PairHealth.preferredIsMaster(section, routers));
    Optional<String> active = PairHealth.active(section, routers);
    out.add(result("routeros-heartbeat", hb, section.heartbeat().name() + " up, master on "
        + active.orElse("?"), ms));
    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      List<String> problems = new ArrayList<>();
      problems.addAll(PairHealth.services(pair, routers, active).stream()
          .filter(p -> p.contains(" " + instance.name() + " ")).toList());
      routers.forEach((name, f) -> {
        if (f.vrrp(instance.name()).isEmpty()) {
          problems.add(name + " has no VRRP interface " + instance.name());
        }
      });
      out.add(result("routeros-single-master " + instance.name(), problems, instance.name() + " master on "
          + active.orElse("?") + " only", ms));
    }
    if (active.isPresent()) {
      String standby = pair.nodes().stream().map(NodeSpec::name).filter(n -> !n.equals(active.get())).findFirst()
          .orElseThrow();
      out.add(result("routeros-standby-ports", PairHealth.standbyPorts(section, standby, routers.get(standby)),
          "the standby " + standby + " has its traffic ports disabled", ms));
    } else {
      out.add(CheckResult.failed("routeros-standby-ports", "no single active router, so no standby to check", ms));
    }
    NodeSpec a = pair.primary();
    NodeSpec b = pair.secondary();
    List<SharedConfig.Difference> diff = SharedConfig.compare(a.name(),
        SharedConfig.of(pair, a, routers.get(a.name()).export(), section.routerOs()), b.name(),
        SharedConfig.of(pair, b, routers.get(b.name()).export(), section.routerOs()), section.routerOs());
    out.add(result("routeros-shared-config", diff.stream().map(SharedConfig.Difference::text).toList(),
        "the shared configuration of " + a.name() + " and " + b.name() + " is the same", ms));
    return out;
  }

  private CheckResult versions(Map<String, RouterFacts> routers, long ms) {
    List<String> v = routers.values().stream().map(f -> io.haprovision.mikrotik.RouterOsVersion.parse(f.version())
        .map(io.haprovision.mikrotik.RouterOsVersion::numbers).orElse(f.version())).distinct().toList();
    String all = String.join(", ", routers.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().version())
        .toList());
    return v.size() == 1 ? CheckResult.passed("routeros-version", "both run RouterOS " + v.get(0) + " (" + all + ")", ms)
        : CheckResult.failed("routeros-version", "the routers run different RouterOS versions: " + all
            + "; upgrade one so both run the same", ms);
  }

  private static CheckResult result(String name, List<String> problems, String ok, long ms) {
    return problems.isEmpty() ? CheckResult.passed(name, ok, ms)
        : CheckResult.failed(name, String.join("\n", problems), ms);
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
