package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.resource.DigestKey;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.ShellProbeHost;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.SshSpec;
import io.haprovision.inventory.VrrpSpec;
import io.haprovision.inventory.VerifySpec;
import io.haprovision.plan.Plan;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.Targets;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.Connection;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The engine against real keepalived 2.x in network namespaces of this machine
 * ({@link NetnsPair}): a rolling change behind the health gate, a no-op converge, the drills
 * with measured failover, and a configuration keepalived rejects. Needs root and
 * {@code ip netns}; skips with the reason otherwise.
 */
@Tag("lab")
class RealPairTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  /** One pair for the class; each test starts from fresh configs and freshly started keepalived. */
  private static NetnsPair net;
  private final Map<String, Integer> priority = new LinkedHashMap<>();
  private final Map<String, String> iface = new LinkedHashMap<>();

  @BeforeAll
  static void pairUp() {
    String why = NetnsPair.unavailable();
    if (why != null) {
      System.out.println("RealPairTest skipped: " + why);
    }
    Assumptions.assumeTrue(why == null, () -> "needs root and network namespaces: " + why);
    net = new NetnsPair();
  }

  @BeforeEach
  void startKeepalived() {
    net.start(150, 100);
    priority.put("gw-a", 150);
    priority.put("gw-b", 100);
    iface.put("gw-a", "lan");
    iface.put("gw-b", "lan");
  }

  @AfterAll
  static void pairDown() {
    if (net != null) {
      net.close();
      net = null;
    }
  }

  /** keepalived.conf managed as a file, validated with keepalived -t, reloaded on change. */
  private final class Routers extends io.haprovision.spi.TestPlatform {
    @Override
    public String platform() {
      return "netns";
    }

    @Override
    public DesiredNode desired(PairSpec pair, NodeSpec node) {
      String host = node.name().substring(3);
      return new DesiredNode(pair.name(), node.name(), List.of(
          FileResource.of(NetnsPair.CONF, NetnsPair.config(host, priority.get(node.name()), iface.get(node.name())))
              .withValidation("keepalived -t -f %s").notifying("reload keepalived")),
          List.of(new Handler("reload keepalived", Handler.Kind.RELOAD, "kill -HUP $(cat /run/keepalived.pid)")));
    }

    @Override
    public VrrpExpectations vrrpExpectations(PairSpec pair) {
      return new VrrpExpectations(List.of(new VrrpExpectations.Instance("LAN", "lan", 51,
          List.of(new VrrpExpectations.Vip(NetnsPair.VIP, 24, "lan")), Map.copyOf(priority), BigDecimal.ONE, true)));
    }

    @Override
    public KeepalivedControl keepalivedControl() {
      return new KeepalivedControl(KeepalivedControl.DEFAULT_PID_FILES, KeepalivedControl.DEFAULT_DATA_FILE,
          KeepalivedControl.DEFAULT_JSON_FILE, "kill -HUP $(cat /run/keepalived.pid)",
          "kill $(cat /run/keepalived.pid)", NetnsPair.START);
    }
  }

  private Engine engine() {
    return Engine.builder().digestKey(KEY).targets(Targets.of(new Routers())).connector(new NodeConnector() {
      @Override
      public Map<NodeKey, Connection> openAll(List<NodeTarget> nodes, int parallelism) {
        Map<NodeKey, Connection> out = new LinkedHashMap<>();
        nodes.forEach(t -> out.put(t.key(), net.router(t.node().name().substring(3))));
        return out;
      }
    }).build();
  }

  private static Inventory inventory() {
    SshSpec ssh = new SshSpec("root", 22, Optional.empty(), true, Optional.empty(), Optional.empty(),
        HostKeyPolicy.STRICT, SshSpec.DEFAULT_CONNECT_TIMEOUT, SshSpec.DEFAULT_COMMAND_TIMEOUT, false);
    return new Inventory(null, List.of(new PairSpec("netns", "netns", List.of(
        new NodeSpec("gw-a", NodeRole.PRIMARY, "192.0.2.1", ssh, Map.of(), "pairs[0].nodes[0]"),
        new NodeSpec("gw-b", NodeRole.SECONDARY, "192.0.2.2", ssh, Map.of(), "pairs[0].nodes[1]")),
        new VrrpSpec(List.of(), List.of(), Optional.empty()), new PlatformSection() { }, "pairs[0]", VerifySpec.empty())));
  }

  @Test
  void aRollingChangeReloadsTheBackupFirstKeepsTheVipAndTheNextConvergeIsOneCommandPerNode() {
    priority.put("gw-a", 140);
    priority.put("gw-b", 90);
    ApplyReport report;
    try (EngineSession s = engine().open(inventory())) {
      Plan plan = s.plan();
      assertThat(plan.pair("netns").rolloutOrder()).containsExactly("gw-b", "gw-a");
      report = s.apply(plan);
    }
    System.out.println(report.toText(Redactor.none()));
    assertThat(report.ok()).as(report.toText(Redactor.none())).isTrue();
    PairResult pair = report.pairs().get(0);
    assertThat(pair.nodes()).extracting(ApplyReport.NodeResult::status).containsOnly(NodeStatus.APPLIED);
    assertThat(pair.node("gw-a").orElseThrow().gate().orElseThrow().summary()).startsWith("LAN: gw-a MASTER, gw-b BACKUP");
    assertThat(net.holdsVip("a")).isTrue();
    assertThat(net.liveConf("b")).contains("priority 90");

    try (EngineSession s = engine().open(inventory())) {
      Plan again = s.plan();
      assertThat(again.hasChanges()).isFalse();
      ApplyReport none = s.apply(again);
      assertThat(none.pairs().get(0).status()).isEqualTo(PairStatus.UNCHANGED);
      assertThat(none.execsPerNode()).isEqualTo(Map.of("netns/gw-a", 1L, "netns/gw-b", 1L));
    }
  }

  @Test
  void verifyWithDrillsMeasuresAFailoverUnderFourSeconds() {
    VerifyReport report;
    try (EngineSession s = engine().open(inventory())) {
      report = s.verify(VerifyOptions.defaults().withDrills(true)
          .withProbeHosts(p -> Optional.of(new ShellProbeHost("client", net.client()))));
    }
    System.out.println(report.toText(Redactor.none()));
    assertThat(report.ok()).as(report.toText(Redactor.none())).isTrue();
    var checks = report.pairs().get(0);
    assertThat(checks.checks()).extracting(CheckResult::status).containsOnly(CheckResult.Status.PASSED);
    CheckResult failover = checks.check("drill failover").orElseThrow();
    assertThat(failover.figures().get("failover_seconds")).isLessThan(4.0);
    assertThat(failover.figures()).containsKey("return_seconds");
    assertThat(net.holdsVip("a")).as("gw-a took the VIP back").isTrue();
  }

  @Test
  void aConfigurationKeepalivedRejectsIsNeverInstalledAndThePairStillAnswers() {
    String before = net.liveConf("b");
    iface.put("gw-b", "nosuch0");
    ApplyReport report;
    try (EngineSession s = engine().open(inventory())) {
      report = s.apply(s.plan());
    }
    System.out.println(report.toText(Redactor.none()));
    PairResult pair = report.pairs().get(0);
    assertThat(pair.status()).isEqualTo(PairStatus.FAILED);
    assertThat(pair.node("gw-b").orElseThrow().changes().get(0).error())
        .contains("validation `keepalived -t -f %s` exited").contains("the live file was left unchanged");
    assertThat(net.liveConf("b")).isEqualTo(before);
    assertThat(net.client().exec("ping -c 1 -W 1 " + NetnsPair.VIP).ok()).isTrue();
  }
}
