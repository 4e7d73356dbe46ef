package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.lab.routeros.RouterOsDialect;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scheduled revert, the version policy and RouterOS's errors, both dialects. */
class SafetySimTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void droppedSessionRollsBackWhenTheClockPassesTheRevertTime(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      String before = SimSteps.body(sim.b.exportTerse());
      String identityBefore = sim.b.console("/system identity print");
      sim.b.dropSessionOn(line -> line.startsWith("/interface vrrp add name=WAN"));
      Provisioner p = sim.provisioner();
      ApplyReport r = p.apply();
      assertThat(r.ok()).isFalse();
      var nodes = r.pairs().get(0).nodes();
      assertThat(nodes.get(0).node()).isEqualTo("ccr-b");
      assertThat(nodes.get(0).status()).isEqualTo(NodeStatus.FAILED);
      assertThat(nodes.get(0).message()).contains("HAP_REVERT").contains("2026-11-22 05:25:11");
      assertThat(nodes.get(1).status()).isEqualTo(NodeStatus.NOT_TOUCHED);
      // Half applied, with the revert waiting.
      assertThat(SimSteps.body(sim.b.exportTerse())).isNotEqualTo(before).contains("HAP_REVERT").contains("HA_VRRP");

      sim.b.clock().advance(Duration.ofMinutes(4));
      assertThat(sim.b.exportTerse()).contains("HAP_REVERT");
      sim.b.clock().advance(Duration.ofMinutes(2));
      SimSteps.assertLockGivenBack(sim.b);
      assertThat(SimSteps.body(sim.b.exportTerse())).isEqualTo(before);
      assertThat(sim.b.console("/system identity print")).isEqualTo(identityBefore);
      assertThat(sim.b.commandLog()).anyMatch(l -> l.startsWith("scheduler HAP_REVERT"));
      // The primary was never changed.
      assertThat(SimSteps.changeCommands(sim.a.commandLog())).isEmpty();
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.43.16, ''", "V7, 7.10.2, 'versions: \"7.12..7\"'"})
  void unsupportedVersionIsRefusedBeforeAnyChange(RouterOsDialect dialect, String version, String versions)
      throws Exception {
    String extra = versions.isEmpty() ? "" : "      " + versions;
    try (SimPair sim = SimPair.start(dialect, version, dir, extra)) {
      String beforeA = SimSteps.body(sim.a.exportTerse());
      Provisioner p = sim.provisioner();
      ApplyReport r = p.apply();
      assertThat(r.pairs().get(0).status()).isEqualTo(PairStatus.REFUSED);
      assertThat(r.pairs().get(0).message()).contains("RouterOS " + version).contains("allow_unsupported_version: true");
      assertThat(SimSteps.changeCommands(sim.a.commandLog())).isEmpty();
      assertThat(SimSteps.changeCommands(sim.b.commandLog())).isEmpty();
      assertThat(SimSteps.body(sim.a.exportTerse())).isEqualTo(beforeA);

      // The override goes on at the operator's risk.
      sim.edit("routeros: " + sim.routerOs, "routeros: " + sim.routerOs + "\n      allow_unsupported_version: true");
      SimSteps.converge(sim);
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void routerOsErrorNamesRouterCommandAndMessage(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      String before = SimSteps.body(sim.b.exportTerse());
      // An 8-port router has no ether12: RouterOS refuses the address on it.
      sim.edit("ether2: 198.51.100.3/24", "ether12: 198.51.100.3/24");
      sim.edit("ether2: 198.51.100.2/24", "ether12: 198.51.100.2/24");
      sim.edit("interface: ether2", "interface: ether12");
      ApplyReport r = sim.provisioner().apply();
      assertThat(r.ok()).isFalse();
      String message = r.pairs().get(0).nodes().get(0).message();
      assertThat(message).contains("router ccr-b")
          .contains("`/ip address add address=198.51.100.3/24 interface=ether12 comment=ha-provision`")
          .contains("RouterOS says \"input does not match any value of interface\"")
          .contains("HAP_REVERT");
      assertThat(r.pairs().get(0).nodes().get(1).status()).isEqualTo(NodeStatus.NOT_TOUCHED);
      sim.b.clock().advance(Duration.ofMinutes(6));
      assertThat(SimSteps.body(sim.b.exportTerse())).isEqualTo(before);
    }
  }
}
