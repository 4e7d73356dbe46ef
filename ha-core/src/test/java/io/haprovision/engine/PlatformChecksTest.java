package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.PingResult;
import io.haprovision.engine.verify.ProbeHost;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.engine.verify.VerifyReport.PairVerification;
import io.haprovision.spi.PairCheckContext;
import io.haprovision.spi.PlatformCheck;
import io.haprovision.transport.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A platform's own checks ({@code Target.extraChecks}) run by verify against the fake world. */
class PlatformChecksTest {

  private static PlatformCheck check(String name, Function<PairCheckContext, List<CheckResult>> body) {
    return new PlatformCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<CheckResult> run(PairCheckContext context) {
        return body.apply(context);
      }
    };
  }

  private static VerifyReport verify(FakeWorld world, boolean drills) {
    ProbeHost host = new ProbeHost() {
      @Override
      public String name() {
        return "client";
      }

      @Override
      public PingResult ping(String address, int count, Duration timeout) {
        return new PingResult(count, count, OptionalDouble.of(0.2), "");
      }
    };
    try (EngineSession session = world.engine(2).open(world.inventory())) {
      return session.verify(VerifyOptions.defaults().withDrills(drills).withProbeHosts(p -> Optional.of(host)));
    }
  }

  @Test
  void platformChecksRunAfterTheCoreChecksAndBeforeTheDrillsKnowingTheMaster() {
    FakeWorld world = new FakeWorld("office");
    List<String> seen = new ArrayList<>();
    world.extraChecks.add(check("probe-roles", c -> {
      seen.add(c.pair().name() + " master=" + c.master().orElse("-") + " backup=" + c.backup().orElse("-"));
      ExecResult r = c.run(c.backup().orElseThrow(), "no-such-command");
      return List.of(new CheckResult("probe-roles", CheckResult.Status.PASSED, "exit " + r.exitCode(),
          Map.of("exit", (double) r.exitCode()), 0));
    }));
    VerifyReport report = verify(world, true);
    PairVerification office = report.pairs().get(0);
    assertThat(office.checks()).extracting(CheckResult::name).containsExactly("pair-lock", "keepalived-running", "keepalived-runs-its-configuration",
        "single-master LAN", "vip-answers 192.0.2.254", "probe-roles", "drill reload-safe", "drill failover");
    assertThat(seen).containsExactly("office master=gw-a backup=gw-b");
    assertThat(office.check("probe-roles").orElseThrow().message()).isEqualTo("exit 127");
    assertThat(report.ok()).isTrue();
  }

  @Test
  void aCheckThatThrowsFailsUnderItsNameAndTheOthersStillRun() {
    FakeWorld world = new FakeWorld("office");
    world.extraChecks.add(check("broken", c -> {
      throw new IllegalStateException("parser fell over");
    }));
    world.extraChecks.add(check("fine", c -> List.of(CheckResult.passed("fine", "ok", 0))));
    VerifyReport report = verify(world, false);
    PairVerification office = report.pairs().get(0);
    CheckResult broken = office.check("broken").orElseThrow();
    assertThat(broken.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(broken.message()).contains("parser fell over");
    assertThat(office.check("fine").orElseThrow().status()).isEqualTo(CheckResult.Status.PASSED);
    assertThat(report.ok()).isFalse();
  }

  @Test
  void withoutASingleMasterTheCheckIsToldThereIsNone() {
    FakeWorld world = new FakeWorld("office");
    world.pair("office").a.stop();
    List<String> seen = new ArrayList<>();
    world.extraChecks.add(check("roles", c -> {
      seen.add(c.master().orElse("-") + "/" + c.backup().orElse("-"));
      return List.of();
    }));
    verify(world, false);
    assertThat(seen).containsExactly("-/-");
  }
}
