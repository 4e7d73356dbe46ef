package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.facts.VrrpWire;
import io.haprovision.plan.Plan;
import io.haprovision.secret.Redactor;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rollout of a change the two nodes cannot both speak, on the simulated pair: the BACKUP's
 * keepalived is stopped before anything changes, the MASTER changes alone, then the BACKUP
 * changes and starts; a MASTER that could not be changed gets the BACKUP back unchanged.
 */
class HeldRolloutTest {
  /** advert_int 2 s where both nodes run 1 s (the simulated dump says 1 s, VRRPv2). */
  private static final VrrpWire TWO_SECONDS = new VrrpWire(51, 2, Optional.of(new BigDecimal("2")),
      VrrpWire.AUTH_UNKNOWN, Optional.empty(), Optional.empty());

  /** A pair whose inventory now wants advert_int 2 s (and new priorities, so keepalived reloads). */
  private static FakeWorld slower() {
    FakeWorld world = new FakeWorld("office");
    world.want("office", "gw-a", 160, "slow");
    world.want("office", "gw-b", 110, "slow");
    world.wire = TWO_SECONDS;
    return world;
  }

  @Test
  void theBackupIsHeldStoppedWhileTheMasterChangesThenChangedAndStarted() {
    FakeWorld world = slower();
    FakePair pair = world.pair("office");
    PairResult r;
    try (EngineSession session = world.engine(1).open(world.inventory())) {
      Plan plan = session.plan();
      assertThat(plan.pair("office").wireChange()).hasValueSatisfying(w -> {
        assertThat(w.held()).isEqualTo("gw-b");
        assertThat(w.changes()).containsExactly("LAN: advert_int 1 s -> 2 s");
      });
      r = session.apply(plan).pairs().get(0);
    }
    assertThat(r.status()).as(r.message()).isEqualTo(PairStatus.APPLIED);
    assertThat(r.message()).contains("applied to gw-a while gw-b's keepalived was held stopped");
    assertThat(pair.log).containsSubsequence("gw-b: fake-stop", "gw-a: fake-set priority 160", "gw-a: fake-reload",
        "gw-b: fake-set priority 110", "gw-b: fake-start");
    assertThat(pair.log).doesNotContain("gw-b: fake-reload");
    assertThat(pair.b.running).isTrue();
    assertThat(r.node("gw-b").orElseThrow().handlers()).anySatisfy(h -> assertThat(h.name()).isEqualTo("start keepalived"));
  }

  @Test
  void aMasterThatCouldNotBeChangedGetsTheBackupBackUnchanged() {
    FakeWorld world = slower();
    FakePair pair = world.pair("office");
    pair.a.failing.add("motd");
    PairResult r;
    try (EngineSession session = world.engine(1).open(world.inventory())) {
      r = session.apply(session.plan()).pairs().get(0);
    }
    assertThat(r.status()).isEqualTo(PairStatus.FAILED);
    assertThat(r.message()).as(r.message()).contains("gw-b takes part in VRRP again unchanged")
        .contains("runs what gw-b ran, after its revert").contains("gw-a was reverted right away");
    assertThat(pair.log).containsSubsequence("gw-b: fake-stop", "gw-b: fake-start");
    assertThat(pair.log).noneMatch(l -> l.startsWith("gw-b: fake-set"));
    assertThat(pair.b.running).isTrue();
    assertThat(r.node("gw-b").orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
    assertThat(new ApplyReport(java.util.List.of(r), java.util.Map.of(), 0, 0).toText(Redactor.none()))
        .contains("started again unchanged");
  }
}
