package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.awaitRole;
import static io.haprovision.openwrt.lab.LabRoles.converge;
import static io.haprovision.openwrt.lab.LabRoles.inventoryWithSyncLink;
import static io.haprovision.openwrt.lab.LabRoles.role;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static io.haprovision.openwrt.lab.LabRoles.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 12 on OpenWrt's stock firewall (the lab's fw4 stand-in, held to fw4's own test cases,
 * with OpenWrt's stock zones: wan rejects input, a device in no zone hits the REJECT policy).
 *
 * <p>The conntrack timeout of protocols without their own tracker (VRRP's 112 among them) is 600
 * s; the lab shortens it to {@value #GENERIC_TIMEOUT} s inside both routers' namespaces (a
 * per-namespace sysctl) so the test watches several expiries in seconds. With ha-provision's
 * rules, one router stays MASTER on every instance for {@value #WATCH_SECONDS} s, nothing is
 * rejected on the WAN and conntrackd's sync arrives. Without them (the second test deletes them),
 * the BACKUP's wan zone rejects the MASTER's WAN adverts once no conntrack entry of its own
 * earlier adverts lets them in, and conntrackd's sync is rejected: no state reaches the BACKUP,
 * so a failover drops every open connection. (The BACKUP does not take the WAN over on its own:
 * keepalived's sync group holds it while the LAN adverts still arrive.)
 */
@LabTest(pairs = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StockFirewallLabTest {
  static final int GENERIC_TIMEOUT = 4;
  /** Three expiries of the generic timeout, plus the master-down time (3 x advert_int, skew). */
  static final int WATCH_SECONDS = 3 * GENERIC_TIMEOUT + 4;
  private static final Pattern RECEIVED = Pattern.compile("(\\d+) Bytes recv");

  @Test
  @Order(1)
  void withTheRulesOneMasterHoldsPastEveryExpiryAndTheSyncArrives(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    Path dir = Files.createDirectories(lab.stateDir().resolve("stock-firewall"));
    converge(inventoryWithSyncLink(lab, dir, "      conntrackd:\n        interface: sync\n"));
    for (LabNode n : pair.nodes()) {
      // OpenWrt's stock zones are in force, and ha-provision's rules with them.
      assertThat(run(lab, n.name(), "nft list chain inet fw4 input_wan")).contains("jump reject_from_wan");
      assertThat(run(lab, n.name(), "nft list chain inet fw4 input")).contains("ha-provision: VRRP WAN from")
          .contains("ha-provision: VRRP LAN from").contains("jump input_ha_sync");
      assertThat(run(lab, n.name(), "nft list chain inet fw4 input_ha_sync")).contains("ha-provision: conntrackd sync from")
          .contains("jump reject_from_ha_sync");
      shortenGenericTimeout(lab, n);
    }
    awaitRole(lab, a, "master");
    awaitRole(lab, b, "backup");
    long before = received(lab, b);
    long rejectedBefore = rejectedOnWan(lab, b);
    List<String> seen = watch(lab, a, b);
    assertThat(seen).as("roles of %s and %s every 100 ms for %d s", a.name(), b.name(), WATCH_SECONDS)
        .allMatch(s -> s.equals("master/backup"));
    assertThat(rejectedOnWan(lab, b) - rejectedBefore).as("packets %s's wan zone rejected", b.name()).isZero();
    // One master on every instance: a holds both VIPs, b neither.
    for (String vip : List.of(pair.lanVipAddress(), pair.wanVipAddress())) {
      assertThat(run(lab, a.name(), "ip -o -4 addr")).contains(" " + vip + "/");
      assertThat(run(lab, b.name(), "ip -o -4 addr")).doesNotContain(" " + vip + "/");
    }
    assertThat(received(lab, b)).as("bytes conntrackd on %s received over the sync link", b.name())
        .isGreaterThan(before);
  }

  @Test
  @Order(2)
  void withoutTheRulesTheWanAdvertsAndTheSyncAreRejected(Lab lab) {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    for (LabNode n : pair.nodes()) {
      run(lab, n.name(), "uci delete firewall.ha_vrrp_wan && uci delete firewall.ha_conntrackd && uci commit firewall"
          + " && /etc/init.d/firewall reload");
      assertThat(run(lab, n.name(), "nft list chain inet fw4 input")).doesNotContain("ha-provision: VRRP WAN from");
      // Start the clock: the conntrack entries VRRP made so far go.
      lab.exec(n.name(), "conntrack -D -p 112 >/dev/null 2>&1");
    }
    awaitRole(lab, a, "master");
    long before = received(lab, b);
    long rejectedBefore = rejectedOnWan(lab, b);
    List<String> seen = watch(lab, a, b);
    // The MASTER's WAN adverts are rejected, one a second, once no entry of the BACKUP's own
    // earlier adverts lets them in as replies.
    assertThat(rejectedOnWan(lab, b) - rejectedBefore).as("adverts %s's wan zone rejected in %d s", b.name(),
        WATCH_SECONDS).isGreaterThanOrEqualTo(WATCH_SECONDS - 2);
    // keepalived's sync group keeps the BACKUP so while the LAN adverts (the lan zone accepts
    // input) still arrive: the deaf WAN instance cannot go MASTER on its own.
    assertThat(seen).as("roles of %s and %s every 100 ms for %d s", a.name(), b.name(), WATCH_SECONDS)
        .allMatch(s -> s.equals("master/backup"));
    assertThat(received(lab, b)).as("bytes conntrackd on %s received over the sync link", b.name())
        .isEqualTo(before);
  }

  /** Packets {@code n}'s wan zone rejected so far (fw4's reject_from_wan counter). */
  private static long rejectedOnWan(Lab lab, LabNode n) {
    String chain = run(lab, n.name(), "nft list chain inet fw4 reject_from_wan");
    Matcher m = Pattern.compile("counter packets (\\d+)").matcher(chain);
    assertThat(m.find()).as(chain).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static void shortenGenericTimeout(Lab lab, LabNode n) {
    run(lab, n.name(), "sysctl -qw net.netfilter.nf_conntrack_generic_timeout=" + GENERIC_TIMEOUT);
    assertThat(run(lab, n.name(), "cat /proc/sys/net/netfilter/nf_conntrack_generic_timeout").strip())
        .isEqualTo(Integer.toString(GENERIC_TIMEOUT));
  }

  /** "ROLE-OF-A/ROLE-OF-B" every 100 ms for {@link #WATCH_SECONDS}. */
  private static List<String> watch(Lab lab, LabNode a, LabNode b) {
    List<String> seen = new ArrayList<>();
    long end = System.nanoTime() + WATCH_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < end) {
      seen.add(role(lab, a) + "/" + role(lab, b));
      sleep(100);
    }
    return seen;
  }

  /** Bytes conntrackd on {@code n} received on its sync link so far. */
  private static long received(Lab lab, LabNode n) {
    String stats = run(lab, n.name(), "conntrackd -C /etc/conntrackd/conntrackd.conf -s network 2>&1 || "
        + "conntrackd -C /etc/conntrackd/conntrackd.conf -s 2>&1");
    Matcher m = RECEIVED.matcher(stats);
    assertThat(m.find()).as("conntrackd's network statistics on %s:%n%s", n.name(), stats).isTrue();
    return Long.parseLong(m.group(1));
  }
}
