package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.plan.Plan;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, goal 4: a session over more than {@link EngineSession#KEEP_OPEN_NODES} nodes holds
 * the connections of the pairs being worked on, not of the whole inventory; a small one
 * connects every node ahead and keeps them, as before.
 */
class BoundedSessionTest {
  private static final int PARALLEL = 4;

  @Test
  void aLargeSessionConnectsPairByPairAndGivesTheConnectionsBackAfterEachStep() {
    String[] names = IntStream.rangeClosed(1, EngineSession.KEEP_OPEN_NODES / 2 + 1)
        .mapToObj(i -> String.format("p%03d", i)).toArray(String[]::new);
    FakeWorld world = new FakeWorld(names);
    int nodes = 2 * names.length;
    world.want("p042", "gw-b", 100, "changed");
    try (EngineSession session = world.engine(PARALLEL).open(world.inventory())) {
      assertThat(world.openConnections()).as("nothing connected ahead").isZero();
      Plan plan = session.plan();
      assertThat(plan.pairs().stream().filter(p -> p.hasChanges()).map(p -> p.pair())).containsExactly("p042");
      assertThat(world.handshakes.get()).as("one session per node for the facts").isEqualTo(nodes);
      // facts read 2 x PARALLEL nodes at once; a pair gives its two back when both are read
      assertThat(world.mostOpenAtOnce.get()).as("a bound set by --parallel, not by the inventory")
          .isLessThanOrEqualTo(4 * PARALLEL);
      assertThat(world.openConnections()).as("every pair gave its connections back").isZero();
      assertThat(session.execCounts()).hasSize(nodes).allSatisfy((node, n) -> assertThat(n).isEqualTo(1L));

      ApplyReport applied = session.apply(plan);
      assertThat(applied.ok()).as(applied.toText(io.haprovision.secret.Redactor.none())).isTrue();
      assertThat(world.pair("p042").b.settings).containsEntry("motd", "changed");
      assertThat(world.handshakes.get()).as("only the changed pair was connected again")
          .isGreaterThan(nodes).isLessThanOrEqualTo(nodes + 4);
      assertThat(world.openConnections()).isZero();
      assertThat(session.execCounts().get("p042/gw-b")).isGreaterThan(1L);
      assertThat(session.execCounts().get("p001/gw-a")).isEqualTo(1L);
    }
    assertThat(world.openConnections()).isZero();
  }

  @Test
  void aSmallSessionConnectsEveryNodeAheadAndKeepsThemUntilItCloses() {
    FakeWorld world = new FakeWorld("office", "branch");
    try (EngineSession session = world.engine(PARALLEL).open(world.inventory())) {
      assertThat(world.openConnections()).isEqualTo(4);
      session.plan();
      assertThat(world.openConnections()).isEqualTo(4);
      assertThat(world.handshakes.get()).isEqualTo(4);
    }
    assertThat(world.openConnections()).isZero();
  }
}
