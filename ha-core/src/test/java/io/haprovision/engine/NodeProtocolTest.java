package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.error.TargetException;
import io.haprovision.facts.KeepalivedStatus;
import io.haprovision.facts.NodeFacts;
import io.haprovision.facts.VrrpRole;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.plan.Change;
import io.haprovision.plan.Plan;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DigestKey;
import io.haprovision.resource.FileResource;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.NodeProtocol;
import io.haprovision.spi.NodeReading;
import io.haprovision.spi.PairNodes;
import io.haprovision.spi.PlatformCheck;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import io.haprovision.spi.TestPlatform;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The core's flow for a platform with its own {@link NodeProtocol}: facts, rollout order
 * (BACKUP first), refusal before any change, the safety-net hooks around each node, the
 * pair stopping at a failure, and verify running only the platform's checks. No POSIX probe
 * is sent to such nodes.
 */
class NodeProtocolTest {
  private static final String INVENTORY = """
      version: 1
      pairs:
        - name: edge
          platform: test
          nodes:
            - { name: gw-a, role: primary, host: 192.0.2.11, interfaces: { eth1: 198.51.100.2/24 } }
            - { name: gw-b, role: secondary, host: 192.0.2.12, interfaces: { eth1: 198.51.100.3/24 } }
          vrrp:
            instances:
              - { name: LAN, interface: eth1, virtual_router_id: 51, vips: [198.51.100.1/24] }
      """;

  /** Records every call; gw-a is MASTER, gw-b BACKUP. */
  static final class Recording implements NodeProtocol {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> refuse = new LinkedHashMap<>();
    /** The connections of the engine session (any other is a new one). */
    final java.util.Set<Connection> session = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    String failApplyOn = "";

    @Override
    public NodeReading read(NodeContext node, DesiredNode desired) {
      calls.add("read " + node.node() + (session.contains(node.connection()) ? "" : " over a new connection"));
      VrrpRole role = node.node().equals("gw-a") ? VrrpRole.MASTER : VrrpRole.BACKUP;
      return new NodeReading(new NodeFacts(node.node(), Map.of(), role, KeepalivedStatus.absent()), "testos", "1.0",
          "TestOS 1.0", node.node() + "-host", Optional.ofNullable(refuse.get(node.node())), List.of("a note"));
    }

    @Override
    public String beforeChange(NodeContext node, DesiredNode desired, NodeReading current, List<Change> changes) {
      calls.add("before " + node.node() + " " + changes.size());
      return "armed on " + node.node();
    }

    @Override
    public void apply(NodeContext node, DesiredNode desired, NodeFacts current, List<Change> changes) {
      calls.add("apply " + node.node());
      if (node.node().equals(failApplyOn)) {
        throw new TargetException(TargetException.Kind.FAILED, node.target(), "device said no to line 3");
      }
    }

    @Override
    public GateResult awaitHealthy(PairNodes pair, String touched, Optional<Duration> timeout) {
      calls.add("gate " + touched + " peer " + pair.peerOf(touched));
      return new GateResult(GateResult.Status.PASSED, "fine", List.of(), 1, 1);
    }

    @Override
    public String afterHealthy(NodeContext node) {
      calls.add("after " + node.node());
      return "disarmed";
    }
  }

  private final Recording protocol = new Recording();
  private final Map<String, ScriptedConnection> connections = new LinkedHashMap<>();
  /** Nodes a new connection cannot reach (the change broke their management path). */
  private final java.util.Set<String> cutOff = new java.util.HashSet<>();

  private final Target platform = new TestPlatform() {
    @Override
    public DesiredNode desired(PairSpec pair, NodeSpec node) {
      return new DesiredNode(pair.name(), node.name(), List.of(FileResource.of("/etc/test.conf", "x\n")), List.of());
    }

    @Override
    public VrrpExpectations vrrpExpectations(PairSpec pair) {
      return VrrpExpectations.none();
    }

    @Override
    public Optional<NodeProtocol> nodeProtocol(PairSpec pair) {
      return Optional.of(protocol);
    }

    @Override
    public List<PlatformCheck> extraChecks(PairSpec pair) {
      return List.of(new PlatformCheck() {
        @Override
        public String name() {
          return "own-check";
        }

        @Override
        public List<CheckResult> run(io.haprovision.spi.PairCheckContext context) {
          return List.of(CheckResult.passed("own-check", "read " + context.run("gw-a", "show state").stdout(), 1));
        }
      });
    }
  };

  private EngineSession open() {
    return open(INVENTORY);
  }

  private EngineSession open(String inventory) {
    Inventory inv = new InventoryLoader().withTargets(Targets.of(platform)).withEnvironment(Map.of())
        .load(inventory, "inv.yml", Path.of("/nonexistent"));
    NodeConnector connector = (nodes, parallelism) -> {
      Map<NodeKey, Connection> out = new LinkedHashMap<>();
      for (NodeConnector.NodeTarget t : nodes) {
        String name = t.node().name();
        if (connections.containsKey(name) && cutOff.contains(name)) {
          throw new TargetException(TargetException.Kind.UNREACHABLE, "admin@" + t.node().host() + ":22",
              "connect timed out");
        }
        ScriptedConnection c = new ScriptedConnection("admin@" + t.node().host() + ":22",
            (cmd, in) -> new ExecResult(0, "state of " + name, ""));
        if (!connections.containsKey(name)) {
          connections.put(name, c);
          protocol.session.add(c);
        }
        out.put(t.key(), c);
      }
      return out;
    };
    return Engine.builder().targets(Targets.of(platform)).connector(connector).parallelism(1)
        .digestKey(DigestKey.of(new byte[32])).build().open(inv);
  }

