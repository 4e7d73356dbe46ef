package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyOptions;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.spi.ActionResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13's pair lock on RouterOS: a {@code /system script} named for the pair, which RouterOS
 * adds only once. Another run's lock refuses apply and actions at once, naming the holder,
 * and verify shows it; {@code --break-lock} breaks it only once it is stale.
 */
class PairLockSimTest {
  @TempDir
  Path dir;

  private static String lock(long started) {
    return ":do { /system script add name=ha-provision-lock-ccr comment=\"ha-provision: pair lock\" source=\"token=0123456789abcdef"
        + "\\nowner=ops\\nhost=ctl-2\\npid=4242\\nstarted=" + started + "\\ncommand=apply\\n\" } on-error={}";
  }

  @ParameterizedTest(name = "RouterOS {0} {1}")
  @CsvSource({"V6, 6.49.10", "V7, 7.12.1"})
  void anotherRunsLockRefusesApplyAndActionsUntilItIsStale(RouterOsDialect dialect, String version) throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      long now = java.time.Instant.now().getEpochSecond();
      sim.a.console(lock(now));
      ApplyReport r = sim.provisioner().apply();
      assertThat(r.pairs().get(0).status()).isEqualTo(PairStatus.LOCKED);
      assertThat(r.pairs().get(0).message()).contains("pair ccr is busy: apply by ops@ctl-2 (pid 4242)")
          .contains("holds its lock on ccr-a").contains("--break-lock");
      assertThat(SimSteps.changeCommands(sim.a.commandLog())).isEmpty();
      assertThat(SimSteps.changeCommands(sim.b.commandLog())).isEmpty();

      ActionResult action = sim.provisioner().action("switch-role", "ccr", List.of(), l -> { });
      assertThat(action.locked()).isTrue();
      assertThat(action.output()).contains("pair ccr is busy");

      try (EngineSession s = sim.provisioner().connect()) {
        assertThat(s.facts(false).toText(sim.provisioner().redactor()))
            .contains("the pair is locked: apply by ops@ctl-2 (pid 4242)");
        CheckResult shown = s.verify(VerifyOptions.defaults()).pairs().get(0).check("pair-lock").orElseThrow();
        assertThat(shown.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(shown.message()).contains("ccr-a: apply by ops@ctl-2");
        // A fresh lock of a live run elsewhere is not stale: --break-lock leaves it.
        ApplyReport again = s.apply(s.plan(), ApplyOptions.defaults().withBreakLock(true));
        assertThat(again.pairs().get(0).status()).isEqualTo(PairStatus.LOCKED);
      }
      // Forty minutes old: stale, broken, and the apply goes on.
      sim.a.console("/system script remove [find name=ha-provision-lock-ccr]");
      sim.a.console(lock(now - 40 * 60));
      try (EngineSession s = sim.provisioner().connect()) {
        ApplyReport broke = s.apply(s.plan(), ApplyOptions.defaults().withBreakLock(true));
        assertThat(broke.ok()).as(broke.toText(sim.provisioner().redactor())).isTrue();
        assertThat(broke.pairs().get(0).message()).contains("broke the pair lock on ccr-a of apply by ops@ctl-2")
            .contains("40 minutes old");
      }
      assertThat(sim.a.console(":put [:len [/system script find name=ha-provision-lock-ccr]]").strip()).isEqualTo("0");
      assertThat(sim.b.console(":put [:len [/system script find name=ha-provision-lock-ccr]]").strip()).isEqualTo("0");
    }
  }
}
