package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.PairHealth.InstanceHealth;
import io.haprovision.engine.PairHealth.NodeHealth;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, point 1: the looks of {@code provision watch} on a simulated pair: masters per
 * instance and who holds the VIPs, a failover seen as a role change, one session per node kept
 * across looks, and a session that broke (or a node that went away) reopened on a later look.
 */
class PairWatcherTest {
  private static InstanceHealth lan(PairHealth h) {
    return h.instances().stream().filter(i -> i.instance().equals("LAN")).findFirst().orElseThrow();
  }

  private static NodeHealth node(PairHealth h, String name) {
    return h.nodes().stream().filter(n -> n.node().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void looksSeeOneMasterThenAFailoverAsARoleChange() {
    FakeWorld world = new FakeWorld("office");
    FakePair pair = world.pair("office");
    try (PairWatcher watcher = world.engine(2).watch(world.inventory())) {
      PairHealth first = watcher.look().get(0);
      assertThat(lan(first).masters()).containsExactly("gw-a");
      assertThat(lan(first).vipHolder()).contains("gw-a");
      assertThat(lan(first).vips()).isEqualTo(1);
      assertThat(lan(first).lastChange()).isEmpty();
      assertThat(first.nodes()).allMatch(n -> n.reached() && n.keepalivedRunning());

      pair.a.stop();
      world.clock.advance(Duration.ofSeconds(2));
      PairHealth after = watcher.look().get(0);
      assertThat(lan(after).masters()).containsExactly("gw-b");
      assertThat(lan(after).vipHolder()).contains("gw-b");
      assertThat(node(after, "gw-a").keepalivedRunning()).isFalse();
      assertThat(lan(after).lastChange()).hasValueSatisfying(c -> {
        assertThat(c.from()).isEqualTo("gw-a");
        assertThat(c.to()).isEqualTo("gw-b");
        // From the last look that saw gw-a alone to the first that saw gw-b: the 2 s in between.
        assertThat(c.seconds()).isBetween(2.0, 3.0);
      });
      // One session per node for all the looks.
      assertThat(world.handshakes.get()).isEqualTo(2);
    }
  }

  @Test
  void aBrokenSessionOrAnUnreachableNodeIsAReadingAndTheNextLookReconnects() {
    FakeWorld world = new FakeWorld("office");
    FakePair pair = world.pair("office");
    try (PairWatcher watcher = world.engine(2).watch(world.inventory())) {
      assertThat(watcher.look().get(0).nodes()).allMatch(NodeHealth::reached);
      // gw-b's session dies (a reboot) and the router does not take new ones yet.
      world.nodeConnections.forEach(c -> {
        if (c.target().contains("gw-b")) {
          c.close();
        }
      });
      pair.b.unreachable = true;
      PairHealth down = watcher.look().get(0);
      assertThat(node(down, "gw-b").reached()).isFalse();
      assertThat(node(down, "gw-b").problem()).isPresent();
      assertThat(node(down, "gw-a").reached()).isTrue();
      assertThat(lan(down).masters()).containsExactly("gw-a");
      PairHealth stillDown = watcher.look().get(0);
      assertThat(node(stillDown, "gw-b").problem().orElseThrow()).contains("connect timed out");

      pair.b.unreachable = false;
      PairHealth back = watcher.look().get(0);
      assertThat(node(back, "gw-b").reached()).isTrue();
      assertThat(world.openConnections()).as("the broken session was closed, one new one open").isEqualTo(2);
    }
    assertThat(world.openConnections()).as("close() closes every session").isZero();
  }
}
