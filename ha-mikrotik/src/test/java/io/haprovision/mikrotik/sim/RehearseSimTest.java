package io.haprovision.mikrotik.sim;

import static io.haprovision.mikrotik.sim.SimSteps.body;
import static io.haprovision.mikrotik.sim.SimSteps.converge;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.lab.rehearse.Rehearsal;
import io.haprovision.lab.rehearse.RehearsalReport;
import io.haprovision.lab.rehearse.RehearsalReport.PairRehearsal;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.plan.Change;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 3 on RouterOS: {@code provision rehearse} against a simulated pair standing in
 * for production, converged with a VRRP password and then given a LAN VIP in the inventory. The
 * replica is a second simulated pair seeded from production's exports (show-sensitive): it plans
 * the same change, takes it with the full rollout (the scheduled revert armed, confirmed over a
 * new connection, removed), and passes verify; production's exports are unchanged and the
 * password is printed nowhere.
 */
class RehearseSimTest {
  private static final String PASSWORD = "ReHe4rs1";

  @Test
  void aRehearsalSeedsSimulatedRoutersFromTheExportsAndLeavesProductionAlone(@TempDir Path dir) throws Exception {
    try (SimPair production = SimPair.start(RouterOsDialect.V7, "7.12.1", dir, "")) {
      production.environment = Map.of("CCR_VRRP_PASS", PASSWORD);
      production.lanPassword("CCR_VRRP_PASS");
      converge(production);
      production.edit("vips: [198.51.100.1/24]", "vips: [198.51.100.1/24, 198.51.100.9/24]");
      String exportA = body(production.a.exportTerse());
      String exportB = body(production.b.exportTerse());
      assertThat(exportA).contains(PASSWORD);

      List<String> progress = new ArrayList<>();
      RehearsalReport report = Rehearsal.run(new Rehearsal.Options(production.inventory, List.of(), false,
          production.environment, e -> { }, progress::add));
      String text = report.toText();
      System.out.println(text);

      PairRehearsal p = report.pairs().get(0);
      assertThat(p.realPlan().hasChanges()).isTrue();
      assertThat(p.realPlan().nodes()).allMatch(n -> n.changes().stream().filter(Change::changes)
          .anyMatch(c -> c.summary().contains("198.51.100.9")));
      assertThat(p.differences()).as(text).isEmpty();
      assertThat(p.notes()).as("the simulator replays every line its own export holds").isEmpty();
      assertThat(p.mappings()).as("the HA ports' hardware addresses are mapped").isNotEmpty()
          .allMatch(m -> m.real().matches("([0-9A-F]{2}:){5}[0-9A-F]{2}"));
      assertThat(report.ok()).as(text).isTrue();
      assertThat(p.applied().status()).isEqualTo(ApplyReport.PairStatus.APPLIED);
      assertThat(p.ping()).isEmpty();
      assertThat(p.checks()).isNotEmpty().noneMatch(c -> c.status() == CheckResult.Status.FAILED);
      assertThat(text).doesNotContain(PASSWORD).contains("No pings during the rollout");
      assertThat(report.toJson()).doesNotContain(PASSWORD);
      assertThat(String.join("\n", progress)).doesNotContain(PASSWORD);

      assertThat(body(production.a.exportTerse())).as("production's ccr-a unchanged").isEqualTo(exportA);
      assertThat(body(production.b.exportTerse())).as("production's ccr-b unchanged").isEqualTo(exportB);
    }
  }
}
