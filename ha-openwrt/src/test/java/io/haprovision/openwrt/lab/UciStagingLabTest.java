package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.converge;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.ProgressEvent;
import io.haprovision.engine.ApplyOptions;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.plan.Plan;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's UCI window: the session is cut after a DHCP option was staged and before it was
 * committed. Staged in a private directory, the change leaves nothing in {@code /tmp/.uci}: the
 * committed config and dnsmasq keep the old value, the next plan (which reads committed
 * configuration only) still plans the change, and the next apply makes it for real. Then a
 * change someone else staged in {@code /tmp/.uci} and never committed: apply does not commit
 * over it, says what to do, and converges once it is reverted.
 */
@LabTest(pairs = 1)
class UciStagingLabTest {
  private static final DigestKey KEY = LabRoles.KEY;
  private static final String PAUSE = "/etc/lab-uci-pause-commit";
  private static final String OPTION = "/etc/config/dhcp.lan.dhcp_option";
  private static final String SECOND = "198.19.1.253";

  /**
   * Pair 1 with a sync link, DHCP on the LAN handing out the LAN VIP as gateway and DNS, and a
   * second LAN VIP so DNS can move to it (DHCP must hand out a VIP of the instance).
   */
  private static String baseWithDhcp(Lab lab, Path dir) throws IOException {
    String vip = lab.pair(1).lanVipAddress();
    String dhcp = "      dhcp:\n        interfaces:\n          - interface: lan\n            section: lan\n"
        + "            instance: LAN\n            gateway: " + vip + "\n            dns: " + vip + "\n"
        + "            force: true\n";
    String lanVip = "            - " + lab.pair(1).lanVip() + "\n";
    return Files.readString(LabRoles.inventoryWithSyncLink(lab, dir, dhcp))
        .replace(lanVip, lanVip + "            - " + SECOND + "/24\n");
  }

  @Test
  void aCutBetweenStagingAndCommitLeavesTheOldConfigAndTheNextApplyConverges(Lab lab) throws IOException {
    LabNode b = lab.pair(1).b();
    String vip = lab.pair(1).lanVipAddress();
    Path dir = Files.createDirectories(lab.stateDir().resolve("uci-staging"));
    Path base = Files.writeString(dir.resolve("base.yml"), baseWithDhcp(lab, dir));
    converge(base);
    assertThat(run(lab, b.name(), "uci -q show " + OPTION)).contains("'6," + vip + "'");
    Path changed = Files.writeString(dir.resolve("changed.yml"),
        Files.readString(base).replace("            dns: " + vip + "\n", "            dns: " + SECOND + "\n"));
    Inventory inv = new InventoryLoader().withTargets(Targets.discover()).load(changed);
    Redactor redactor = Redactor.of(inv.secrets());

    // 1. Cut while the commit waits: the change is staged (privately), not committed.
    run(lab, b.name(), "touch " + PAUSE);
    AtomicBoolean cut = new AtomicBoolean();
    Thread cutter = new Thread(() -> {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline) {
        // the private save directory holds the staged dhcp change: cut now
        if (lab.exec(b.name(), "grep -qs dhcp_option /tmp/ha-provision-uci.*/dhcp").ok()) {
          lab.exec(b.name(), "pkill -KILL -f '[s]shd: .*@notty'; true");
          cut.set(true);
          return;
        }
        LabRoles.sleep(50);
      }
    });
    Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
        .listener((ProgressEvent e) -> {
          if (e.node().equals(b.name()) && e.message().contains("dhcp_option") && !cutter.isAlive() && !cut.get()) {
            cutter.start();
          }
        }).build();
    try (EngineSession session = engine.open(inv)) {
      ApplyReport r = session.apply(session.plan());
      assertThat(r.ok()).as(r.toText(redactor)).isFalse();
    } finally {
      run(lab, b.name(), "rm -f " + PAUSE);
    }
    assertThat(cut).as("the session was cut between staging and commit").isTrue();
    assertThat(run(lab, b.name(), "uci -q show " + OPTION)).as("the committed config is unchanged")
        .contains("'6," + vip + "'").doesNotContain(SECOND);
    assertThat(run(lab, b.name(), "uci changes dhcp; ls -A /tmp/.uci 2>/dev/null; cat /tmp/.uci/dhcp 2>/dev/null"))
        .as("nothing was left in /tmp/.uci for a later `uci commit` to apply").doesNotContain(SECOND);

