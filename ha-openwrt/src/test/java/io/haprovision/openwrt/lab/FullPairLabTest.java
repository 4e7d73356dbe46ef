package io.haprovision.openwrt.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.error.TargetException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.DhcpLease;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.plan.Plan;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's "Done when" on one lab pair with its LAN, WAN and sync links: the whole OpenWrt
 * platform (keepalived, conntrackd on the sync link, DHCP on {@code lan} with the LAN VIP as
 * gateway and DNS, the role hook) converges both nodes, a second apply changes nothing for one
 * command per node, and after a failover the client's DHCP request is answered by the new
 * MASTER with the VIP as gateway and DNS.
 */
@LabTest(pairs = 1)
class FullPairLabTest {
  private static final DigestKey KEY =
      DigestKey.of("a fixed test key, 32 bytes long!".getBytes(StandardCharsets.UTF_8));
  private static final String ROLE_FILE = "/var/run/ha-provision.role";
  private static final long SETTLE_MILLIS = 10_000;

  /** The lab's inventory with the nodes' sync addresses and an {@code openwrt:} section. */
  private static String fullInventory(Lab lab, Path tmp) throws IOException {
    LabPair pair = lab.pair(1);
    String yaml = Files.readString(lab.writeInventory(tmp.resolve("lab.yml")));
    for (LabNode n : pair.nodes()) {
      String wan = "          wan: " + n.wanAddress() + "\n";
      assertThat(yaml).as("wan line of %s", n.name()).contains(wan);
      if (!yaml.contains("          sync: " + n.syncAddress() + "\n")) {
        yaml = yaml.replace(wan, wan + "          sync: " + n.syncAddress() + "\n");
      }
    }
    String vip = pair.lanVipAddress();
    String anchor = "    verify:\n";
    assertThat(yaml).contains(anchor).doesNotContain("    openwrt:\n");
    return yaml.replace(anchor, "    openwrt:\n"
        + "      conntrackd:\n"
        + "        enabled: true\n"
        + "        interface: sync\n"
        + "      dhcp:\n"
        + "        interfaces:\n"
        + "          - interface: lan\n"
        + "            section: lan\n"
        + "            instance: LAN\n"
        + "            gateway: " + vip + "\n"
        + "            dns: " + vip + "\n"
        + "            force: true\n"
        + anchor);
  }

  private static Engine engine(Redactor redactor) {
    return Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
        .listener(e -> System.out.println("  [event] " + e)).build();
  }

  private static String out(Lab lab, LabNode node, String command) {
    return lab.exec(node.name(), command).stdout().strip();
  }

  private static boolean holdsLanVip(Lab lab, LabPair pair, LabNode node) {
    return lab.exec(node.name(), "ip -o -4 addr show dev br-lan").stdout()
        .contains(" " + pair.lanVipAddress() + "/");
  }

  private static String role(Lab lab, LabNode node) {
    return out(lab, node, "cat " + ROLE_FILE + " 2>/dev/null");
  }

  private static String dhcpIgnore(Lab lab, LabNode node) {
    return out(lab, node, "uci get dhcp.lan.ignore");
  }

  private static boolean runs(Lab lab, LabNode node, String daemon) {
    return lab.exec(node.name(), "pidof " + daemon).ok();
  }

