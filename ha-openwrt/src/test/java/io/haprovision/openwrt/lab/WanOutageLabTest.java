package io.haprovision.openwrt.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.AddressPlan;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's WAN-outage point on real keepalived over real SSH: the sync group holds a track
 * script pinging the WAN upstream (weight 0, so a failure faults the whole group). Cutting the
 * master off from its upstream, and only the master, moves every VIP to the peer within
 * fall x interval + 3 x advert_int + 1 s; restoring the upstream brings them back (preemption
 * is on) within rise x interval + one interval for the check in flight + 3 x advert_int + 1 s.
 * The second test, on the same lab, converges both instances to {@code nopreempt}: the outage
 * moves the VIPs the same way, and they stay on the peer after the upstream returns.
 */
@LabTest(pairs = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WanOutageLabTest {
  private static final DigestKey KEY =
      DigestKey.of("a fixed test key, 32 bytes long!".getBytes(StandardCharsets.UTF_8));
  /** keepalived's default advert_int, which the lab inventory keeps. */
  private static final double ADVERT_INT = 1.0;
  private static final double INTERVAL = 1.0;
  private static final int FALL = 2;
  private static final int RISE = 2;
  /** Longer than either bound, so a slow move still yields a figure before the assertion. */
  private static final long POLL_LIMIT_NANOS = 20_000_000_000L;
  private static final long POLL_STEP_MILLIS = 50;

  /**
   * The lab's inventory with the track script on the sync group; with {@code nopreempt} both
   * instances say {@code nopreempt: true} (and so both nodes start as BACKUP).
   */
  private static String inventory(Lab lab, Path tmp, boolean nopreempt) throws IOException {
    String upstream = AddressPlan.withoutPrefix(lab.pair(1).upstreamAddress());
    String yaml = Files.readString(lab.writeInventory(tmp.resolve("lab.yml")));
    String edited = yaml
        .replace("      sync_group:\n", "      track_scripts:\n"
            + "        - name: wan_ping\n"
            + "          script: \"/bin/ping -c1 -W1 " + upstream + "\"\n"
            + "          interval: " + (int) INTERVAL + "\n"
            + "          fall: " + FALL + "\n"
            + "          rise: " + RISE + "\n"
            + "          weight: 0\n"
            + "      sync_group:\n")
        .replace("        instances: [LAN, WAN]\n", "        instances: [LAN, WAN]\n"
            + "        track_scripts: [wan_ping]\n");
    assertThat(edited).as("track script added to the lab inventory").contains("track_scripts: [wan_ping]")
        .contains("- name: wan_ping");
    if (nopreempt) {
      String before = edited;
      edited = edited.replace("          unicast: true\n", "          unicast: true\n          nopreempt: true\n");
      assertThat(edited).as("nopreempt on both instances").isNotEqualTo(before);
    }
    return edited;
  }

  /** Converges the lab to {@code yaml}. */
  private static void converge(Path tmp, String yaml, String name) throws IOException {
    Inventory inventory = new InventoryLoader().withTargets(Targets.discover())
        .load(Files.writeString(tmp.resolve(name), yaml));
    Redactor redactor = Redactor.of(inventory.secrets());
    Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
        .listener(e -> System.out.println("  [event] " + e)).build();
    try (EngineSession session = engine.open(inventory)) {
      ApplyReport report = session.apply(session.plan());
      assertThat(report.ok()).as(report.toText(redactor)).isTrue();
    }
  }

  @Test
  @Order(1)
  void aMasterCutOffFromItsUpstreamHandsEveryVipToThePeerAndTakesThemBackWhenItReturns(Lab lab, @TempDir Path tmp)
      throws IOException {
    LabPair pair = lab.pair(1);
    LabNode master = pair.a();
    LabNode peer = pair.b();
    String upstream = AddressPlan.withoutPrefix(pair.upstreamAddress());
    converge(tmp, inventory(lab, tmp, false), "wan-outage.yml");
    for (LabNode n : pair.nodes()) {
      assertThat(run(lab, n, "cat /etc/keepalived/keepalived.conf")).as("keepalived.conf on %s", n.name())
          .contains("wan_ping").contains(upstream);
    }
    // The script needs rise successes before the group leaves its initial state; wait for it.
    waitFor(lab, pair, master, peer);

    double outage;
    double recovery;
    try (UpstreamCut cut = UpstreamCut.of(lab, pair, master)) {
      long moved = waitFor(lab, pair, peer, master);
      outage = (moved - cut.started) / 1e9;
      System.out.printf("WAN outage on %s: every VIP on %s after %.3f s (bound %.1f s)%n",
          master.name(), peer.name(), outage, outageBound());
      // The peer's own upstream path is intact, so it must not fault too.
      ExecResult peerPing = lab.exec(peer.name(), "/bin/ping -c1 -W1 " + upstream);
      assertThat(peerPing.ok()).as("%s still reaches the upstream: %s", peer.name(), peerPing.describe()).isTrue();
      ExecResult masterPing = lab.exec(master.name(), "/bin/ping -c1 -W1 " + upstream);
      assertThat(masterPing.ok()).as("%s is cut off from the upstream", master.name()).isFalse();

      long back = cut.restore();
      long returned = waitFor(lab, pair, master, peer);
      recovery = (returned - back) / 1e9;
      System.out.printf("upstream restored: every VIP back on %s after %.3f s (bound %.1f s)%n",
          master.name(), recovery, recoveryBound());
    }
    assertThat(outage).as("seconds until %s held every VIP", peer.name()).isLessThanOrEqualTo(outageBound());
    assertThat(recovery).as("seconds until %s held every VIP again", master.name())
        .isLessThanOrEqualTo(recoveryBound());
    assertThat(run(lab, pair.upstream(), "ip route show")).doesNotContain("blackhole");
  }

  /**
   * With {@code nopreempt} the outage still moves every VIP to the peer within the same bound,
   * but when the upstream comes back the VIPs stay there: the old MASTER's track script passes
   * again (its role hook reports BACKUP, no longer FAULT) and it does not take them back, for
   * well past the time a preempting node needed.
   */
  @Test
  @Order(2)
  void withNopreemptTheVipsMoveOnTheOutageAndStayWithThePeerWhenTheUpstreamReturns(Lab lab, @TempDir Path tmp)
      throws IOException {
    LabPair pair = lab.pair(1);
    converge(tmp, inventory(lab, tmp, true), "wan-outage-nopreempt.yml");
    for (LabNode n : pair.nodes()) {
      assertThat(run(lab, n, "cat /etc/keepalived/keepalived.conf")).as("keepalived.conf on %s", n.name())
          .contains("nopreempt").contains("wan_ping").doesNotContain("state MASTER");
    }
    // After the reload whoever held the VIPs keeps them (nopreempt); the test cuts that node off.
    LabNode holder = awaitHolder(lab, pair);
    LabNode peer = holder == pair.a() ? pair.b() : pair.a();
    String upstream = AddressPlan.withoutPrefix(pair.upstreamAddress());
    double outage;
    try (UpstreamCut cut = UpstreamCut.of(lab, pair, holder)) {
      long moved = waitFor(lab, pair, peer, holder);
      outage = (moved - cut.started) / 1e9;
      System.out.printf("nopreempt: WAN outage on %s: every VIP on %s after %.3f s (bound %.1f s)%n",
          holder.name(), peer.name(), outage, outageBound());

      long back = cut.restore();
      // the old holder's script passes again: keepalived leaves FAULT and its role hook says backup
      long deadline = back + POLL_LIMIT_NANOS;
      while (!role(lab, holder).equals("backup")) {
        assertThat(System.nanoTime()).as("%s leaves FAULT (role %s)", holder.name(), role(lab, holder))
            .isLessThan(deadline);
        sleep();
      }
      double recovered = (System.nanoTime() - back) / 1e9;
      // then watch well past the time a preempting node took to return: the VIPs stay put
      long watchUntil = System.nanoTime() + (long) ((recoveryBound() + 2.0) * 1e9);
      int looks = 0;
      while (System.nanoTime() < watchUntil) {
        String held = vips(lab, peer);
        String elsewhere = vips(lab, holder);
        assertThat(countVips(pair, held) == 2 && countVips(pair, elsewhere) == 0)
            .as("look %d: every VIP stays on %s, none on %s%n%s:%n%s%s:%n%s", looks, peer.name(), holder.name(),
                peer.name(), held, holder.name(), elsewhere).isTrue();
        looks++;
        sleep();
      }
      System.out.printf("nopreempt: %s recovered (BACKUP) %.3f s after the upstream returned; the VIPs stayed on %s"
          + " for %.1f s more (%d looks)%n", holder.name(), recovered, peer.name(), recoveryBound() + 2.0, looks);
      assertThat(role(lab, peer)).isEqualTo("master");
    }
    assertThat(outage).as("seconds until %s held every VIP", peer.name()).isLessThanOrEqualTo(outageBound());
    assertThat(run(lab, pair.upstream(), "ip route show")).doesNotContain("blackhole");
    assertThat(lab.exec(holder.name(), "/bin/ping -c1 -W1 " + upstream).ok()).as("%s reaches the upstream again",
        holder.name()).isTrue();
  }

  /** The node holding every VIP once the pair is stable (the other none). */
  /**
   * A WAN-gateway outage of one node: the upstream host blackholes the node's WAN address,
   * so its track script fails while its links stay up. Closing it restores the route if the
   * test has not already.
   */
  private static final class UpstreamCut implements AutoCloseable {
    private final Lab lab;
    private final String upstream;
    private final String route;
    /** {@link System#nanoTime()} when the route was blackholed. */
    final long started;
    private boolean cut;

    private UpstreamCut(Lab lab, String upstream, String route) {
      this.lab = lab;
      this.upstream = upstream;
      this.route = route;
      this.started = System.nanoTime();
      ExecResult drop = lab.exec(upstream, "ip route add blackhole " + route);
      assertThat(drop.ok()).as(drop.describe()).isTrue();
      this.cut = true;
    }

    static UpstreamCut of(Lab lab, LabPair pair, LabNode node) {
      return new UpstreamCut(lab, pair.upstream(), AddressPlan.withoutPrefix(node.wanAddress()) + "/32");
    }

    /** Ends the outage; returns {@link System#nanoTime()} just before the route came back. */
    long restore() {
      long back = System.nanoTime();
      ExecResult undo = lab.exec(upstream, "ip route del blackhole " + route);
      assertThat(undo.ok()).as(undo.describe()).isTrue();
      cut = false;
      return back;
    }

    @Override
    public void close() {
      if (cut) {
        lab.exec(upstream, "ip route del blackhole " + route);
      }
    }
  }

  private static LabNode awaitHolder(Lab lab, LabPair pair) {
    long deadline = System.nanoTime() + POLL_LIMIT_NANOS;
    while (true) {
      for (LabNode n : pair.nodes()) {
        LabNode other = n == pair.a() ? pair.b() : pair.a();
        if (countVips(pair, vips(lab, n)) == 2 && countVips(pair, vips(lab, other)) == 0
            && role(lab, n).equals("master") && role(lab, other).equals("backup")) {
          return n;
        }
      }
      assertThat(System.nanoTime()).as(() -> "one node MASTER with every VIP, the other BACKUP with none; last seen:"
          + pair.nodes().stream().map(n -> "\n  " + n.name() + ": role " + role(lab, n) + ", addresses " + vips(lab, n))
              .collect(java.util.stream.Collectors.joining())).isLessThan(deadline);
      sleep();
    }
  }

  private static String role(Lab lab, LabNode node) {
    return lab.exec(node.name(), "cat /var/run/ha-provision.role 2>/dev/null").stdout().strip();
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_STEP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** fall x interval to detect, master-down (3 x advert_int + skew) for the peer, 1 s slack. */
  private static double outageBound() {
    return FALL * INTERVAL + 3 * ADVERT_INT + 1.0;
  }

  /**
   * rise x interval for the script to pass again, one more interval for a check already in flight
   * when the route came back (its reply was dropped, so it still fails), then the master-down time
   * (3 x advert_int + skew below 1 s) after which the preempting node takes over.
   */
  private static double recoveryBound() {
    return RISE * INTERVAL + INTERVAL + 3 * ADVERT_INT + 1.0;
  }

  /**
   * Polls every 50 ms until {@code holder} has every VIP of the pair and {@code other} none;
   * returns {@link System#nanoTime()} at that moment, failing after {@link #POLL_LIMIT_NANOS}.
   */
  private static long waitFor(Lab lab, LabPair pair, LabNode holder, LabNode other) {
    long deadline = System.nanoTime() + POLL_LIMIT_NANOS;
    String last = "";
    while (true) {
      String held = vips(lab, holder);
      String elsewhere = vips(lab, other);
      long now = System.nanoTime();
      if (countVips(pair, held) == 2 && countVips(pair, elsewhere) == 0) {
        return now;
      }
      last = holder.name() + ":\n" + held + other.name() + ":\n" + elsewhere;
      assertThat(now).as("%s holds every VIP and %s none within %d s; last seen%n%s",
          holder.name(), other.name(), POLL_LIMIT_NANOS / 1_000_000_000L, last).isLessThan(deadline);
      try {
        Thread.sleep(POLL_STEP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the VIPs", e);
      }
    }
  }

  /** The node's addresses on br-lan and wan, one per line. */
  private static String vips(Lab lab, LabNode node) {
    return run(lab, node, "ip -o -4 addr show dev br-lan; ip -o -4 addr show dev wan");
  }

  private static int countVips(LabPair pair, String addrs) {
    return (int) List.of(pair.lanVipAddress(), pair.wanVipAddress()).stream()
        .filter(vip -> addrs.contains(" " + vip + "/")).count();
  }

  private static String run(Lab lab, String member, String command) {
    ExecResult r = lab.exec(member, command);
    assertThat(r.ok()).as(r.describe()).isTrue();
    return r.stdout();
  }

  private static String run(Lab lab, LabNode node, String command) {
    return run(lab, node.name(), command);
  }
}
