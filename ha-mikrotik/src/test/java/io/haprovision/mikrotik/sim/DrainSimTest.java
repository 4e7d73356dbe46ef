package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.lab.routeros.SimulatedRouter;
import io.haprovision.spi.ActionResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19's planned maintenance on simulated RouterOS pairs, both dialects: drain the active
 * router (the peer becomes active, the drained router a standby with its ports down and its
 * heartbeat disabled), power-cycle it (the startup guard leaves it drained), verify (drained,
 * not failed), then undrain (the preferred router takes the active role back). A sampler reads
 * both routers' heartbeat every 50 ms throughout and counts the samples in which no router
 * was active: the simulator's data plane is the heartbeat, so that count stands for the pings
 * lost.
 */
class DrainSimTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.49.10", "V7, 7.12.1"})
  void drainKeepsTheRouterOutThroughARebootAndUndrainBringsItBack(RouterOsDialect dialect, String version)
      throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      SimSteps.converge(sim);
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");
      RoleSampler sampler = RoleSampler.start(() -> active(sim.a) || active(sim.b));
      try {
        ActionResult drained = sim.provisioner().action("drain", "ccr", List.of("ccr-a"), sim.progress::add);
        System.out.println(drained.output());
        assertThat(drained.ok()).as(drained.output()).isTrue();
        assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("master");
        assertThat(sim.b.vrrpRole("LAN")).isEqualTo("master");
        assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("disabled");
        assertThat(sim.a.console("/system identity print")).contains("_STANDBY");

        sim.a.powerOff();
        sim.a.powerOn();
        assertThat(sim.a.vrrpRole("HA_VRRP")).as("after a reboot").isEqualTo("disabled");
        assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("master");
        assertThat(sim.a.logMessages()).anyMatch(m -> m.contains("was disabled at boot (drained)"));

        VerifyReport v = SimSteps.verify(sim);
        System.out.println(v.toText(sim.provisioner().redactor()));
        assertThat(v.pairs().get(0).checks()).as(v.toText(sim.provisioner().redactor()))
            .allMatch(c -> c.status() == CheckResult.Status.PASSED)
            .anyMatch(c -> c.name().equals("drained ccr-a"));
        // A plan does not undo a drain: the heartbeat's disabled state is not planned.
        assertThat(sim.provisioner().plan().pairs().get(0).hasChanges()).isFalse();

        ActionResult other = sim.provisioner().action("drain", "ccr", List.of("ccr-b"), sim.progress::add);
        assertThat(other.ok()).isFalse();
        assertThat(other.output()).contains("refused, nothing was changed").contains("ccr-a is drained too");

        ActionResult back = sim.provisioner().action("undrain", "ccr", List.of("ccr-a"), sim.progress::add);
        System.out.println(back.output());
        assertThat(back.ok()).as(back.output()).isTrue();
        assertThat(sim.a.vrrpRole("HA_VRRP")).as("the preferred router preempts").isEqualTo("master");
        SimSteps.assertHealthy(sim);
      } finally {
        sampler.close();
      }
      System.out.println("routeros " + version + ": " + sampler.samples() + " samples of the heartbeat every 50 ms"
          + " through drain, reboot, verify and undrain; " + sampler.misses() + " without an active router");
      assertThat(sampler.samples()).isGreaterThan(5);
      assertThat(sampler.misses()).isZero();
    }
  }

  private static boolean active(SimulatedRouter router) {
    return router.poweredOn() && "master".equals(router.vrrpRole("HA_VRRP"));
  }
}
