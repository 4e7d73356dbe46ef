package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From two factory-like routers to a verified pair, and a second apply that changes nothing. */
class ConvergeSimTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void convergesBothRoutersThenNothingToDo(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      Provisioner p = sim.provisioner();
      ApplyReport first;
      try (EngineSession s = p.connect()) {
        Plan plan = s.plan();
        assertThat(plan.pairs().get(0).rolloutOrder()).containsExactly("ccr-b", "ccr-a");
        first = s.apply(plan);
      }
      assertThat(first.ok()).as(first.toText(p.redactor()) + "\n" + String.join("\n", sim.progress)).isTrue();
      // The secondary went first, and the revert armed on each router was removed after its gate.
      assertThat(sim.a.exportTerse()).doesNotContain("HAP_REVERT");
      assertThat(sim.b.exportTerse()).doesNotContain("HAP_REVERT");
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("backup");
      assertThat(sim.a.vrrpRole("WAN")).isEqualTo("master");
      assertThat(sim.b.vrrpRole("WAN")).isNotEqualTo("master");
      // The hooks ran on both: identities and the standby's ports.
      assertThat(sim.a.console("/system identity print")).contains("ccr_HA_A_ACTIVE");
      assertThat(sim.b.console("/system identity print")).contains("ccr_HA_B_STANDBY");
      assertThat(sim.a.commandLog()).anyMatch(l -> l.startsWith("on-master HA_VRRP"));
      // The filter the refusal tests rely on does see changes.
      assertThat(SimSteps.changeCommands(sim.b.commandLog())).anyMatch(l -> l.contains("/interface bridge add"));
      assertThat(sim.b.commandLog()).anyMatch(l -> l.startsWith("on-backup HA_VRRP"));

      try (EngineSession s = p.connect()) {
        Plan again = s.plan();
        assertThat(again.pairs().get(0).hasChanges()).as(again.toString()).isFalse();
        VerifyReport verified = s.verify(VerifyOptions.defaults());
        List<CheckResult> checks = verified.pairs().get(0).checks();
        assertThat(checks).as(verified.toText(p.redactor())).allMatch(c -> c.status() == CheckResult.Status.PASSED);
        assertThat(checks).extracting(CheckResult::name).contains("routeros-version", "routeros-heartbeat",
            "routeros-single-master WAN", "routeros-single-master LAN", "routeros-standby-ports", "routeros-shared-config");
        // One round trip per router for the facts of a no-op plan, one for verify's checks and
        // one for verify's look at the pair lock.
        assertThat(s.execCounts().values()).allMatch(n -> n <= 3);
      }
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void entriesTakenOutOfTheInventoryAreRemovedOthersStay(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      sim.a.console("/interface bridge add name=br-office comment=\"not ours\"");
      String inv = java.nio.file.Files.readString(sim.inventory);
      // Take the LAN instance out (its lines up to the mikrotik section).
      int from = inv.lastIndexOf('\n', inv.indexOf("- name: LAN")) + 1;
      int to = inv.lastIndexOf('\n', inv.indexOf("mikrotik:")) + 1;
      sim.edit(inv.substring(from, to), "");
      Provisioner p = sim.provisioner();
      Plan plan = p.plan();
      String text = io.haprovision.plan.PlanTextRenderer.plain(p.redactor()).render(plan);
      assertThat(text).contains("remove /interface vrrp name=LAN (added by ha-provision, no longer in the inventory)")
          .contains("remove /ip address address=198.51.100.1/32");
      ApplyReport r = p.apply();
      assertThat(r.ok()).as(r.toText(p.redactor())).isTrue();
      for (var router : List.of(sim.a, sim.b)) {
        String export = router.exportTerse();
        assertThat(export).doesNotContain("name=LAN").doesNotContain("address=198.51.100.1 ").contains("name=WAN");
      }
      assertThat(sim.a.exportTerse()).contains("br-office");
      assertThat(p.plan().pairs().get(0).hasChanges()).isFalse();
    }
  }
}