  /** Polls {@code condition} for up to 10 s; fails with {@code state} when it never holds. */
  private static void await(String what, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not within 10 s: " + what + "\n" + state.get());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Both nodes' roles, VIPs, dhcp ignore flags, daemons and role-hook log, for failure messages. */
  private static String state(Lab lab, LabPair pair) {
    StringBuilder s = new StringBuilder();
    for (LabNode n : pair.nodes()) {
      s.append("--- ").append(n.name()).append(": role=").append(role(lab, n))
          .append(" lanVip=").append(holdsLanVip(lab, pair, n))
          .append(" dhcp.lan.ignore=").append(dhcpIgnore(lab, n))
          .append(" keepalived=").append(runs(lab, n, "keepalived"))
          .append(" conntrackd=").append(runs(lab, n, "conntrackd"))
          .append(" dnsmasq=").append(runs(lab, n, "dnsmasq")).append('\n')
          .append(out(lab, n, "logread -e ha-provision 2>/dev/null | tail -n 30")).append('\n');
    }
    return s.toString();
  }

  /**
   * The client's DHCP request ({@link Lab#dhcpRequest}, whose client outlasts dnsmasq's ICMP
   * probe of a dynamic address). Fails with both nodes' state and dnsmasq files.
   */
  private static DhcpLease request(Lab lab, LabPair pair) {
    try {
      return lab.dhcpRequest(pair.index());
    } catch (TargetException e) {
      StringBuilder logs = new StringBuilder(e.getMessage()).append('\n').append(state(lab, pair));
      for (LabNode n : pair.nodes()) {
        logs.append("--- dnsmasq of ").append(n.name()).append('\n')
            .append(out(lab, n, "cat /var/run/lab-procd/dnsmasq/output.log /var/etc/dnsmasq.conf")).append('\n');
      }
      throw new AssertionError(logs.toString(), e);
    }
  }

  /** Whether the dnsmasq running on {@code node} was generated to serve DHCP on br-lan. */
  private static boolean servesLan(Lab lab, LabNode node) {
    String conf = out(lab, node, "cat /var/etc/dnsmasq.conf 2>/dev/null");
    return runs(lab, node, "dnsmasq") && conf.contains("dhcp-range=") && !conf.contains("no-dhcp-interface=br-lan");
  }

  /** The lease came from {@code server}'s LAN address with the LAN VIP as router and DNS. */
  private static void assertServedBy(DhcpLease lease, LabNode server, LabPair pair) {
    String vip = pair.lanVipAddress();
    assertThat(lease.server()).as("DHCP server of %s (%s)", lease, server.name())
        .isEqualTo(stripPrefix(server.lanAddress()));
    assertThat(lease.routers()).as("routers of %s", lease).containsExactly(vip);
    assertThat(lease.dns()).as("DNS of %s", lease).containsExactly(vip);
  }

  private static String stripPrefix(String cidr) {
    int slash = cidr.indexOf('/');
    return slash < 0 ? cidr : cidr.substring(0, slash);
  }

  @Test
  void theWholePlatformConvergesOnceAndTheNewMasterAnswersDhcpAfterAFailover(Lab lab, @TempDir Path tmp)
      throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    Path file = Files.writeString(tmp.resolve("full.yml"), fullInventory(lab, tmp));
    System.out.println(Files.readString(file));
    Inventory inventory = new InventoryLoader().withTargets(Targets.discover()).load(file);
    Redactor redactor = Redactor.of(inventory.secrets());
    Engine engine = engine(redactor);

    // 1. the first apply converges both nodes
    try (EngineSession session = engine.open(inventory)) {
      Plan plan = session.plan();
      assertThat(plan.hasChanges()).isTrue();
      ApplyReport applied = session.apply(plan);
      System.out.println(applied.toText(redactor));
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();
    }
    // keepalived elects and runs the role hook after the apply returns: let it settle
    await("A master serving DHCP, B backup not serving",
        () -> role(lab, a).equals("master") && role(lab, b).equals("backup")
            && dhcpIgnore(lab, a).equals("0") && dhcpIgnore(lab, b).equals("1")
            && servesLan(lab, a) && !servesLan(lab, b),
        () -> state(lab, pair));
    for (LabNode n : pair.nodes()) {
      assertThat(runs(lab, n, "conntrackd")).as("conntrackd runs on %s\n%s", n.name(), state(lab, pair)).isTrue();
      assertThat(out(lab, n, "cat /etc/conntrackd/conntrackd.conf"))
          .as("conntrackd.conf of %s syncs over the sync link", n.name())
          .contains(stripPrefix(n.syncAddress()));
    }
    assertThat(holdsLanVip(lab, pair, a)).as("A holds the LAN VIP").isTrue();
    assertThat(holdsLanVip(lab, pair, b)).as("B does not hold the LAN VIP").isFalse();
    assertThat(role(lab, a)).isEqualTo("master");
    assertThat(role(lab, b)).isEqualTo("backup");
    assertThat(dhcpIgnore(lab, a)).isEqualTo("0");
    assertThat(dhcpIgnore(lab, b)).isEqualTo("1");
    assertThat(runs(lab, a, "dnsmasq")).as("dnsmasq runs on A").isTrue();

    // 2. a second apply changes nothing, for one command per node
    try (EngineSession session = engine.open(inventory)) {
      Plan again = session.plan();
      assertThat(again.hasChanges()).as("second apply plans nothing:\n%s", again).isFalse();
      ApplyReport none = session.apply(again);
      System.out.println(none.toText(redactor));
      assertThat(none.ok()).as(none.toText(redactor)).isTrue();
      assertThat(none.changesApplied()).isZero();
      assertThat(none.handlersRun()).isZero();
      assertThat(none.pairs()).extracting(PairResult::status).containsOnly(PairStatus.UNCHANGED);
      assertThat(none.execsPerNode()).isEqualTo(Map.of(
          pair.name() + "/" + a.name(), 1L, pair.name() + "/" + b.name(), 1L));
    }

    // 3. the client's DHCP request is answered by A with the VIP as gateway and DNS
    DhcpLease first = request(lab, pair);
    System.out.println("lease before failover: " + first);
    assertServedBy(first, a, pair);

    // 4. failover: keepalived stops on A, B takes the VIP and serves DHCP
    ExecResult stop = lab.exec(a.name(), "/etc/init.d/keepalived stop");
    assertThat(stop.ok()).as(stop.describe()).isTrue();
    try {
      await("B master with the LAN VIP and serving DHCP, A not serving",
          () -> holdsLanVip(lab, pair, b) && role(lab, b).equals("master") && dhcpIgnore(lab, b).equals("0")
              && servesLan(lab, b) && !servesLan(lab, a),
          () -> state(lab, pair));
      assertThat(holdsLanVip(lab, pair, a)).as("A gave up the LAN VIP").isFalse();
      DhcpLease renewed = request(lab, pair);
      System.out.println("lease after failover: " + renewed);
      assertServedBy(renewed, b, pair);
    } finally {
      // leave the lab sane: A comes back and takes over again (preempt)
      ExecResult start = lab.exec(a.name(), "/etc/init.d/keepalived start");
      assertThat(start.ok()).as(start.describe()).isTrue();
      await("A master again, B backup",
          () -> holdsLanVip(lab, pair, a) && !holdsLanVip(lab, pair, b)
              && role(lab, a).equals("master") && role(lab, b).equals("backup")
              && dhcpIgnore(lab, a).equals("0") && dhcpIgnore(lab, b).equals("1")
              && servesLan(lab, a) && !servesLan(lab, b),
          () -> state(lab, pair));
    }
  }
}
