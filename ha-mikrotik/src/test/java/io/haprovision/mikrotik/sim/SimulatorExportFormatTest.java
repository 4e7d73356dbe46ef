package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.lab.routeros.SimulatedRouter;
import io.haprovision.mikrotik.corpus.TerseExportRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator's {@code /export terse} of a converged router, line by line, against the rules
 * every real terse export in the corpus keeps ({@link TerseExportRules}: its own reading of the
 * format, neither the platform's parser nor the simulator's code).
 */
class SimulatorExportFormatTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V6, 6.49.10", "V7, 7.9.2", "V7, 7.12.1"})
  void aConvergedRoutersExportReadsLikeTheRealOnes(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      // A scheduler entry of the user's, dated the way this release takes dates.
      String date = version.startsWith("7.1") ? "2020-08-09" : "aug/09/2020";
      for (SimulatedRouter router : List.of(sim.a, sim.b)) {
        assertThat(router.console("/system scheduler add name=user-probe on-event=\":log info probe\" interval=1d"
            + " start-date=" + date + " start-time=09:41:00")).isBlank();
        // ha-mikrotik's startup adds these forms: a netmask, a filter rule taking action's default.
        assertThat(router.console("/ip address add address=10.9.9.1 netmask=255.255.255.0 interface=ether6\n"
            + "/ip firewall filter add chain=input action=accept in-interface=ether8 comment=\"HA_AUTO\"")).isBlank();
        String export = router.exportTerse();
        // The corpus's filter rules print action first though accept is its default
        // (export-7.19.1-01-chr-nube.rsc, export-7.19.1-firewallborde.rsc).
        assertThat(export).contains("/ip firewall filter add action=accept chain=input comment=HA_AUTO in-interface=ether8")
            .contains("/ip address add address=10.9.9.1/24 interface=ether6 network=10.9.9.0");
        assertThat(TerseExportRules.violations(export)).as(export).isEmpty();
        List<TerseExportRules.Command> commands = TerseExportRules.commands(export.split("\n"), new ArrayList<>());
        // What the rules speak of is there to be checked.
        assertThat(export).contains("\\\n    \\n");
        assertThat(commands).anyMatch(c -> c.menu().equals("/ip address") && !c.values().get("address").contains("/"));
        assertThat(commands).anyMatch(c -> c.menu().equals("/system script") && c.values().get("source").lines().count() > 3);
        assertThat(commands).anyMatch(c -> c.menu().equals("/system scheduler") && c.values().containsKey("start-date"));
        if (dialect == RouterOsDialect.V7) {
          String grouping = version.startsWith("7.1") ? "group-authority" : "group-master";
          assertThat(commands).anyMatch(c -> c.menu().equals("/interface vrrp") && c.values().containsKey(grouping));
        }
      }
    }
  }
}
