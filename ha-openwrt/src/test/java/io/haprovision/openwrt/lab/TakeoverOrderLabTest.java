package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.awaitRole;
import static io.haprovision.openwrt.lab.LabRoles.converge;
import static io.haprovision.openwrt.lab.LabRoles.inventoryWithSyncLink;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static io.haprovision.openwrt.lab.LabRoles.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haprovision.lab.AddressPlan;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.openwrt.OpenWrtPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 12's takeover order: keepalived binds the VIPs on the new MASTER before the role hook
 * commits the connections conntrackd synced (keepalived's tracker has a report of connections
 * reset in between). The first test measures that window with {@value #FLOWS} synced connections
 * (the node's clock, /proc/uptime; printed and kept in the lab's state directory) and holds every
 * connection through a takeover whose old MASTER loses every link, {@value #CHATTY} of them with
 * the upstream sending all the while. The second shows what closes the window: a packet to a VIP
 * that belongs to no connection the kernel knows gets a reset from fw4 without ha-provision's
 * takeover hold, and nothing with it (so the sender sends again, after the commit).
 */
@LabTest(pairs = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TakeoverOrderLabTest {
  static final int FLOWS = Integer.getInteger("lab.flows", 3000);
  static final int CHATTY = 100;
  private static final int PORT = 5008;
  private static String serverPid;

  @AfterAll
  static void stopServer(Lab lab) {
    if (serverPid != null && serverPid.matches("\\d+")) {
      lab.exec(lab.pair(1).upstream(), "kill " + serverPid + " 2>/dev/null");
    }
  }

  @Test
  @Order(1)
  void thousandsOfSyncedConnectionsSurviveATakeoverAndTheWindowIsMeasured(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    Path dir = Files.createDirectories(lab.stateDir().resolve("takeover-order"));
    Path flows = dir.resolve("flows.py");
    try (InputStream in = TakeoverOrderLabTest.class.getResourceAsStream("flows.py")) {
      Files.write(flows, in.readAllBytes());
    }
    converge(inventoryWithSyncLink(lab, dir, "      conntrackd:\n        interface: sync\n"
        + "      snat:\n        instance: WAN\n"));
    awaitRole(lab, a, "master");
    awaitRole(lab, b, "backup");
    String upstream = AddressPlan.withoutPrefix(pair.upstreamAddress());
    serverPid = run(lab, pair.upstream(), "python3 " + flows + " server " + upstream + " " + PORT + " > "
        + dir.resolve("server.log") + " 2>&1 < /dev/null & echo $!").strip();
    await(() -> lab.exec(pair.upstream(), "ss -Hltn 'sport = :" + PORT + "' | grep -q LISTEN").ok(),
        "the flow server listening on " + upstream + ":" + PORT);
    Path client = Files.createDirectories(dir.resolve("client"));
    run(lab, pair.client(), "python3 " + flows + " client " + upstream + " " + PORT + " " + FLOWS + " " + CHATTY
        + " " + client + " > " + client.resolve("client.log") + " 2>&1 < /dev/null &");
    await(() -> Files.exists(client.resolve("connected")), FLOWS + " connections open (client log: "
        + client.resolve("client.log") + ")");
    String conf = OpenWrtPaths.CONNTRACKD_CONF;
    await(() -> synced(lab, b, conf) >= FLOWS, b.name() + "'s external cache holding " + FLOWS + " connections");
    long base = Long.parseLong(run(lab, b.name(), "cat /proc/sys/net/netfilter/nf_conntrack_count").strip());
    // The routers have roots of their own: the watcher goes into b's /tmp.
    run(lab, b.name(), "cat > /tmp/flows.py <<'FLOWS_PY'\n" + Files.readString(flows) + "FLOWS_PY\n");
    String watch = "/tmp/ha-takeover-watch.json";
    // The table holds them once it has grown by nearly all of them (a few of its own entries come and go).
    long full = base + FLOWS * 99L / 100;
    run(lab, b.name(), "rm -f " + watch + "; python3 /tmp/flows.py watch " + pair.wanVipAddress() + " " + full + " "
        + watch + " > /tmp/ha-takeover-watch.log 2>&1 < /dev/null &");
    long nodeTime = Long.parseLong(run(lab, b.name(), "date +%s").strip());

    boolean down = false;
    try {
      run(lab, "switch", "ip link set l1a down && ip link set w1a down");
      run(lab, a.name(), "ip link set sync down");
      down = true;
      awaitRole(lab, b, "master");
      await(() -> lab.exec(b.name(), "test -s " + watch).ok(), () -> "the watcher on " + b.name() + " seeing the VIP bound and the kernel table"
          + " reach " + full + " entries; now " + lab.exec(b.name(), "cat /proc/sys/net/netfilter/nf_conntrack_count;"
          + " cat " + OpenWrtPaths.CONNTRACK_STATUS + "; cat /tmp/ha-takeover-watch.log; ip -o -4 addr show dev wan")
          .stdout());
      await(() -> {
        Map<String, String> s = status(lab, b); // one read per look
        return Long.parseLong(s.getOrDefault("time", "0")) >= nodeTime && s.containsKey("commit_finished_cs");
      }, b.name() + " recording its commit");
      Files.writeString(client.resolve("check"), "");
      await(() -> Files.exists(client.resolve("result")), "the client's check of every connection");
      JsonNode result = new ObjectMapper().readTree(client.resolve("result").toFile());
      JsonNode seen = new ObjectMapper().readTree(run(lab, b.name(), "cat " + watch));
      Map<String, String> commit = status(lab, b);
      double vipBound = seen.path("vip_bound_uptime").asDouble();
      long started = Math.round((Long.parseLong(commit.get("commit_started_cs")) / 100.0 - vipBound) * 1000);
      long finished = Math.round((Long.parseLong(commit.get("commit_finished_cs")) / 100.0 - vipBound) * 1000);
      String hold = run(lab, b.name(), "nft list chain inet fw4 ha_takeover_hold");
      String measured = String.format("%d synced connections (%d chatty): on %s the VIP was bound at uptime %.2f s;"
          + " the commit started %d ms and finished %d ms later (uptime clock, 10 ms steps); the kernel table held"
          + " them %s ms after the VIP (monotonic); commit status %s; client %s; takeover hold: %s", FLOWS, CHATTY,
          b.name(), vipBound, started, finished, seen.path("table_full_after_vip_ms").asText("?"), commit, result,
          hold.replaceAll("\\s+", " "));
      System.out.println(measured);
      Files.writeString(dir.resolve("measured.txt"), measured + "\n");
      assertThat(result.path("echoed").asInt()).as(measured).isEqualTo(FLOWS);
      assertThat(result.path("reset").asInt()).as(measured).isZero();
      assertThat(Long.parseLong(commit.get("kernel_entries_added"))).as(measured).isGreaterThanOrEqualTo(FLOWS);
    } finally {
      if (down) {
        lab.exec("switch", "ip link set l1a up && ip link set w1a up");
        lab.exec(a.name(), "ip link set sync up");
        awaitRole(lab, a, "master");
      }
    }
  }

  /**
   * One TCP ACK of no connection, from the upstream to the WAN VIP, as a packet of a synced
   * connection looks to a new MASTER before its commit. fw4 rejects it with a reset. On OpenWrt's
   * stock wan zone (masquerading, no {@code masq_allow_invalid}) that reset is itself invalid and
   * fw4's "Prevent NAT leakage" rule drops it on its way out, so nothing reaches the upstream even
   * without the hold; with {@code masq_allow_invalid '1'} (or a zone that does not masquerade) the
   * reset goes out, and only the takeover hold keeps it from being made.
   */
  @Test
  @Order(2)
  void aPacketOfAnUnknownConnectionToTheVipGetsNoResetWithTheHold(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    Path flows = lab.stateDir().resolve("takeover-order").resolve("flows.py");
    String probe = "python3 " + flows + " probe " + AddressPlan.withoutPrefix(pair.upstreamAddress()) + " "
        + pair.wanVipAddress() + " 5099";
    awaitRole(lab, a, "master");
    String zone = run(lab, a.name(), "uci show firewall | grep \"name='wan'\" | cut -d. -f2").strip();
    assertThat(zone).as("the wan zone's section").isNotEmpty();
    try {
      assertThat(probe(lab, pair, a, probe)).as("stock wan zone, with the hold").isEqualTo("silent 0 0");
      run(lab, a.name(), "mv " + OpenWrtPaths.NFT_TAKEOVER_HOLD + " /tmp/hold.nft && /etc/init.d/firewall reload");
      assertThat(probe(lab, pair, a, probe)).as("stock wan zone, fw4 alone: a reset made, and dropped going out")
          .isEqualTo("silent 1 1");
      run(lab, a.name(), "uci set firewall." + zone + ".masq_allow_invalid=1 && uci commit firewall"
          + " && /etc/init.d/firewall reload");
      assertThat(probe(lab, pair, a, probe)).as("masq_allow_invalid, fw4 alone: the reset goes out")
          .isEqualTo("reset 1 0");
      run(lab, a.name(), "mv /tmp/hold.nft " + OpenWrtPaths.NFT_TAKEOVER_HOLD + " && /etc/init.d/firewall reload");
      assertThat(probe(lab, pair, a, probe)).as("masq_allow_invalid, with the hold").isEqualTo("silent 0 0");
    } finally {
      lab.exec(a.name(), "[ -f /tmp/hold.nft ] && mv /tmp/hold.nft " + OpenWrtPaths.NFT_TAKEOVER_HOLD + ";"
          + " uci -q delete firewall." + zone + ".masq_allow_invalid; uci commit firewall; /etc/init.d/firewall reload");
    }
  }

  /** What the probe saw, then how many resets {@code a} made and how many of them fw4 dropped going out. */
  private static String probe(Lab lab, LabPair pair, LabNode a, String probe) {
    long rejected = counter(lab, a, "reject_from_wan");
    long leaked = counter(lab, a, "accept_to_wan");
    String seen = run(lab, pair.upstream(), probe).strip();
    return seen + " " + (counter(lab, a, "reject_from_wan") - rejected) + " " + (counter(lab, a, "accept_to_wan") - leaked);
  }

  /**
   * The counter of fw4 chain {@code chain} on {@code n}: its reject rule, or in accept_to_wan the
   * NAT-leakage drop (0 when the zone has none).
   */
  private static long counter(Lab lab, LabNode n, String chain) {
    return run(lab, n.name(), "nft list chain inet fw4 " + chain).lines()
        .filter(l -> l.contains("jump handle_reject") || l.contains("Prevent NAT leakage")).findFirst()
        .map(l -> l.replaceAll(".*counter packets (\\d+).*", "$1")).map(Long::parseLong).orElse(0L);
  }

  private static long synced(Lab lab, LabNode b, String conf) {
    String n = lab.exec(b.name(), "conntrackd -C " + conf + " -e ct 2>/dev/null | grep -c 'dport=" + PORT + "'")
        .stdout().strip();
    return n.matches("\\d+") ? Long.parseLong(n) : 0;
  }

  private static Map<String, String> status(Lab lab, LabNode n) {
    Map<String, String> out = new java.util.TreeMap<>();
    lab.exec(n.name(), "cat " + OpenWrtPaths.CONNTRACK_STATUS + " 2>/dev/null").stdout().lines()
        .filter(l -> l.contains("=")).forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return out;
  }

  private static void await(Supplier<Boolean> condition, String what) {
    await(condition, () -> what);
  }

  private static void await(Supplier<Boolean> condition, Supplier<String> what) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!condition.get()) {
      assertThat(System.nanoTime()).as(() -> "waited 120 s for " + what.get()).isLessThan(deadline);
      sleep(100);
    }
  }
}
