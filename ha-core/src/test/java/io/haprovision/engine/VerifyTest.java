package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.PingResult;
import io.haprovision.engine.verify.ProbeHost;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.engine.verify.VerifyReport.PairVerification;
import io.haprovision.secret.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Verify against simulated pairs: checks, drills and their measured figures, and the reports. */
class VerifyTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "engine");

  /** Pings answer while some node of the pair holds the VIP. */
  private static ProbeHost client(FakePair pair) {
    return new ProbeHost() {
      @Override
      public String name() {
        return "client-" + pair.name;
      }

      @Override
      public PingResult ping(String address, int count, Duration timeout) {
        boolean up = address.equals(FakePair.VIP) && pair.master() != null;
        return new PingResult(count, up ? count : 0, up ? OptionalDouble.of(0.25) : OptionalDouble.empty(),
            up ? "" : "From 192.0.2.100 icmp_seq=1 Destination Host Unreachable");
      }
    };
  }

  private static VerifyReport verify(FakeWorld world, boolean drills) {
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      return session.verify(VerifyOptions.defaults().withDrills(drills)
          .withProbeHosts(p -> Optional.of(client(world.pair(p.name())))));
    }
  }

  @Test
  void aHealthyPairPassesEveryCheckAndTheDrillsMeasureFailoverAndReturn() {
    FakeWorld world = new FakeWorld("office");
    VerifyReport report = verify(world, true);
    assertThat(report.ok()).isTrue();
    PairVerification office = report.pairs().get(0);
    assertThat(office.checks()).extracting(CheckResult::name).containsExactly("pair-lock", "keepalived-running", "keepalived-runs-its-configuration",
        "single-master LAN", "vip-answers 192.0.2.254", "drill reload-safe", "drill failover");
    assertThat(office.checks()).extracting(CheckResult::status).containsOnly(CheckResult.Status.PASSED);
    CheckResult failover = office.check("drill failover").orElseThrow();
    // Graceful stop: the peer takes over after about the skew (0.4 s in the model), seen within one 50 ms look.
    assertThat(failover.figures().get("failover_seconds")).isBetween(0.4, 0.45);
    assertThat(failover.figures().get("master_down_seconds")).isEqualTo(3 + 156 / 256.0);
    assertThat(failover.figures().get("return_seconds")).isBetween(0.6, 0.65);
    assertThat(world.pair("office").master()).as("restored").isEqualTo("gw-a");
    assertThat(world.pair("office").log).containsExactly("gw-a: fake-reload", "gw-a: fake-stop", "gw-a: fake-start");
    Golden.assertMatches(GOLDEN.resolve("verify-drills.txt"), report.toText(Redactor.none()));
    Golden.assertMatches(GOLDEN.resolve("verify-drills.json"), report.toJson(Redactor.none()));
    Golden.assertMatches(GOLDEN.resolve("verify-drills.xml"), report.toJUnitXml(Redactor.none()));
  }

  @Test
  void withoutDrillsNothingIsStoppedOrReloaded() {
    FakeWorld world = new FakeWorld("office");
    VerifyReport report = verify(world, false);
    assertThat(report.pairs().get(0).checks()).hasSize(5);
    assertThat(world.pair("office").log).isEmpty();
  }

  @Test
  void aStoppedBackupAndASplitBrainFail() {
    FakeWorld world = new FakeWorld("office");
    FakePair pair = world.pair("office");
    pair.b.stop();
    VerifyReport report = verify(world, false);
    PairVerification p = report.pairs().get(0);
    assertThat(p.check("keepalived-running").orElseThrow().status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(p.check("keepalived-running").orElseThrow().message()).isEqualTo("keepalived is not running on gw-b");
    assertThat(p.check("single-master LAN").orElseThrow().status()).isEqualTo(CheckResult.Status.PASSED);
  }

  @Test
  void aDaemonRunningOtherThanItsConfigurationAndAHeldLockFail() {
    FakeWorld world = new FakeWorld("office");
    FakePair pair = world.pair("office");
    PairVerification healthy = verify(world, false).pairs().get(0);
    assertThat(healthy.check("keepalived-runs-its-configuration").orElseThrow().status())
        .isEqualTo(CheckResult.Status.PASSED);
    assertThat(healthy.check("pair-lock").orElseThrow().status()).isEqualTo(CheckResult.Status.PASSED);
    // gw-b's file says 100, its keepalived was never reloaded and runs 90.
    pair.b.loadedPriority = 90;
    pair.b.lockHeldBy = "token=t1\nowner=ops\nhost=ctl-1\npid=4242\nstarted=1800000000\ncommand=apply\n";
    PairVerification p = verify(world, false).pairs().get(0);
    CheckResult runs = p.check("keepalived-runs-its-configuration").orElseThrow();
    assertThat(runs.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(runs.message()).contains("gw-b runs LAN with priority 90 instead of 100")
        .contains("its files changed without a reload");
    CheckResult lock = p.check("pair-lock").orElseThrow();
    assertThat(lock.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(lock.message()).contains("the pair is locked (gw-b: ").contains("ops").contains("ctl-1")
        .contains("--break-lock");
  }

  @Test
  void aReloadThatMovesTheVipFailsTheReloadSafeDrill() {
    FakeWorld world = new FakeWorld("office");
    FakePair pair = world.pair("office");
    pair.a.onReload = pair::flap;
    CheckResult drill = verify(world, true).pairs().get(0).check("drill reload-safe").orElseThrow();
    assertThat(drill.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(drill.message()).contains("reloading keepalived on the MASTER gw-a moved a VIP")
        .contains("0.00 s after the reload gw-a did not hold the VIPs of LAN")
        .contains("0.00 s after the reload gw-b held a VIP of LAN")
        .contains("keepalived on gw-a gave up MASTER of LAN 1 time(s)");
  }

  @Test
  void aPeerThatNeverTakesOverFailsTheFailoverDrillAndTheMasterIsRestored() {
    FakeWorld world = new FakeWorld("office");
    FakePair pair = world.pair("office");
    pair.b.neverTakesOver = true;
    CheckResult drill = verify(world, true).pairs().get(0).check("drill failover").orElseThrow();
    assertThat(drill.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(drill.message()).contains("gw-b did not hold every VIP within 15 s after keepalived stopped on gw-a")
        .contains("gw-a took every VIP back");
    assertThat(pair.a.running).isTrue();
    assertThat(pair.master()).isEqualTo("gw-a");
  }

  @Test
  void withoutAProbeHostTheVipCheckIsSkippedWithTheReason() {
    FakeWorld world = new FakeWorld("office");
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      VerifyReport report = session.verify(VerifyOptions.defaults());
      CheckResult vip = report.pairs().get(0).check("vip-answers").orElseThrow();
      assertThat(vip.status()).isEqualTo(CheckResult.Status.SKIPPED);
      assertThat(vip.message()).contains("no probe host for pair office");
      assertThat(report.ok()).isTrue();
      assertThat(report.toJUnitXml(Redactor.none())).contains("<skipped message=\"no probe host for pair office");
    }
  }

  @Test
  void junitXmlEscapesAndMasksSecrets() {
    VerifyReport report = new VerifyReport(List.of(new PairVerification("p<1>", List.of(
        CheckResult.failed("odd \"name\"", "password s3cret & <tag>\nsecond line", 1500)))),
        java.util.Map.of(), 0, 1500);
    String xml = report.toJUnitXml(Redactor.of(List.of(io.haprovision.secret.Secret.of("s3cret", "test"))));
    assertThat(xml).contains("<testsuite name=\"p&lt;1&gt;\" tests=\"1\" failures=\"1\"")
        .contains("name=\"odd &quot;name&quot;\"")
        .contains("<failure message=\"password ****** &amp; &lt;tag&gt;\">password ****** &amp; &lt;tag&gt;\nsecond line</failure>")
        .doesNotContain("s3cret");
  }
}
