package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanJson;
import io.haprovision.plan.PlanTextRenderer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A VRRP password: set on the routers, compared where the dialect prints it (RouterOS 6 always,
 * 7 with show-sensitive), and never shown in a plan or report.
 */
class SecretSimTest {
  private static final String PASSWORD = "s3cr3tpw";

  @TempDir
  Path dir;

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.44.6", "V7, 7.12.1"})
  void passwordIsSetComparedAndNeverShown(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      sim.environment = Map.of("VRRP_PASS", PASSWORD);
      sim.lanPassword("VRRP_PASS");
      SimSteps.converge(sim);
      assertThat(sim.a.exportTerse()).contains("password=" + PASSWORD);
      assertThat(sim.provisioner().plan().pairs().get(0).hasChanges()).isFalse();

      sim.a.console("/interface vrrp set [find name=LAN] password=changed1");
      Provisioner p = sim.provisioner();
      Plan plan = p.plan();
      assertThat(plan.pairs().get(0).hasChanges()).isTrue();
      String text = PlanTextRenderer.plain(p.redactor()).render(plan);
      String json = PlanJson.write(plan, p.redactor());
      assertThat(text).contains("password").doesNotContain(PASSWORD).doesNotContain("changed1");
      assertThat(json).doesNotContain(PASSWORD).doesNotContain("changed1");
      var report = p.apply();
      assertThat(report.ok()).as(report.toText(p.redactor())).isTrue();
      assertThat(report.toText(p.redactor()) + String.join("\n", sim.progress)).doesNotContain(PASSWORD);
      assertThat(sim.a.exportTerse()).contains("password=" + PASSWORD);
    }
  }
}
