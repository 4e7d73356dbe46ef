package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.spi.ActionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** switch-role and sync-standby on a converged simulated pair, both dialects. */
class OperationsSimTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void switchRoleMovesTheMasterAndBackWithoutReboot(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      ActionResult there = sim.provisioner().action("switch-role", "ccr", List.of(), l -> sim.progress.add(l));
      assertThat(there.ok()).as(there.output()).isTrue();
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("backup");
      assertThat(sim.b.vrrpRole("LAN")).isEqualTo("master");
      assertThat(sim.b.console("/system identity print")).contains("ccr_HA_B_ACTIVE");
      SimSteps.assertHealthy(sim);

      ActionResult back = sim.provisioner().action("switch-role", "ccr", List.of(), l -> sim.progress.add(l));
      assertThat(back.ok()).as(back.output()).isTrue();
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(sim.a.vrrpRole("WAN")).isEqualTo("master");
      SimSteps.assertHealthy(sim);
      // Back where the inventory wants it: nothing to apply.
      assertThat(sim.provisioner().plan().pairs().get(0).hasChanges()).isFalse();
      // No reboot, ever.
      assertThat(sim.a.commandLog()).noneMatch(l -> l.startsWith("power:"));
      assertThat(sim.b.commandLog()).noneMatch(l -> l.startsWith("power:"));
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void withoutPreferenceTheSwitchHoldsTheHeartbeatBriefly(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "      heartbeat: { preferred: none }")) {
      SimSteps.converge(sim);
      // No preemption: the router that came up first (the secondary) stays active.
      String active = sim.a.vrrpRole("HA_VRRP").equals("master") ? "a" : "b";
      ActionResult r = sim.provisioner().action("switch-role", "ccr", List.of("--permanent"), l -> { });
      assertThat(r.ok()).as(r.output()).isTrue();
      assertThat(r.output()).contains("/interface vrrp disable [find name=HA_VRRP]")
          .contains("prefers neither router");
      assertThat((active.equals("a") ? sim.b : sim.a).vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat((active.equals("a") ? sim.a : sim.b).vrrpRole("HA_VRRP")).isEqualTo("backup");
      SimSteps.assertHealthy(sim);
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V7, 7.9.2", "V7, 7.12.1"})
  void permanentSwitchRewritesTheInventory(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      ActionResult r = sim.provisioner().action("switch-role", "ccr", List.of("--permanent"), l -> { });
      assertThat(r.ok()).as(r.output()).isTrue();
      assertThat(Files.readString(sim.inventory)).contains("preferred: secondary");
      // The inventory now asks for what the routers have.
      assertThat(sim.provisioner().plan().pairs().get(0).hasChanges()).isFalse();
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("master");
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void handChangeOnTheActiveIsDriftAndSyncStandbyRepairsIt(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      String out = sim.a.console("/ip route add dst-address=192.0.2.128/25 gateway=203.0.113.6\n"
          + "/interface bridge add name=br-office comment=\"office LAN\"");
      assertThat(out).doesNotContain("failure").doesNotContain("expected");

      VerifyReport drift = SimSteps.verify(sim);
      assertThat(drift.ok()).isFalse();
      assertThat(SimSteps.failed(drift)).startsWith("routeros-shared-config: ")
          .contains("only on ccr-a: /ip route dst-address=192.0.2.128/25 gateway=203.0.113.6")
          .contains("only on ccr-a: /interface bridge name=br-office");

      ActionResult sync = sim.provisioner().action("sync-standby", "ccr", List.of(), l -> sim.progress.add(l));
      assertThat(sync.ok()).as(sync.output()).isTrue();
      assertThat(sync.output()).contains("ccr-a is active, ccr-b is the standby")
          .contains("/ip route add dst-address=192.0.2.128/25 gateway=203.0.113.6");
      assertThat(sim.b.exportTerse()).contains("br-office").contains("192.0.2.128/25").doesNotContain("HAP_REVERT");
      SimSteps.assertHealthy(sim);
      ActionResult again = sim.provisioner().action("sync-standby", "ccr", List.of(), l -> { });
      assertThat(again.output()).contains("nothing to do");
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V7, 7.9.2", "V7, 7.12.1"})
  void bootstrapScriptMakesFactoryRoutersReachable(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "", false)) {
      // Without the key ha-provision cannot log in.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> sim.provisioner().plan())
          .isInstanceOf(io.haprovision.error.TargetException.class);
      for (var node : List.of("ccr-a", "ccr-b")) {
        ActionResult script = sim.provisioner().action("bootstrap-script", "ccr", List.of(node), l -> { });
        assertThat(script.ok()).isTrue();
        String out = (node.equals("ccr-a") ? sim.a : sim.b).console(script.output());
        assertThat(out).as(script.output()).doesNotContain("failure").doesNotContain("expected")
            .doesNotContain("syntax error").doesNotContain("this is not");
      }
      // The script checks it is pasted on the right router.
      ActionResult forB = sim.provisioner().action("bootstrap-script", "ccr", List.of("ccr-b"), l -> { });
      assertThat(sim.a.console(forB.output())).contains("this is not ccr-b");
      SimSteps.converge(sim);
      SimSteps.assertHealthy(sim);
    }
  }
}