  @Test
  void appliesBackupFirstWithTheHooksAroundEachNode() {
    try (EngineSession s = open()) {
      FactsReport facts = s.facts();
      assertThat(facts.node("edge", "gw-a").system().osName()).isEqualTo("TestOS 1.0");
      assertThat(facts.node("edge", "gw-a").notes()).contains("a note");
      Plan plan = s.plan();
      assertThat(plan.pairs().get(0).rolloutOrder()).containsExactly("gw-b", "gw-a");
      protocol.calls.clear();
      ApplyReport r = s.apply(plan);
      assertThat(r.ok()).as(r.toText(io.haprovision.secret.Redactor.none())).isTrue();
      // The one rollout: arm, change, gate, confirm over a new connection, disarm; node by node.
      assertThat(protocol.calls).containsExactly("read gw-b", "read gw-a",
          "before gw-b 1", "apply gw-b", "gate gw-b peer gw-a", "read gw-b over a new connection", "after gw-b",
          "read gw-a", "before gw-a 1", "apply gw-a", "gate gw-a peer gw-b", "read gw-a over a new connection",
          "after gw-a");
      assertThat(r.pairs().get(0).node("gw-b").orElseThrow().safetyNet())
          .containsExactly("armed on gw-b", "disarmed");
      // The platform reads its nodes its own way: no POSIX probe reached them.
      connections.values().forEach(c -> assertThat(c.calls()).isEmpty());
    }
  }

  @Test
  void aRefusedNodeRefusesThePairBeforeAnyChange() {
    protocol.refuse.put("gw-a", "gw-a runs TestOS 0.9, which is not supported; set allow_old: true");
    try (EngineSession s = open()) {
      Plan plan = s.plan();
      protocol.calls.clear();
      ApplyReport r = s.apply(plan);
      assertThat(r.pairs().get(0).status()).isEqualTo(PairStatus.REFUSED);
      assertThat(r.pairs().get(0).message()).contains("refused before any change").contains("TestOS 0.9");
      assertThat(protocol.calls).noneMatch(c -> c.startsWith("before") || c.startsWith("apply"));
      assertThat(r.pairs().get(0).nodes()).allMatch(n -> n.status() == NodeStatus.REFUSED);
    }
  }

  @Test
  void aFailedApplyStopsThePairAndLeavesTheSafetyNetArmed() {
    protocol.failApplyOn = "gw-b";
    try (EngineSession s = open()) {
      ApplyReport r = s.apply(s.plan());
      assertThat(r.ok()).isFalse();
      assertThat(r.pairs().get(0).nodes().get(0).message()).contains("device said no to line 3");
      assertThat(r.pairs().get(0).nodes().get(1).status()).isEqualTo(NodeStatus.NOT_TOUCHED);
      assertThat(protocol.calls).doesNotContain("after gw-b").noneMatch(c -> c.endsWith("gw-a") && c.startsWith("apply"));
    }
  }

  @Test
  void aNodeANewConnectionCannotReachIsNotConfirmedAndKeepsItsSafetyNet() {
    try (EngineSession s = open()) {
      Plan plan = s.plan();
      cutOff.add("gw-b");
      protocol.calls.clear();
      ApplyReport r = s.apply(plan);
      assertThat(r.ok()).isFalse();
      NodeResult b = r.pairs().get(0).node("gw-b").orElseThrow();
      assertThat(b.status()).isEqualTo(NodeStatus.FAILED);
      assertThat(b.message()).contains("the pair is healthy, but gw-b cannot be reached over a new connection")
          .contains("connect timed out");
      assertThat(b.safetyNet()).first().isEqualTo("armed on gw-b");
      assertThat(b.safetyNet()).last().asString().contains("stays armed");
      assertThat(protocol.calls).contains("gate gw-b peer gw-a").doesNotContain("after gw-b")
          .noneMatch(c -> c.endsWith("gw-a") && c.startsWith("apply"));
      assertThat(r.pairs().get(0).node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
    }
  }

  @Test
  void withoutAutoRevertNothingIsArmedConfirmedOrDisarmed() {
    String without = INVENTORY.replace("    platform: test\n", "    platform: test\n    rollout: { auto_revert: false }\n");
    assertThat(without).contains("auto_revert");
    try (EngineSession s = open(without)) {
      Plan plan = s.plan();
      protocol.calls.clear();
      ApplyReport r = s.apply(plan);
      assertThat(r.ok()).isTrue();
      assertThat(protocol.calls).containsExactly("read gw-b", "read gw-a", "apply gw-b", "gate gw-b peer gw-a",
          "read gw-a", "apply gw-a", "gate gw-a peer gw-b");
    }
  }

  @Test
  void verifyRunsOnlyThePlatformsChecks() {
    try (EngineSession s = open()) {
      VerifyReport v = s.verify(VerifyOptions.defaults());
      assertThat(v.pairs().get(0).checks()).extracting(CheckResult::name).containsExactly("own-check");
      assertThat(v.pairs().get(0).checks().get(0).message()).isEqualTo("read state of gw-a");
      assertThat(connections.get("gw-a").calls()).hasSize(1);
      assertThat(connections.get("gw-b").calls()).isEmpty();
    }
  }
}