    Engine plain = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY).build();
    try (EngineSession session = plain.open(inv)) {
      Plan plan = session.plan();
      assertThat(plan.pair("p1").node(b.name()).changes()).as("the change is still planned on %s", b.name())
          .anySatisfy(c -> assertThat(c.changes() && c.id().toString().contains("dhcp.lan.dhcp_option")).isTrue());
      ApplyReport r = session.apply(plan, ApplyOptions.defaults().withBreakLock(true));
      assertThat(r.ok()).as(r.toText(redactor)).isTrue();
    }
    assertThat(run(lab, b.name(), "uci -q show " + OPTION)).contains("'6," + SECOND + "'");
    assertThat(run(lab, b.name(), "ls -d /tmp/ha-provision-uci.* 2>/dev/null; true")).as("the cut run's private"
        + " directory is gone").isBlank();

    // 2. A change someone staged by hand and never committed: not committed over.
    run(lab, b.name(), "uci set dhcp.lan.leasetime=1h");
    Inventory back = new InventoryLoader().withTargets(Targets.discover()).load(base);
    try (EngineSession session = plain.open(back)) {
      ApplyReport r = session.apply(session.plan());
      assertThat(r.ok()).as(r.toText(redactor)).isFalse();
      assertThat(r.toText(redactor)).contains("uci config dhcp has 1 uncommitted change(s) staged outside ha-provision")
          .contains("uci changes dhcp");
    }
    assertThat(run(lab, b.name(), "uci -q get /etc/config/dhcp.lan.leasetime; true")).doesNotContain("1h");
    assertThat(run(lab, b.name(), "uci changes dhcp")).contains("dhcp.lan.leasetime='1h'");
    run(lab, b.name(), "uci revert dhcp");
    try (EngineSession session = plain.open(back)) {
      ApplyReport r = session.apply(session.plan(), ApplyOptions.defaults().withBreakLock(true));
      assertThat(r.ok()).as(r.toText(redactor)).isTrue();
    }
    assertThat(run(lab, b.name(), "uci -q show " + OPTION)).contains("'6," + vip + "'");
  }

  /**
   * Two applies of different inventories started together on the same pair: one takes the
   * pair lock, the other is refused at once as LOCKED naming the holder, and the routers end with
   * exactly the winner's DHCP options, never a mix.
   */
  @Test
  void twoAppliesAtOnceOneIsRefusedAsLockedAndNothingIsMixed(Lab lab) throws Exception {
    LabNode a = lab.pair(1).a();
    LabNode b = lab.pair(1).b();
    String vip = lab.pair(1).lanVipAddress();
    Path dir = Files.createDirectories(lab.stateDir().resolve("concurrent"));
    String base = baseWithDhcp(lab, dir);
    converge(Files.writeString(dir.resolve("base.yml"), base));
    Path one = Files.writeString(dir.resolve("one.yml"), base.replace("            dns: " + vip + "\n",
        "            dns: " + SECOND + "\n"));
    Path two = Files.writeString(dir.resolve("two.yml"), base.replace("            gateway: " + vip + "\n",
        "            gateway: " + SECOND + "\n"));
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.List<java.util.concurrent.Future<ApplyReport>> runs = new java.util.ArrayList<>();
      for (Path inventory : java.util.List.of(one, two)) {
        runs.add(pool.submit(() -> {
          Inventory inv = new InventoryLoader().withTargets(Targets.discover()).load(inventory);
          Engine engine = Engine.builder().targets(Targets.discover()).redactor(Redactor.of(inv.secrets()))
              .digestKey(KEY).build();
          try (EngineSession session = engine.open(inv)) {
            Plan plan = session.plan();
            start.await();
            return session.apply(plan);
          }
        }));
      }
      ApplyReport r1 = runs.get(0).get();
      ApplyReport r2 = runs.get(1).get();
      java.util.List<ApplyReport> both = java.util.List.of(r1, r2);
      assertThat(both).as(r1.toText(Redactor.none()) + r2.toText(Redactor.none()))
          .filteredOn(r -> r.pairs().get(0).status() == ApplyReport.PairStatus.LOCKED).hasSize(1);
      ApplyReport locked = both.stream().filter(r -> r.pairs().get(0).status() == ApplyReport.PairStatus.LOCKED)
          .findFirst().orElseThrow();
      ApplyReport won = locked == r1 ? r2 : r1;
      assertThat(won.ok()).as(won.toText(Redactor.none())).isTrue();
      assertThat(locked.pairs().get(0).message()).contains("pair p1 is busy: apply by ").contains("holds its lock");
      String want = won == r1 ? "'3," + vip + "' '6," + SECOND + "'" : "'3," + SECOND + "' '6," + vip + "'";
      for (LabNode n : java.util.List.of(a, b)) {
        assertThat(run(lab, n.name(), "uci -q show " + OPTION)).as("%s has the winner's options only", n.name())
            .contains(want);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
