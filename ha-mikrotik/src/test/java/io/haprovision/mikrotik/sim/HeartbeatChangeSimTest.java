package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyOptions;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.EngineSession;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.plan.Plan;
import io.haprovision.plan.WireChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13's changes the two routers cannot both speak, on RouterOS: the heartbeat's VRRP
 * version (the simulator, as RouterOS, drops adverts of another version, so a STANDBY that
 * changed first would become ACTIVE too). The plan holds the STANDBY out of VRRP (its heartbeat
 * disabled) while the ACTIVE router changes; the STANDBY never runs its on-master hook. With the
 * ACTIVE router lost before its change, the STANDBY is let back in unchanged.
 */
class HeartbeatChangeSimTest {
  @TempDir
  Path dir;

  private static void heartbeatVersion(SimPair sim, int version) throws Exception {
    String yaml = Files.readString(sim.inventory);
    String anchor = "      identity: ccr\n";
    assertThat(yaml).contains(anchor);
    Files.writeString(sim.inventory, yaml.replaceAll("      heartbeat: \\{ version: \\d \\}\n", "")
        .replace(anchor, anchor + "      heartbeat: { version: " + version + " }\n"));
  }

  private static List<String> masterHooks(List<String> log, int from) {
    return log.subList(from, log.size()).stream().filter(l -> l.startsWith("on-master HA_VRRP")).toList();
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.49.10", "V7, 7.12.1"})
  void aNewHeartbeatVersionNeverMakesTheStandbyActive(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");
      heartbeatVersion(sim, 2);

      // 1. The ACTIVE router is lost before its change: the STANDBY comes back unchanged.
      int before = sim.b.commandLog().size();
      sim.a.dropSessionOn(line -> line.startsWith("/export terse") && line.contains("file="));
      ApplyReport lost = sim.provisioner().apply();
      assertThat(lost.ok()).isFalse();
      assertThat(lost.pairs().get(0).message()).as(lost.pairs().get(0).message())
          .contains("ccr-b takes part in VRRP again unchanged");
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("backup");
      assertThat(masterHooks(sim.b.commandLog(), before)).as("ccr-b never became ACTIVE").isEmpty();

      // 2. The same change with the ACTIVE router reachable.
      before = sim.b.commandLog().size();
      try (EngineSession s = sim.provisioner().connect()) {
        Plan plan = s.plan();
        WireChange w = plan.pair("ccr").wireChange().orElseThrow();
        assertThat(w.held()).isEqualTo("ccr-b");
        assertThat(w.changes()).containsExactly("HA_VRRP: VRRP version 3 -> 2");
        ApplyReport r = s.apply(plan, ApplyOptions.defaults().withBreakLock(true));
        assertThat(r.ok()).as(r.toText(sim.provisioner().redactor())).isTrue();
        assertThat(r.pairs().get(0).message()).contains("applied to ccr-a while ccr-b was held out of VRRP");
      }
      assertThat(masterHooks(sim.b.commandLog(), before)).as("ccr-b never became ACTIVE").isEmpty();
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("backup");
      assertThat(sim.b.console("/interface vrrp print terse where name=HA_VRRP")).contains("version=2");
      try (EngineSession s = sim.provisioner().connect()) {
        assertThat(s.plan().hasChanges()).isFalse();
      }
    }
  }
}
