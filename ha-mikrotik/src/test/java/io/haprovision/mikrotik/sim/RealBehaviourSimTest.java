package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.Provisioner;
import io.haprovision.lab.routeros.RouterOsDialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What real RouterOS does that the first simulator did not: long scripts under the revert, failure, late startup runs. */
class RealBehaviourSimTest {
  @TempDir
  Path dir;

  /** 25 lines with quotes, dollars and backslashes. */
  private static String longScript(String who) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      lines.add(":log info \"" + who + " line " + i + " costs $" + i + " and a \\\\ backslash, \\\"quoted\\\"\"");
    }
    return String.join("\n", lines) + "\n";
  }

  /** {@code text} as a RouterOS string literal. */
  private static String literal(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("\n", "\\n") + "\"";
  }

  private static String source(io.haprovision.lab.routeros.SimulatedRouter r, String script) {
    return r.console(":put [/system script get [find name=" + script + "] source]");
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void theRevertPutsBackLongScriptsByteForByte(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      sim.b.console("/system script set [find name=HA_ON_MASTER] source=" + literal(longScript("master")));
      sim.b.console("/system script set [find name=HA_ON_BACKUP] source=" + literal(longScript("backup")));
      String master = source(sim.b, "HA_ON_MASTER");
      assertThat(master.lines().count()).isGreaterThanOrEqualTo(25);
      assertThat(master).contains("costs $7 and a \\\\ backslash, \\\"quoted\\\"");
      String before = SimSteps.body(sim.b.exportTerse());
      sim.b.dropSessionOn(line -> line.startsWith("/system script set [find name=HA_ON_BACKUP]"));
      Provisioner p = sim.provisioner();
      ApplyReport r = p.apply();
      assertThat(r.ok()).isFalse();
      // HA_ON_MASTER was set back to what ha-provision wants before the session dropped.
      assertThat(source(sim.b, "HA_ON_MASTER")).isNotEqualTo(master);
      sim.b.clock().advance(Duration.ofMinutes(6));
      assertThat(source(sim.b, "HA_ON_MASTER")).isEqualTo(master);
      assertThat(source(sim.b, "HA_ON_BACKUP")).contains("backup line 25");
      // The run is gone but its pair lock stays (until apply --break-lock): all else is as before.
      SimSteps.assertLockGivenBack(sim.b);
      assertThat(SimSteps.body(sim.b.exportTerse())).isEqualTo(before);
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.49.10", "V7, 7.12.1"})
  void theStartupGuardLeavesARouterThatBootedLongAgoAlone(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      sim.a.clock().advance(Duration.ofMinutes(10));
      sim.a.console("/system script run HA_STARTUP");
      assertThat(sim.a.console("/system identity print")).contains("_ACTIVE");
      assertThat(sim.a.console("/interface ethernet print terse where name=ether1")).doesNotContain(" X ");
      assertThat(sim.a.logMessages()).anyMatch(m -> m.contains("HA_STARTUP ran long after boot"));
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");
    }
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V7, 7.9.2", "V7, 7.12.1"})
  void aGroupMemberLosingItsLinkPutsTheGroupInFailureWhichGoesStandby(RouterOsDialect dialect, String version)
      throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");
      sim.a.unplug("ether1");
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("failure");
      assertThat(sim.a.console("/interface vrrp print terse where name=HA_VRRP")).matches("(?s)\\s*0 G\\s*F .*");
      // on-fail ran HA_ON_BACKUP: standby identity, traffic ports down; the peer took over.
      assertThat(sim.a.console("/system identity print")).contains("_STANDBY");
      assertThat(sim.a.console("/interface ethernet print terse where name=ether2")).contains(" X ");
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(sim.b.console("/system identity print")).contains("_ACTIVE");
    }
  }
  /**
   * 7.7 refuses {@code group-master=""}; the revert must still take a VRRP instance that was in
   * no group before back out of the group (unset before 7.10, {@code group-authority=none} after).
   */
  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V7, 7.7, '/interface vrrp unset [find name=WAN] group-master'",
      "V7, 7.12.1, '/interface vrrp set [find name=WAN] group-authority=none'"})
  void theRevertTakesAnInstanceBackOutOfTheGroupItWasNotIn(RouterOsDialect dialect, String version, String ungroup)
      throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      assertThat(sim.b.console("/interface vrrp set [find name=WAN] group-master=\"\""))
          .as("an empty group").contains(version.equals("7.7") ? "input does not match any value of group-master" : "");
      assertThat(sim.b.console(ungroup)).isBlank();
      String before = SimSteps.body(sim.b.exportTerse());
      assertThat(before).doesNotContainPattern("group-\\S+=\\S+ interface=ether1 ");
      // The session drops where ha-provision would disarm the revert (the second such line:
      // the first clears any earlier revert before arming), after the regrouping went in.
      java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
      sim.b.dropSessionOn(line -> line.startsWith("/system scheduler remove [find name=HAP_REVERT]")
          && seen.incrementAndGet() == 2);
      ApplyReport r = sim.provisioner().apply();
      assertThat(r.ok()).isFalse();
      assertThat(sim.b.console("/interface vrrp print terse where name=WAN")).contains("HA_VRRP");
      sim.b.clock().advance(Duration.ofMinutes(6));
      assertThat(sim.b.commandLog()).filteredOn(l -> l.startsWith("scheduler")).isNotEmpty()
          .noneMatch(l -> l.contains("group-master=\"\""));
      SimSteps.assertLockGivenBack(sim.b);
      assertThat(SimSteps.body(sim.b.exportTerse())).isEqualTo(before);
    }
  }
}
