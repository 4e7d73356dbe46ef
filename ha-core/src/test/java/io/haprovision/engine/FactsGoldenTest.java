package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.resource.DigestKey;
import io.haprovision.engine.driver.Drivers;
import io.haprovision.engine.probe.VrrpReading.InstanceReading;
import io.haprovision.facts.FactsLookup;
import io.haprovision.facts.VrrpRole;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.Planner;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.FileState;
import io.haprovision.resource.LineState;
import io.haprovision.resource.PackageState;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ServiceState;
import io.haprovision.secret.Redactor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real probe output (recorded by {@link FactsCapture} from keepalived nodes in network
 * namespaces) replayed through the engine's reader: the facts must come out as the golden
 * files under {@code src/test/resources/facts/NAME/facts.json} say, and the script the engine
 * builds now must still be the one that produced the recording.
 */
class FactsGoldenTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  static Stream<String> scenarios() {
    return FactsScenarios.ALL.stream().map(FactsScenarios.Scenario::name);
  }

  private static NodeObservation replay(String name, ScriptedConnection[] used) {
    FactsScenarios.Scenario s = FactsScenarios.scenario(name);
    Recording recording = Recording.read(FactsScenarios.ROOT.resolve(name));
    ScriptedConnection c = ScriptedConnection.replay("root@" + s.node() + ":22", recording);
    if (used != null) {
      used[0] = c;
    }
    NodeReader reader = new NodeReader(() -> FactsScenarios.NONCE, new FakeClock());
    return reader.observe(new NodeKey("lab", s.node()), c, FactsScenarios.desired(s.node()),
        Drivers.of("test", Drivers.core()), FactsScenarios.expectations(), FactsScenarios.control(), true);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void recordedOutputParsesToTheGoldenFacts(String name) {
    ScriptedConnection[] used = new ScriptedConnection[1];
    NodeObservation o = replay(name, used);
    Recording recording = Recording.read(FactsScenarios.ROOT.resolve(name));
    // The recording must come from the script the engine builds today.
    assertThat(used[0].calls()).hasSize(recording.execs().size());
    for (int i = 0; i < recording.execs().size(); i++) {
      assertThat(used[0].calls().get(i).stdin())
          .as("script of command %d differs from the recorded one; re-record with FactsCapture", i + 1)
          .isEqualTo(recording.execs().get(i).stdin());
    }
    FactsReport report = new FactsReport(List.of(o), Map.of(o.key().toString(), used[0].execCount()), 1, 0, KEY);
    Golden.assertMatches(FactsScenarios.ROOT.resolve(name).resolve("facts.json"), report.toJson(Redactor.none()));
    // A raw content hash lets a short secret in the file be guessed offline: never shown.
    for (String shown : List.of(report.toJson(Redactor.none()), report.toText(Redactor.none()))) {
      org.assertj.core.api.Assertions.assertThat(shown).doesNotContainPattern("sha256=[0-9a-f]{64}");
    }
  }

  @Test
  void masterWithJsonDump() {
    NodeObservation o = replay("gw-a-master-json", null);
    assertThat(o.facts().vrrpRole()).isEqualTo(VrrpRole.MASTER);
    assertThat(o.stateDump()).get().extracting(d -> d.format()).isEqualTo("json");
    assertThat(o.vrrp().instances()).extracting(InstanceReading::role).containsExactly(VrrpRole.MASTER, VrrpRole.MASTER);
    assertThat(o.vrrp().instances()).allSatisfy(i -> {
      assertThat(i.dumpState()).contains("MASTER");
      assertThat(i.basePriority()).contains(140);
      assertThat(i.conflict()).isEmpty();
    });
    assertThat(o.keepalived().pid()).hasValue(6);
    assertThat(o.keepalived().jsonSignal()).hasValue(36);
    assertThat(o.keepalived().configFile()).contains("/var/tmp/h8cap/ka-a.conf");
    assertThat(o.system().os()).isEqualTo("debian");
    assertThat(o.system().packageManager()).isEqualTo("dpkg-query");
    Map<ResourceId, io.haprovision.resource.ResourceState> r = o.facts().resources();
    assertThat(r.get(new ResourceId("package", "keepalived"))).isEqualTo(PackageState.installed("1:2.2.7-1+b2"));
    assertThat(r.get(new ResourceId("package", "ha-provision-no-such-package"))).isEqualTo(PackageState.missing());
    FileState conf = (FileState) r.get(new ResourceId("file", "/var/tmp/h8cap/ka-a.conf"));
    assertThat(conf.content()).get().asString().contains("priority 140").contains("vrrp_instance LAN2");
    FileState same = (FileState) r.get(new ResourceId("file", "/var/tmp/h8cap/same.txt"));
    assertThat(same.mode()).isEqualTo("0644");
    assertThat(same.content()).as("same content: not fetched").isEmpty();
    FileState secret = (FileState) r.get(new ResourceId("file", "/var/tmp/h8cap/secret.conf"));
    assertThat(secret.exists()).isTrue();
    assertThat(secret.content()).as("sensitive: never fetched").isEmpty();
    assertThat(r.get(new ResourceId("file", "/var/tmp/h8cap/gone.txt"))).isEqualTo(FileState.absent());
    assertThat(r.get(new ResourceId("file", "/var/tmp/h8cap/no-such-dir/file.conf"))).isEqualTo(FileState.absent());
    assertThat(r.get(new ResourceId("line", "/var/tmp/h8cap/sysupgrade.conf:/etc/keepalived/"))).isEqualTo(new LineState(true));
    assertThat(r.get(new ResourceId("line", "/var/tmp/h8cap/sysupgrade.conf:/etc/ha-provision/"))).isEqualTo(new LineState(false));
    assertThat(r.get(new ResourceId("service", "keepalived"))).isInstanceOf(ServiceState.class);
  }

  @Test
  void backupWithTextDumpAndAdvertInMilliseconds() {
    NodeObservation o = replay("gw-b-backup-data", null);
    assertThat(o.facts().vrrpRole()).isEqualTo(VrrpRole.BACKUP);
    assertThat(o.keepalived().jsonSignal()).isEmpty();
    assertThat(o.stateDump()).get().satisfies(d -> {
      assertThat(d.format()).isEqualTo("data");
      assertThat(d.instances()).extracting(i -> i.name()).containsExactly("LAN", "LAN2");
      assertThat(d.instances()).allSatisfy(i -> {
        assertThat(i.state()).isEqualTo("BACKUP");
        assertThat(i.basePriority()).isEqualTo(100);
        assertThat(i.advertInt()).isEqualByComparingTo("0.1");
        assertThat(i.version()).isEqualTo(3);
        assertThat(i.interfaceName()).isEqualTo("lan");
      });
      assertThat(d.instance("LAN").orElseThrow().virtualRouterId()).isEqualTo(51);
      assertThat(d.instance("LAN").orElseThrow().vips()).containsExactly("192.0.2.254/24 dev lan scope global");
    });
    assertThat(o.notes()).isEmpty();
  }

  @Test
  void faultIsReadFromTheDump() {
    NodeObservation o = replay("gw-b-fault-json", null);
    assertThat(o.facts().vrrpRole()).isEqualTo(VrrpRole.FAULT);
    assertThat(o.vrrp().instances()).extracting(InstanceReading::role).containsOnly(VrrpRole.FAULT);
  }

  @Test
  void stoppedAndNotInstalled() {
    NodeObservation stopped = replay("gw-b-stopped", null);
    assertThat(stopped.keepalived().installed()).isTrue();
    assertThat(stopped.keepalived().running()).isFalse();
    assertThat(stopped.facts().vrrpRole()).isEqualTo(VrrpRole.UNKNOWN);
    assertThat(stopped.stateDump()).isEmpty();
    assertThat(stopped.notes()).isEmpty();
    NodeObservation fresh = replay("gw-b-not-installed", null);
    assertThat(fresh.keepalived().installed()).isFalse();
    assertThat(fresh.facts().keepalived().installed()).isFalse();
  }

  @Test
  void factsOfTheMasterPlanADiffOfTheFetchedContentAndAModeOnlyUpdate() {
    NodeObservation a = replay("gw-a-master-json", null);
    NodeObservation b = replay("gw-b-backup-data", null);
    DesiredNode da = FactsScenarios.desired("gw-a");
    DesiredNode db = FactsScenarios.desired("gw-b");
    FactsLookup lookup = FactsLookup.builder().add("lab", a.facts()).add("lab", b.facts()).build();
    var pair = Planner.plan(List.of(new DesiredPair("lab", da, db)), lookup, KEY).pair("lab");
    assertThat(pair.rolloutOrder()).containsExactly("gw-b", "gw-a");
    NodePlan na = pair.node("gw-a");
    Change conf = change(na, "file", "/var/tmp/h8cap/ka-a.conf");
    assertThat(conf.diff()).contains("--- a/var/tmp/h8cap/ka-a.conf").contains("-  priority 140")
        .contains("+# desired content differs from the node's");
    assertThat(change(na, "file", "/var/tmp/h8cap/same.txt").summary()).contains("mode 0644 -> 0640")
        .doesNotContain("content");
    assertThat(change(na, "file", "/var/tmp/h8cap/secret.conf").diff()).doesNotContain("password");
    assertThat(na.factsDigest()).isEqualTo(a.facts().digest(KEY));
  }

  private static Change change(NodePlan plan, String kind, String key) {
    Optional<Change> c = plan.changes().stream().filter(x -> x.id().equals(new ResourceId(kind, key))).findFirst();
    return c.orElseThrow();
  }
}
