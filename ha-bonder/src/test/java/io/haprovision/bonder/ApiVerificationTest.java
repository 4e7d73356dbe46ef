package io.haprovision.bonder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import io.haprovision.lab.bonderapi.ObjectKind;
import io.haprovision.resource.FileResource;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.PairDrillContext;
import io.haprovision.transport.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code api-state} check and the {@code drill api-failover} against the management API
 * simulator, with a stand-in pair: "stopping keepalived" on a bonder runs the real notify
 * program of the other bonder (MASTER) with the real curl, as keepalived would there.
 */
class ApiVerificationTest {
  @TempDir
  Path dir;
  private static ManagementApiSimulator api;
  private PairSpec pair;

  @BeforeAll
  static void startApi() {
    api = ApiFixture.start("127.0.0.1");
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @BeforeEach
  void setUp() {
    ApiFixture.reset(api);
    pair = Inventories.pair(ApiFixture.inventory(api, api.caPemFile().toString(), api.caPemFile().toString()));
  }


  @Test
  void apiStatePassesWhenTheMastersBondCarriesTheObjects() {
    List<CheckResult> results = new ApiStateCheck().run(new StandIn("bonder-a"));
    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(CheckResult.Status.PASSED);
      assertThat(r.message()).contains("bonder-a is MASTER and the API agrees: bond 12")
          .contains("bond 12: 5/5 enabled; bond 13: 0/5 enabled");
    });
  }

  @Test
  void apiStateNamesEveryObjectThatDisagrees() {
    api.setEnabled(ObjectKind.ROUTES, 13, 204, true);
    api.setEnabled(ObjectKind.CONNECTED_IPS, 12, 102, false);
    CheckResult r = new ApiStateCheck().run(new StandIn("bonder-a")).get(0);
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(r.message()).contains("connected IP 102 of bond 12 (primary's bond) is disabled, should be enabled")
        .contains("route 204 of bond 13 (secondary's bond) is enabled, should be disabled");
    assertThat(r.figures()).containsEntry("objects_wrong", 2.0);
    // Read only: nothing was changed.
    assertThat(api.calls()).allMatch(c -> c.method().equals("GET"));
  }

  @Test
  void apiStateFailsWithoutASingleMaster() {
    CheckResult r = new ApiStateCheck().run(new StandIn(null)).get(0);
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(api.calls()).isEmpty();
  }

  @Test
  void drillMeasuresTheSwapAndTheWayBack() {
    StandIn pairNow = new StandIn("bonder-a");
    CheckResult r = new ApiFailoverDrill().run(pairNow);
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.PASSED);
    assertThat(r.figures()).containsKeys("api_swap_seconds", "api_return_seconds");
    assertThat(r.figures().get("api_swap_seconds")).isPositive().isLessThan(20.0);
    assertThat(r.message()).contains("every object on bonder-b's bond 13").contains("back on bonder-a's bond");
    assertThat(pairNow.commands).containsExactly("bonder-a: systemctl stop keepalived",
        "bonder-a: systemctl start keepalived");
    assertThat(ApiFixture.floating(api, 12, true)).isTrue();
    assertThat(ApiFixture.floating(api, 13, false)).isTrue();
  }

  @Test
  void drillRefusesToStartWhenTheApiAlreadyDisagrees() {
    api.setEnabled(ObjectKind.ROUTES, 12, 201, false);
    StandIn pairNow = new StandIn("bonder-a");
    CheckResult r = new ApiFailoverDrill().run(pairNow);
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(r.message()).contains("before the drill").contains("route 201 of bond 12");
    assertThat(pairNow.commands).isEmpty();
  }

  /**
   * The pair as a drill sees it: stopping keepalived on a bonder makes the other one MASTER
   * (its notify program runs); starting it again makes it MASTER again (it preempts).
   */
  private final class StandIn implements PairDrillContext {
    final List<String> commands = new ArrayList<>();
    private final String master;
    private volatile boolean stopped;

    StandIn(String master) {
      this.master = master;
    }

    @Override
    public PairSpec pair() {
      return pair;
    }

    @Override
    public Optional<String> master() {
      return Optional.ofNullable(master);
    }

    @Override
    public ExecResult run(String node, String command) {
      // only the drill's "is keepalived still running" question
      return new ExecResult(stopped ? 1 : 0, "", "");
    }

    @Override
    public ExecResult change(String node, String command) {
      commands.add(node + ": " + command);
      NodeSpec spec = pair.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow();
      if (command.equals(keepalivedControl().stopCommand())) {
        stopped = true;
        return notifyMaster(pair.peerOf(spec));
      }
      if (command.equals(keepalivedControl().startCommand())) {
        stopped = false;
        return notifyMaster(spec);
      }
      throw new AssertionError("unexpected command " + command);
    }

    private ExecResult notifyMaster(NodeSpec node) {
      try {
        Path program = dir.resolve("bonder-notify");
        Files.writeString(program, BonderFiles.notifyProgram());
        String conf = new BonderTarget().desired(pair, node).resources().stream()
            .filter(r -> r instanceof FileResource f && f.path().equals(BonderPaths.NOTIFY_CONFIG))
            .map(r -> ((FileResource) r).content()).findFirst().orElseThrow()
            .replace(BonderPaths.STATE_FILE, dir.resolve("state").toString());
        Path file = Files.writeString(dir.resolve(node.name() + ".conf"), conf);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("logger"), "#!/bin/sh\nexit 0\n");
        bin.resolve("logger").toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", program.toString(), file.toString(), "INSTANCE", "BONDERS",
            "MASTER", "10").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "notify program did not finish");
        return new ExecResult(0, new String(p.getInputStream().readAllBytes()), "");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    @Override
    public KeepalivedControl keepalivedControl() {
      return new BonderTarget().keepalivedControl();
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void progress(String message) {
      System.out.println("  [drill] " + message);
    }
  }
}
