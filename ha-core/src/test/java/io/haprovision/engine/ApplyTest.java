package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.ProgressEvent;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanJson;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Apply against simulated pairs: order, gate, stale plans, failures, and what it costs. */
class ApplyTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "engine");

  @Test
  void aNoOpConvergeCostsOneHandshakeAndOneCommandPerNodeAndTouchesNothing() {
    FakeWorld world = new FakeWorld("office", "branch");
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      Plan plan = session.plan();
      assertThat(plan.hasChanges()).isFalse();
      ApplyReport report = session.apply(plan);
      assertThat(report.ok()).isTrue();
      assertThat(report.pairs()).extracting(PairResult::status).containsOnly(PairStatus.UNCHANGED);
      assertThat(report.execsPerNode()).isEqualTo(Map.of("office/gw-a", 1L, "office/gw-b", 1L,
          "branch/gw-a", 1L, "branch/gw-b", 1L));
      assertThat(report.handshakes()).isEqualTo(4);
    }
    assertThat(world.pair("office").log).isEmpty();
    assertThat(world.pair("branch").log).isEmpty();
  }

  @Test
  void aChangedPriorityIsAppliedToTheBackupFirstThenTheMasterBehindTheGate() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-a", 160, "hello");
    world.want("office", "gw-b", 110, "hello");
    FakePair pair = world.pair("office");
    ApplyReport report;
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      Plan plan = session.plan();
      assertThat(plan.pair("office").rolloutOrder()).containsExactly("gw-b", "gw-a");
      report = session.apply(plan);
    }
    assertThat(report.ok()).isTrue();
    PairResult office = report.pairs().get(0);
    assertThat(office.status()).isEqualTo(PairStatus.APPLIED);
    assertThat(pair.log).containsExactly(
        "gw-b: fake-set priority 110", "gw-b: fake-commit 1", "gw-b: fake-reload",
        "gw-a: fake-set priority 160", "gw-a: fake-commit 1", "gw-a: fake-reload");
    assertThat(office.node("gw-b").orElseThrow().gate().orElseThrow().status()).isEqualTo(GateResult.Status.PASSED);
    assertThat(office.node("gw-a").orElseThrow().gate().orElseThrow().summary())
        .isEqualTo("LAN: gw-a MASTER, gw-b BACKUP");
    assertThat(pair.a.releasedMaster).as("the VIP never left gw-a").isZero();
    assertThat(pair.a.loadedPriority).isEqualTo(160);
    assertThat(pair.b.loadedPriority).isEqualTo(110);
    // The gate on gw-b passed before anything was sent to gw-a.
    List<String> sequence = world.events.stream()
        .filter(e -> e.phase() == ProgressEvent.Phase.APPLY || e.phase() == ProgressEvent.Phase.GATE)
        .map(e -> e.node() + " " + e.phase() + " " + e.message()).toList();
    int gateB = indexOf(sequence, "gw-b GATE healthy");
    int firstA = indexOf(sequence, "gw-a APPLY");
    assertThat(gateB).isNotNegative().isLessThan(firstA);
    Golden.assertMatches(GOLDEN.resolve("apply-rolling.txt"), report.toText(Redactor.none()));
    Golden.assertMatches(GOLDEN.resolve("apply-rolling.json"), report.toJson(Redactor.none()));

    // Converging again finds nothing to do.
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      assertThat(session.plan().hasChanges()).isFalse();
    }
  }

  @Test
  void aPlanWhoseFactsChangedIsRefusedBeforeTheNodeIsTouched() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-a", 150, "welcome");
    world.want("office", "gw-b", 100, "welcome");
    FakePair pair = world.pair("office");
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      Plan plan = session.plan();
      pair.b.settings.put("motd", "edited by hand");
      ApplyReport report = session.apply(plan);
      PairResult office = report.pairs().get(0);
      assertThat(office.status()).isEqualTo(PairStatus.REFUSED);
      assertThat(office.node("gw-b").orElseThrow().status()).isEqualTo(NodeStatus.REFUSED);
      assertThat(office.node("gw-b").orElseThrow().message()).contains("the plan is stale")
          .contains("facts of gw-b changed").contains("run plan again");
      assertThat(office.node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
      assertThat(office.message()).contains("gw-a not touched");
      assertThat(report.ok()).isFalse();
    }
    assertThat(pair.log).isEmpty();
  }

  @Test
  void aPlanMadeUnderAnotherDigestKeyIsRefusedAsStaleBeforeAnythingIsTouched() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-a", 150, "welcome");
    world.want("office", "gw-b", 100, "welcome");
    DigestKey elsewhere = DigestKey.of("the key of another machine, 32 b".getBytes(StandardCharsets.UTF_8));
    Plan plan;
    try (EngineSession session = world.engine(4, elsewhere).open(world.inventory())) {
      plan = session.plan();
    }
    // Saved and read back, as a plan carried to another machine would be.
    Plan carried = PlanJson.read(PlanJson.write(plan, Redactor.none()));
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      Plan here = session.plan();
      // Same inventory, same facts: only the key differs, and so do the digests.
      assertThat(here.pair("office").node("gw-b").changes()).isEqualTo(plan.pair("office").node("gw-b").changes());
      assertThat(here.pair("office").node("gw-b").desiredDigest())
          .isNotEqualTo(plan.pair("office").node("gw-b").desiredDigest());
      PairResult office = session.apply(carried).pairs().get(0);
      assertThat(office.status()).isEqualTo(PairStatus.REFUSED);
      assertThat(office.node("gw-b").orElseThrow().status()).isEqualTo(NodeStatus.REFUSED);
      assertThat(office.node("gw-b").orElseThrow().message())
          .contains("or the plan was made on another machine (plans are bound to the machine that made them)")
          .endsWith("run plan again");
      assertThat(office.node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
      assertThat(world.pair("office").log).isEmpty();
      // A plan made here applies under the key it was made with.
      var hereReport = session.apply(here);
      assertThat(hereReport.ok()).as(hereReport.toText(Redactor.none())).isTrue();
    }
    assertThat(world.pair("office").log).contains("gw-b: fake-set motd welcome");
  }

  @Test
  void aPlanMadeFromAnotherInventoryIsRefused() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-b", 100, "welcome");
    Plan plan;
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      plan = session.plan();
    }
    world.want("office", "gw-b", 100, "something else");
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      PairResult office = session.apply(plan).pairs().get(0);
      assertThat(office.status()).isEqualTo(PairStatus.REFUSED);
      assertThat(office.node("gw-b").orElseThrow().status()).isEqualTo(NodeStatus.REFUSED);
      assertThat(office.node("gw-b").orElseThrow().message())
          .startsWith("the inventory changed since the plan was made (desired digest ")
          .endsWith("): run plan again");
      assertThat(office.node("gw-b").orElseThrow().message()).contains(PairRollout.BOUND);
      assertThat(office.node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
    }
    assertThat(world.pair("office").log).isEmpty();
  }

  @Test
  void aPlanMadeBeforeTheVrrpPasswordChangedIsRefusedBeforeAnythingIsTouched() {
    FakeWorld world = new FakeWorld("office");
    world.vrrpPassword.put("office", "Old-Pass-7");
    Plan plan;
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      plan = session.plan();
    }
    String json = PlanJson.write(plan, Redactor.none());
    assertThat(json).contains(FakeWorld.Platform.AUTH_FILE).doesNotContain("Old-Pass-7");

    world.vrrpPassword.put("office", "New-Pass-8");
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      // The change reads the same as planned (the content is sensitive): only the digest tells.
      assertThat(session.plan().pair("office").node("gw-b").changes())
          .isEqualTo(plan.pair("office").node("gw-b").changes());
      ApplyReport report = session.apply(PlanJson.read(json));
      PairResult office = report.pairs().get(0);
      assertThat(office.status()).isEqualTo(PairStatus.REFUSED);
      String message = office.node("gw-b").orElseThrow().message();
      assertThat(message).contains("the inventory changed since the plan was made (desired digest "
          + plan.pair("office").node("gw-b").desiredDigest().substring(0, 12) + ", now ")
          .endsWith("run plan again").doesNotContain("Pass");
      assertThat(office.node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
      assertThat(report.toJson(Redactor.none()) + report.toText(Redactor.none())).doesNotContain("Pass-");
    }
    assertThat(world.pair("office").log).isEmpty();
  }

  @Test
  void aFailureOnTheFirstNodeStopsThePairBeforeTheSecondIsTouched() {
    FakeWorld world = new FakeWorld("office", "branch");
    for (String p : List.of("office", "branch")) {
      world.want(p, "gw-a", 150, "welcome");
      world.want(p, "gw-b", 100, "welcome");
    }
    FakePair office = world.pair("office");
    office.b.failing.add("motd");
    ApplyReport report;
    // One pair at a time: the pairs share the fake clock, and the golden report has timings.
    try (EngineSession session = world.engine(1).open(world.inventory())) {
      report = session.apply(session.plan());
    }
    PairResult o = report.pairs().get(0);
    assertThat(o.status()).isEqualTo(PairStatus.FAILED);
    assertThat(o.node("gw-b").orElseThrow().status()).isEqualTo(NodeStatus.FAILED);
    assertThat(o.node("gw-b").orElseThrow().changes().get(0).error()).contains("no space left on device")
        .contains("setting motd failed on node gw-b (exit 1)");
    assertThat(o.node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
    assertThat(o.node("gw-a").orElseThrow().message()).isEqualTo("gw-a not touched: gw-b failed");
    assertThat(o.message()).endsWith("; gw-a not touched");
    assertThat(office.a.connection.calls()).as("gw-a: the facts probe, the pair lock taken and given back, and the"
        + " look for an earlier run's armed revert before any node is changed")
        .hasSize(4).filteredOn(c -> c.toString().contains("token=")).hasSize(2);
    // gw-b's failed change was put back right away by the revert armed before it.
    assertThat(office.log).containsExactly("gw-b: reverted");
    assertThat(o.node("gw-b").orElseThrow().safetyNet()).contains("gw-b was reverted right away (1 file(s) put back)");
    // The other pair is not held up by this one.
    assertThat(report.pairs().get(1).status()).isEqualTo(PairStatus.APPLIED);
    assertThat(world.pair("branch").log).contains("gw-a: fake-set motd welcome", "gw-b: fake-set motd welcome");
    Golden.assertMatches(GOLDEN.resolve("apply-first-node-fails.txt"), report.toText(Redactor.none()));
  }

  @Test
  void theGateFailsAndStopsThePairWhenKeepalivedDiesOnReload() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-a", 160, "hello");
    world.want("office", "gw-b", 110, "hello");
    FakePair pair = world.pair("office");
    pair.b.onReload = FakePair.Node::crash;
    PairResult o;
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      o = session.apply(session.plan()).pairs().get(0);
    }
    assertThat(o.status()).isEqualTo(PairStatus.FAILED);
    GateResult gate = o.node("gw-b").orElseThrow().gate().orElseThrow();
    assertThat(gate.status()).isEqualTo(GateResult.Status.FAILED);
    assertThat(gate.problems()).contains("keepalived is not running on gw-b");
    // keepalived that stays down does not come back by itself: the gate stops once that outlasts
    // the master-down interval and a settle time (3.6 + 1 s here), not at its 10 s deadline.
    assertThat(gate.summary()).contains("keepalived has not been running on gw-b for");
    assertThat(gate.millis()).isBetween(4_600L, 9_999L);
    assertThat(o.node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
    assertThat(pair.log).noneMatch(l -> l.startsWith("gw-a"));
  }

  /**
   * Issue 15: a busy host answers slowly (each read 1.5 s) and gw-b, raised above gw-a, takes 9 s
   * to win its election. The gate's own deadline grows with the slow looks and passes; a fixed
   * deadline of the same base (10 s) runs out first: the false gate failures of 20 pairs on one
   * machine.
   */
  @Test
  void onASlowHostTheGateWaitsForAnElectionStillUnderWay() {
    for (boolean fixed : new boolean[] {false, true}) {
      FakeWorld world = new FakeWorld("office");
      world.want("office", "gw-b", 170, "hello");
      FakePair pair = world.pair("office");
      pair.a.probeSeconds = 1.5;
      pair.b.probeSeconds = 1.5;
      pair.b.onReload = n -> n.eligibleAt = world.clock.seconds() + 9;
      ApplyOptions options = fixed ? ApplyOptions.defaults().withGateTimeout(java.time.Duration.ofSeconds(10))
          : ApplyOptions.defaults();
      GateResult gate;
      try (EngineSession session = world.engine(4).open(world.inventory())) {
        gate = session.apply(session.plan(), options).pairs().get(0).node("gw-b").orElseThrow().gate().orElseThrow();
      }
      if (fixed) {
        assertThat(gate.status()).as(gate.summary()).isEqualTo(GateResult.Status.FAILED);
        assertThat(gate.summary()).startsWith("the pair was not healthy within 10 s after gw-b was changed")
            .contains("gw-b has the higher priority for LAN");
      } else {
        assertThat(gate.status()).as(gate.summary()).isEqualTo(GateResult.Status.PASSED);
        assertThat(gate.millis()).as(gate.summary()).isGreaterThan(10_000L);
        assertThat(pair.master()).isEqualTo("gw-b");
      }
    }
  }

  @Test
  void theGateFailsWhenTheReloadDidNotLoadTheNewConfiguration() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-b", 110, "hello");
    world.pair("office").b.reloadLoadsConfig = false;
    PairResult o;
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      o = session.apply(session.plan(), ApplyOptions.defaults().withGateTimeout(java.time.Duration.ofSeconds(3)))
          .pairs().get(0);
    }
    assertThat(o.node("gw-b").orElseThrow().gate().orElseThrow().problems())
        .containsExactly("gw-b runs instance LAN with priority 100 but the new configuration says 110:"
            + " the new configuration is not loaded");
  }

  @Test
  void theGateCatchesAReloadThatMovedTheVipEvenAfterItCameBack() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-a", 160, "hello");
    FakePair pair = world.pair("office");
    // Only the change's reload flaps: the revert's reload afterwards does not.
    java.util.concurrent.atomic.AtomicBoolean flapped = new java.util.concurrent.atomic.AtomicBoolean();
    pair.a.onReload = n -> {
      if (flapped.compareAndSet(false, true)) {
        pair.flap(n);
      }
    };
    PairResult o;
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      o = session.apply(session.plan(), ApplyOptions.defaults().withGateTimeout(java.time.Duration.ofSeconds(3)))
          .pairs().get(0);
    }
    assertThat(pair.master()).as("gw-a preempted back").isEqualTo("gw-a");
    GateResult gate = o.node("gw-a").orElseThrow().gate().orElseThrow();
    assertThat(gate.status()).isEqualTo(GateResult.Status.FAILED);
    assertThat(gate.problems()).containsExactly(
        "gw-a gave up MASTER of LAN 1 time(s) during the change (keepalived's release_master counter)");
  }

  /**
   * A change that takes nearly the whole revert window: the next step does not start (the
   * revert must never run while changes are still being made), and the node is put back.
   */
  @Test
  void noStepStartsWhenTheArmedRevertIsAboutToFire() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-b", 110, "welcome");
    FakePair pair = world.pair("office");
    pair.b.onSet.put("priority", () -> world.clock.advance(java.time.Duration.ofSeconds(295)));
    PairResult o;
    try (EngineSession session = world.engine(1).open(world.inventory())) {
      o = session.apply(session.plan()).pairs().get(0);
    }
    var b = o.node("gw-b").orElseThrow();
    assertThat(b.status()).isEqualTo(NodeStatus.FAILED);
    assertThat(b.message()).contains("the revert armed on gw-b is due in less than 10.0 s, so nothing more is changed")
        .contains("raise rollout.revert_window (now 300 s)");
    assertThat(b.changes()).hasSize(1);
    assertThat(b.safetyNet()).contains("gw-b was reverted right away (1 file(s) put back)");
    assertThat(pair.log).containsExactly("gw-b: fake-set priority 110", "gw-b: reverted");
    assertThat(pair.b.settings).containsEntry("motd", "hello").containsEntry("priority", "100");
    assertThat(o.node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
  }

  @Test
  void pairsRunInParallelAndReportInPlanOrder() {
    FakeWorld world = new FakeWorld("p1", "p2", "p3", "p4", "p5");
    for (String p : world.pairs.keySet()) {
      world.want(p, "gw-b", 100, "new");
    }
    ApplyReport report;
    try (EngineSession session = world.engine(3).open(world.inventory())) {
      report = session.apply(session.plan());
    }
    assertThat(report.pairs()).extracting(PairResult::pair).containsExactly("p1", "p2", "p3", "p4", "p5");
    assertThat(report.pairs()).extracting(PairResult::status).containsOnly(PairStatus.APPLIED);
    assertThat(report.changesApplied()).isEqualTo(5);
    // gw-a had nothing to do: it was only read (facts, and as the peer in gw-b's gate).
    for (PairResult p : report.pairs()) {
      assertThat(p.node("gw-a").orElseThrow().status()).isEqualTo(NodeStatus.UNCHANGED);
      assertThat(world.pair(p.pair()).log).containsExactly("gw-b: fake-set motd new", "gw-b: fake-commit 1");
    }
  }

  @Test
  void consecutiveChangesOfOneDriverAreCommittedOnceBeforeTheHandlersRun() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-b", 110, "welcome");
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      assertThat(session.apply(session.plan()).ok()).isTrue();
    }
    assertThat(world.pair("office").log).containsExactly(
        "gw-b: fake-set priority 110", "gw-b: fake-set motd welcome", "gw-b: fake-commit 2", "gw-b: fake-reload");
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
