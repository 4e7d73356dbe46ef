package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.PingResult;
import io.haprovision.engine.verify.ProbeHost;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.ProbeSpec;
import io.haprovision.inventory.SshSpec;
import io.haprovision.inventory.VerifySpec;
import io.haprovision.spi.VerificationDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The probe host and check overrides an inventory's {@code verify} section names. */
class VerifyProbeTest {
  private static final SshSpec SSH = new SshSpec("ops", 2222, Optional.empty(), true, Optional.empty(),
      Optional.empty(), HostKeyPolicy.STRICT, SshSpec.DEFAULT_CONNECT_TIMEOUT, SshSpec.DEFAULT_COMMAND_TIMEOUT, false);
  private static final ProbeSpec CLIENT = new ProbeSpec("office-client", "192.0.2.100", SSH, "pairs[0].verify.probe");

  private static VerifySpec probeOnly() {
    return VerifySpec.empty().withProbe(CLIENT);
  }

  @Test
  void theInventorysProbeHostPingsTheVipOverOneMoreSessionClosedWithTheSession() {
    FakeWorld world = new FakeWorld("office");
    world.verify.put("office", probeOnly());
    VerifyReport report;
    try (EngineSession session = world.engine(2).open(world.inventory())) {
      report = session.verify(VerifyOptions.defaults());
      report = session.verify(VerifyOptions.defaults());
      assertThat(session.handshakes()).as("two nodes and one probe host, the probe opened once").isEqualTo(3);
      assertThat(world.probeConnections.get("office").get(0).closed()).isFalse();
    }
    assertThat(report.ok()).isTrue();
    CheckResult vip = report.pairs().get(0).check("vip-answers " + FakePair.VIP).orElseThrow();
    assertThat(vip.status()).isEqualTo(CheckResult.Status.PASSED);
    assertThat(vip.message()).isEqualTo("3/3 replies from office-client, average 0.200 ms");
    List<ScriptedConnection> opened = world.probeConnections.get("office");
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).calls()).extracting(ScriptedConnection.Call::command)
        .containsExactly("ping -c 3 -W 1 " + FakePair.VIP + " 2>&1", "ping -c 3 -W 1 " + FakePair.VIP + " 2>&1");
    assertThat(opened.get(0).closed()).as("closed with the session").isTrue();
  }

  @Test
  void withoutAProbeHostTheVipCheckIsSkippedAndNothingMoreIsOpened() {
    FakeWorld world = new FakeWorld("office");
    try (EngineSession session = world.engine(2).open(world.inventory())) {
      CheckResult vip = session.verify(VerifyOptions.defaults()).pairs().get(0).check("vip-answers").orElseThrow();
      assertThat(vip.status()).isEqualTo(CheckResult.Status.SKIPPED);
      assertThat(session.handshakes()).isEqualTo(2);
    }
  }

  @Test
  void anUnreachableProbeHostFailsTheVipCheckNamingItAndTheOtherChecksStillRun() {
    FakeWorld world = new FakeWorld("office");
    world.verify.put("office", probeOnly());
    world.unreachableProbes.add("ops@192.0.2.100:2222");
    VerifyReport report;
    try (EngineSession session = world.engine(2).open(world.inventory())) {
      report = session.verify(VerifyOptions.defaults());
    }
    assertThat(report.ok()).isFalse();
    assertThat(report.pairs().get(0).checks()).extracting(CheckResult::name)
        .containsExactly("pair-lock", "keepalived-running", "keepalived-runs-its-configuration", "single-master LAN", "vip-answers");
    assertThat(report.pairs().get(0).checks()).extracting(CheckResult::status)
        .containsExactly(CheckResult.Status.PASSED, CheckResult.Status.PASSED, CheckResult.Status.PASSED,
            CheckResult.Status.PASSED, CheckResult.Status.FAILED);
    CheckResult vip = report.pairs().get(0).check("vip-answers").orElseThrow();
    assertThat(vip.message())
        .contains("ops@192.0.2.100:2222")
        .contains("probe host office-client of pair office (pairs[0].verify.probe) cannot be reached: connection refused")
        .contains(FakePair.VIP);
  }

  @Test
  void aProbeHostGivenInCodeWinsOverTheInventorysOne() {
    FakeWorld world = new FakeWorld("office");
    world.verify.put("office", probeOnly());
    ProbeHost inCode = new ProbeHost() {
      @Override
      public String name() {
        return "in-code";
      }

      @Override
      public PingResult ping(String address, int count, Duration timeout) {
        return new PingResult(count, count, OptionalDouble.of(1.0), "");
      }
    };
    try (EngineSession session = world.engine(2).open(world.inventory())) {
      VerifyReport report = session.verify(VerifyOptions.defaults().withProbeHosts(p -> Optional.of(inCode)));
      assertThat(report.pairs().get(0).check("vip-answers " + FakePair.VIP).orElseThrow().message())
          .contains("from in-code");
    }
    assertThat(world.probeConnections).isEmpty();
    // A probe host that can only ping answers commands like a shell without them, naming itself.
    io.haprovision.transport.ExecResult ran = inCode.run("python3 client.py", Duration.ofSeconds(1));
    assertThat(ran.ok()).isFalse();
    assertThat(ran.exitCode()).isEqualTo(ProbeHost.NO_SHELL);
    assertThat(ran.stderr()).contains("probe host in-code runs no commands");
  }

  @Test
  void theInventorysCheckOverridesGoOverThePlatformsDefaultsAndChecksInCodeWinOverBoth() {
    FakeWorld world = new FakeWorld("office");
    world.verify.put("office", new VerifySpec(Optional.of(CLIENT), Optional.of(false), Optional.empty(),
        Optional.empty(), Optional.of(5)));
    try (EngineSession session = world.engine(2).open(world.inventory())) {
      VerifyReport report = session.verify(VerifyOptions.defaults());
      assertThat(report.pairs().get(0).checks()).extracting(CheckResult::name)
          .containsExactly("pair-lock", "single-master LAN", "vip-answers " + FakePair.VIP);
      assertThat(world.probeConnections.get("office").get(0).calls()).extracting(ScriptedConnection.Call::command)
          .containsExactly("ping -c 5 -W 1 " + FakePair.VIP + " 2>&1");

      VerifyReport inCode = session.verify(VerifyOptions.defaults()
          .withChecks(new VerificationDefaults(true, false, false, 1)));
      assertThat(inCode.pairs().get(0).checks()).extracting(CheckResult::name).containsExactly("pair-lock", "keepalived-running", "keepalived-runs-its-configuration");
    }
  }

  @Test
  void overridesApplyToThePlatformsDefaults() {
    VerificationDefaults platform = new VerificationDefaults(true, true, false, 2);
    assertThat(VerifySpec.empty().over(platform)).isEqualTo(platform);
    assertThat(new VerifySpec(Optional.empty(), Optional.empty(), Optional.of(false), Optional.of(true), Optional.empty())
        .over(platform)).isEqualTo(new VerificationDefaults(true, false, true, 2));
  }
}
