package io.haprovision.openwrt.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.FactsReport;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.plan.Plan;
import io.haprovision.plan.Planner;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine converges a fresh OpenWrt lab pair over SSH with the OpenWrt platform, the VIP
 * answers from the pair's client, verify's checks and drills pass, and a second converge has
 * nothing to do and costs one command per node.
 */
@LabTest(pairs = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConvergeLabTest {
  @Test
  @Order(1)
  void aFreshPairConvergesVerifiesAndConvergesAgainForOneCommandPerNode(Lab lab, @TempDir Path tmp) {
    Inventory inventory = new InventoryLoader().withTargets(Targets.discover())
        .load(lab.writeInventory(tmp.resolve("lab.yml")));
    Redactor redactor = Redactor.of(inventory.secrets());
    Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor)
        .listener(e -> System.out.println("  [event] " + e)).build();
    LabPair pair = lab.pair(1);

    try (EngineSession session = engine.open(inventory)) {
      FactsReport facts = session.facts();
      System.out.println(facts.toText(redactor));
      Plan plan = Planner.plan(session.desired(), facts.lookup(), engine.digestKey());
      assertThat(plan.hasChanges()).isTrue();
      ApplyReport applied = session.apply(plan);
      System.out.println(applied.toText(redactor));
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();

      // The lab inventory names the pair's LAN client as verify's probe host: the VIPs are
      // pinged from it over one more SSH session, as from any probe host an inventory names.
      long before = session.handshakes();
      VerifyReport verified = session.verify(VerifyOptions.defaults().withDrills(true));
      System.out.println(verified.toText(redactor));
      assertThat(verified.ok()).as(verified.toText(redactor)).isTrue();
      assertThat(session.handshakes() - before).as("one session to the probe host").isEqualTo(1);
      for (String vip : List.of(pair.lanVipAddress(), pair.wanVipAddress())) {
        CheckResult answers = verified.pairs().get(0).check("vip-answers " + vip).orElseThrow();
        assertThat(answers.status()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(answers.message()).contains("replies from " + pair.client());
      }
      CheckResult failover = verified.pairs().get(0).check("drill failover").orElseThrow();
      assertThat(failover.figures().get("failover_seconds")).isLessThan(4.0);
    }

    try (EngineSession session = engine.open(inventory)) {
      Plan again = session.plan();
      assertThat(again.hasChanges()).as("second converge").isFalse();
      ApplyReport none = session.apply(again);
      System.out.println(none.toText(redactor));
      assertThat(none.execsPerNode()).isEqualTo(Map.of(
          pair.name() + "/" + pair.a().name(), 1L, pair.name() + "/" + pair.b().name(), 1L));
      assertThat(none.handshakes()).isEqualTo(2);
    }
  }

  /**
   * New priorities for both instances on both nodes (the order of the nodes unchanged): only
   * the keepalived.conf files change, the BACKUP is reloaded first, then the MASTER, and a
   * client pinging the LAN VIP every 50 ms through the apply loses nothing.
   */
  @Test
  @Order(2)
  void aChangedPriorityReloadsTheBackupFirstAndTheClientLosesNoPing(Lab lab, @TempDir Path tmp) throws IOException {
    Path file = lab.writeInventory(tmp.resolve("lab.yml"));
    Inventory before = new InventoryLoader().withTargets(Targets.discover()).load(file);
    Engine engine = Engine.builder().targets(Targets.discover()).build();
    try (EngineSession session = engine.open(before)) {
      assertThat(session.apply(session.plan()).ok()).isTrue(); // converged, whatever ran before
    }
    String yaml = Files.readString(file)
        .replace("          virtual_router_id: 51\n", "          virtual_router_id: 51\n"
            + "          priority: { primary: 140, secondary: 90 }\n")
        .replace("          virtual_router_id: 52\n", "          virtual_router_id: 52\n"
            + "          priority: { primary: 140, secondary: 90 }\n");
    Files.writeString(file, yaml);
    Inventory after = new InventoryLoader().withTargets(Targets.discover()).load(file);
    LabPair pair = lab.pair(1);
    String out = "/tmp/ha-ping-" + lab.runId() + ".out";
    lab.exec(pair.client(), "ping -i 0.05 -q " + pair.lanVipAddress() + " > " + out + " 2>&1 & echo $! > " + out + ".pid");
    ApplyReport report;
    Plan plan;
    try (EngineSession session = engine.open(after)) {
      plan = session.plan();
      report = session.apply(plan);
    } finally {
      // ping prints its summary as it exits on SIGINT: wait for the summary, not a guessed time
      lab.exec(pair.client(), "kill -INT $(cat " + out + ".pid); i=0; while ! grep -q 'packets transmitted' " + out
          + " && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done");
    }
    String ping = lab.exec(pair.client(), "cat " + out + "; rm -f " + out + " " + out + ".pid").stdout();
    System.out.println(report.toText(Redactor.none()));
    System.out.println(ping);
    assertThat(report.ok()).as(report.toText(Redactor.none())).isTrue();
    var p = report.pairs().get(0);
    assertThat(p.rolloutOrder()).containsExactly(pair.b().name(), pair.a().name());
    for (var node : p.nodes()) {
      assertThat(node.changes()).extracting(ApplyReport.ChangeResult::id)
          .containsExactly("file:/etc/keepalived/keepalived.conf");
      assertThat(node.handlers()).extracting(ApplyReport.HandlerResult::kind)
          .containsExactly(io.haprovision.resource.Handler.Kind.RELOAD);
    }
    io.haprovision.engine.verify.PingResult result = io.haprovision.engine.verify.PingResult.parse(ping, 0);
    assertThat(result.sent()).as(ping).isGreaterThan(20);
    assertThat(result.received()).as("no ping lost during the apply:\n" + ping).isEqualTo(result.sent());
  }
}
