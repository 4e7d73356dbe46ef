package io.haprovision.mikrotik.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.MikrotikDesiredState;
import io.haprovision.mikrotik.MikrotikTestSupport;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.Planner;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.DigestKey;
import io.haprovision.resource.Resource;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.NodeReading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading routers from recorded answers in both dialects: typed facts, the state of each desired
 * entry (defaults filled in where the export leaves them out), the refusals, and the edits and
 * undo lines a plan turns into. Golden files under device/.
 */
class RouterReadingTest {

  @Test
  void v7ActiveRouterWithDrift() {
    PairSpec pair = MikrotikTestSupport.example();
    String golden = render(pair, pair.primary(), "read-v7-ccr-a.txt");
    MikrotikTestSupport.assertGolden(golden, "device/v7-ccr-a.golden");
    assertThat(golden).contains("refusal: none").contains("role: MASTER")
        .contains("/interface vrrp set [find name=HA_VRRP] interval=1s")
        // A user's own entries are never touched.
        .doesNotContain("br-lan").doesNotContain("192.0.2.128/25");
  }

  @Test
  void v6StandbyWithPendingRevertIsRefused() {
    PairSpec pair = MikrotikTestSupport.exampleOnSix();
    String golden = render(pair, pair.secondary(), "read-v6-ccr-b.txt");
    MikrotikTestSupport.assertGolden(golden, "device/v6-ccr-b.golden");
    assertThat(golden).contains("role: BACKUP").contains("still has the scheduled revert HAP_REVERT");
  }

  @Test
  void wrongRouterAtTheAddressIsRefused() {
    PairSpec pair = MikrotikTestSupport.example();
    // ccr-a's answers given for ccr-b: the HA port's MAC is A's, so B must not be changed.
    NodeReading r = read(pair, pair.secondary(), "read-v7-ccr-a.txt");
    assertThat(r.refusal()).hasValueSatisfying(why -> assertThat(why)
        .contains("is not ccr-b").contains("00:00:5E:00:53:01").contains("ha_link.mac.secondary"));
  }

  @Test
  void versionOutsideTheRangeIsRefusedNamingTheVersionAndTheFlag() {
    PairSpec pair = MikrotikTestSupport.example();
    String old = FixtureConnection.fixture("read-v7-ccr-a.txt").replace("7.12.1 (stable)", "7.10.2 (stable)");
    MikrotikProtocol p = new MikrotikProtocol(pair);
    NodeReading r = p.read(new NodeContext("ccr", "ccr-a", new FixtureConnection(s -> old)),
        MikrotikDesiredState.forNode(pair, pair.primary()));
    assertThat(r.refusal()).hasValueSatisfying(why -> assertThat(why)
        .contains("RouterOS 7.10.2").contains("allow_unsupported_version: true"));
  }

  @Test
  void wrongDialectFallsBackToTheVersionAlone() {
    PairSpec pair = MikrotikTestSupport.example();
    FixtureConnection c = new FixtureConnection(s -> s.contains("show-sensitive")
        ? "expected end of command (line 12 column 15)\n" : "  version: 6.44.6 (long-term)\n");
    NodeReading r = new MikrotikProtocol(pair).read(new NodeContext("ccr", "ccr-a", c),
        MikrotikDesiredState.forNode(pair, pair.primary()));
    assertThat(c.scripts).hasSize(2);
    assertThat(r.refusal()).hasValueSatisfying(why -> assertThat(why).contains("runs RouterOS 6.44.6")
        .contains("routeros says 7"));
  }

  @Test
  void readIsOneCommand() {
    PairSpec pair = MikrotikTestSupport.example();
    FixtureConnection c = FixtureConnection.reading("read-v7-ccr-a.txt");
    new MikrotikProtocol(pair).read(new NodeContext("ccr", "ccr-a", c), MikrotikDesiredState.forNode(pair, pair.primary()));
    assertThat(c.scripts).hasSize(1);
    assertThat(c.scripts.get(0)).contains("/export terse show-sensitive").contains("/system resource print")
        .contains("/system identity print").contains("/system clock print").contains("/interface vrrp print terse");
  }

  private static NodeReading read(PairSpec pair, NodeSpec node, String fixture) {
    return new MikrotikProtocol(pair).read(new NodeContext(pair.name(), node.name(), FixtureConnection.reading(fixture)),
        MikrotikDesiredState.forNode(pair, node));
  }

  /** Facts, states, plan summaries, edits and undo of {@code node} read from {@code fixture}. */
  static String render(PairSpec pair, NodeSpec node, String fixture) {
    String text = FixtureConnection.fixture(fixture);
    RouterFacts facts = RouterFacts.parse(RouterScripts.sections(text), "test");
    NodeReading reading = read(pair, node, fixture);
    DesiredNode desired = MikrotikDesiredState.forNode(pair, node);
    StringBuilder sb = new StringBuilder();
    sb.append("version: ").append(facts.version()).append('\n');
    sb.append("board: ").append(facts.resource().get("board-name")).append('\n');
    sb.append("identity: ").append(facts.identity()).append('\n');
    sb.append("clock: ").append(facts.clock().orElseThrow()).append('\n');
    facts.vrrp().forEach(v -> sb.append("vrrp: ").append(v.get("name")).append(" flags=").append(v.flags())
        .append(" priority=").append(v.get("priority")).append('\n'));
    sb.append("ethernet disabled: ").append(facts.ethernet().stream().filter(PrintedEntry::disabled)
        .map(e -> e.get("name")).toList()).append('\n');
    sb.append("export: ").append(facts.export().entries().size()).append(" entries, ").append(facts.export().version()
        .orElse("?")).append('\n');
    sb.append("role: ").append(reading.facts().vrrpRole()).append('\n');
    sb.append("refusal: ").append(reading.refusal().orElse("none")).append('\n');
    for (Resource r : desired.resources()) {
      sb.append("state ").append(r.describe()).append(": ").append(reading.facts().state(r.id())
          .map(s -> s.fingerprint()).orElse("unknown")).append('\n');
    }
    DesiredPair dp = new DesiredPair(pair.name(), node == pair.primary() ? desired
        : MikrotikDesiredState.forNode(pair, pair.primary()), node == pair.secondary() ? desired
        : MikrotikDesiredState.forNode(pair, pair.secondary()));
    var facts2 = io.haprovision.facts.FactsLookup.builder().add(pair.name(), reading.facts())
        .add(pair.name(), io.haprovision.facts.NodeFacts.empty(pair.peerOf(node).name())).build();
    NodePlan plan = Planner.plan(List.of(dp), facts2, DigestKey.of(new byte[32])).pairs().get(0).nodes().stream()
        .filter(n -> n.node().equals(node.name())).findFirst().orElseThrow();
    List<Change> changes = plan.changes().stream().filter(Change::changes).toList();
    changes.forEach(c -> sb.append("plan: ").append(c.summary()).append('\n'));
    List<Edit> edits = MikrotikProtocol.edits(desired, reading.facts(), changes);
    edits.forEach(e -> sb.append("edit: ").append(e.shown()).append('\n'));
    edits.forEach(e -> sb.append("undo: ").append(e.undo()).append('\n'));
    return sb.toString();
  }

  static Map<String, String> sections(String fixture) {
    return RouterScripts.sections(FixtureConnection.fixture(fixture));
  }
}
