package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.awaitRole;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static io.haprovision.openwrt.lab.LabRoles.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.AddressPlan;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.openwrt.verify.ConnectionDrill;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 4's open-connection point on real keepalived, conntrackd and nftables: the pair
 * converges with conntrackd on the sync link and fw4 SNAT of the LAN to the WAN VIP; a TCP
 * echo server runs on the lab's upstream host; {@code verify --drills} runs the OpenWrt
 * {@code drill connection-failover}, whose client on the LAN client keeps one socket open
 * through the pair's NAT while keepalived is stopped on the MASTER. The report must show the
 * same socket carrying data both ways after the takeover, the longest silence, the conntrack
 * entries the new MASTER committed (read from the node) and the flow's entry there, NATed to
 * the WAN VIP; the upstream must have seen the connection come from the VIP.
 *
 * <p>The drill stops keepalived, so the old MASTER is still alive and would route a flow NATed
 * to its own address; the second test kills the MASTER for real (every link cut at the
 * switch) while the same client holds a connection, which survives only with SNAT to the VIP
 * and the new MASTER's commit.
 */
@LabTest(pairs = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionSurvivesFailoverLabTest {
  private static final DigestKey KEY =
      DigestKey.of("a fixed test key, 32 bytes long!".getBytes(StandardCharsets.UTF_8));
  private static final int ECHO_PORT = 5007;
  private static String echoPid;

  /** The lab's inventory with sync addresses, conntrackd, SNAT to the WAN VIP and the drill. */
  private static String inventory(Lab lab, Path dir) throws IOException {
    LabPair pair = lab.pair(1);
    String yaml = Files.readString(lab.writeInventory(dir.resolve("lab.yml")));
    for (LabNode n : pair.nodes()) {
      String wan = "          wan: " + n.wanAddress() + "\n";
      assertThat(yaml).contains(wan);
      yaml = yaml.replace(wan, wan + "          sync: " + n.syncAddress() + "\n");
    }
    String anchor = "    verify:\n";
    return yaml.replace(anchor, "    openwrt:\n"
        + "      conntrackd:\n"
        + "        interface: sync\n"
        + "      snat:\n"
        + "        instance: WAN\n"
        + "      connection_drill:\n"
        + "        upstream: " + AddressPlan.withoutPrefix(pair.upstreamAddress()) + "\n"
        + "        port: " + ECHO_PORT + "\n"
        + "        hold_seconds: 3\n"
        + anchor);
  }

  /** A threaded TCP echo server on the upstream host; it logs every peer it accepts. */
  private static void startEchoServer(Lab lab, LabPair pair, Path dir) throws IOException {
    Path script = Files.writeString(dir.resolve("echo-server.py"), """
        import socket, sys, threading
        log = open(sys.argv[3], "a", buffering=1)
        srv = socket.socket()
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((sys.argv[1], int(sys.argv[2])))
        srv.listen(16)
        def serve(c, peer):
            log.write("accepted %s:%d\\n" % peer)
            while True:
                try:
                    data = c.recv(4096)
                except OSError:
                    break
                if not data:
                    break
                c.sendall(data)
            log.write("closed %s:%d\\n" % peer)
            c.close()
        while True:
            c, peer = srv.accept()
            threading.Thread(target=serve, args=(c, peer), daemon=True).start()
        """);
    String upstream = AddressPlan.withoutPrefix(pair.upstreamAddress());
    ExecResult started = lab.exec(pair.upstream(), "python3 " + script + " " + upstream + " " + ECHO_PORT + " "
        + dir.resolve("echo-server.log") + " > " + dir.resolve("echo-server.out") + " 2>&1 < /dev/null & echo $!");
    assertThat(started.ok()).as(started.describe()).isTrue();
    echoPid = started.stdout().strip();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!lab.exec(pair.upstream(), "ss -Hltn 'sport = :" + ECHO_PORT + "' | grep -q LISTEN").ok()) {
      assertThat(System.nanoTime()).as(() -> "the echo server listening on " + upstream + ":" + ECHO_PORT + "; its output:\n"
          + lab.exec(pair.upstream(), "cat " + dir.resolve("echo-server.out") + "; ps -o pid,args -p " + echoPid).stdout())
          .isLessThan(deadline);
      sleep(100);
    }
  }

  @AfterAll
  static void stopEchoServer(Lab lab) {
    if (echoPid != null && echoPid.matches("\\d+")) {
      lab.exec(lab.pair(1).upstream(), "kill " + echoPid + " 2>/dev/null");
    }
  }

  @Test
  @Order(1)
  void theDrillReportsAConnectionThatKeptWorkingAndWhatTheNewMasterCommitted(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    String wanVip = pair.wanVipAddress();
    Path dir = Files.createDirectories(lab.stateDir().resolve("connection-test"));
    Path file = Files.writeString(dir.resolve("inventory.yml"), inventory(lab, dir));
    Inventory inv = new InventoryLoader().withTargets(Targets.discover()).load(file);
    Redactor redactor = Redactor.of(inv.secrets());
    Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
        .listener(e -> System.out.println("  [event] " + e)).build();

    try (EngineSession session = engine.open(inv)) {
      ApplyReport report = session.apply(session.plan());
      System.out.println(report.toText(redactor));
      assertThat(report.ok()).as(report.toText(redactor)).isTrue();
    }
    // fw4's srcnat: the LAN goes out as the WAN VIP, ahead of the zone's masquerade
    for (LabNode n : pair.nodes()) {
      assertThat(run(lab, n.name(), "uci show firewall.ha_snat_wan")).contains("firewall.ha_snat_wan=nat")
          .contains("firewall.ha_snat_wan.snat_ip='" + wanVip + "'")
          .contains("firewall.ha_snat_wan.src_ip='" + AddressPlan.lanSubnet(1) + "'");
      assertThat(run(lab, n.name(), "nft list chain inet fw4 srcnat")).contains("oifname \"wan\" jump srcnat_wan");
      String chain = run(lab, n.name(), "nft list chain inet fw4 srcnat_wan");
      assertThat(chain).contains("snat ip to " + wanVip).contains("masquerade");
      assertThat(chain.indexOf("snat ip to " + wanVip)).as("SNAT before masquerade on %s:%n%s", n.name(), chain)
          .isLessThan(chain.indexOf("masquerade"));
      assertThat(run(lab, n.name(), "cat /proc/sys/net/netfilter/nf_conntrack_tcp_loose").strip())
          .as("no mid-stream TCP pickup on %s", n.name()).isEqualTo("0");
    }
    awaitRole(lab, a, "master");
    awaitRole(lab, b, "backup");
    startEchoServer(lab, pair, dir);

    VerifyReport report;
    try (EngineSession session = engine.open(inv)) {
      report = session.verify(VerifyOptions.defaults().withDrills(true)
          .withProbeHosts(p -> Optional.of(new LabProbeHost(lab, pair.client()))));
    }
    String text = report.toText(redactor);
    System.out.println(text);
    CheckResult drill = report.pairs().get(0).check(ConnectionDrill.NAME).orElseThrow(
        () -> new AssertionError("no " + ConnectionDrill.NAME + " in the report:\n" + text));
    String server = Files.readString(dir.resolve("echo-server.log"));
    System.out.println("echo server:\n" + server);
    assertThat(drill.status()).as(drill.message() + "\n" + state(lab, pair)).isEqualTo(CheckResult.Status.PASSED);
    assertThat(drill.figures()).containsEntry("connects", 1.0).containsEntry("flow_entries_on_new_master", 1.0);
    assertThat(drill.figures().get("echoed_after_takeover")).as("echoes after the takeover").isGreaterThanOrEqualTo(10.0);
    assertThat(drill.figures().get("bytes_sent_after_takeover")).isPositive()
        .isEqualTo(drill.figures().get("bytes_echoed_after_takeover"));
    assertThat(drill.figures().get("longest_gap_seconds")).as("longest silence").isPositive().isLessThan(10.0);
    assertThat(drill.figures().get("external_cache_entries")).as("entries synced to the new MASTER")
        .isGreaterThanOrEqualTo(1.0);
    assertThat(drill.figures().get("kernel_entries_added")).as("entries the commit added on the new MASTER")
        .isGreaterThanOrEqualTo(1.0);
    assertThat(drill.message()).contains(b.name() + " committed conntrackd's external cache")
        .contains(b.name() + " tracks the flow: ").contains("dst=" + wanVip)
        .contains("the flow is NATed to the VIP " + wanVip).contains("one socket " + AddressPlan.withoutPrefix(pair.clientAddress()) + ":");
    // the upstream saw one connection, from the VIP, and it was never reopened
    assertThat(server.lines().filter(l -> l.startsWith("accepted "))).singleElement().asString()
        .startsWith("accepted " + wanVip + ":");
    // the core's checks and drills still pass around it
    assertThat(report.ok()).as(text).isTrue();
  }

  @Test
  @Order(2)
  void aConnectionSurvivesAMasterThatLosesEveryLink(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    Path dir = Files.createDirectories(lab.stateDir().resolve("connection-test"));
    if (!Files.exists(dir.resolve("echo-server.py"))) {
      // run alone: converge and start the server as the first test does
      Path file = Files.writeString(dir.resolve("inventory.yml"), inventory(lab, dir));
      Inventory inv = new InventoryLoader().withTargets(Targets.discover()).load(file);
      try (EngineSession session = Engine.builder().targets(Targets.discover()).digestKey(KEY).build().open(inv)) {
        ApplyReport report = session.apply(session.plan());
        assertThat(report.ok()).as(report.toText(Redactor.none())).isTrue();
      }
      startEchoServer(lab, pair, dir);
    }
    awaitRole(lab, a, "master");
    awaitRole(lab, b, "backup");
    Path client = Files.createDirectories(dir.resolve("cut-client"));
    Files.writeString(client.resolve("client.py"), ConnectionDrill.clientScript());
    String upstream = AddressPlan.withoutPrefix(pair.upstreamAddress());
    run(lab, pair.client(), "python3 " + client.resolve("client.py") + " " + upstream + " " + ECHO_PORT + " " + client
        + " > " + client.resolve("client.log") + " 2>&1 < /dev/null &");
    JsonNode warm = awaitStatus(lab, pair, client, s -> s.path("echoed").asLong() >= 5 || !s.path("error").asText().isEmpty());
    assertThat(warm.path("error").asText()).as("connection before the cut").isEmpty();
    String local = warm.path("local").asText();
    long nodeTime = Long.parseLong(run(lab, b.name(), "date +%s").strip());

    String sw = "switch";
    String cut = "ip link set l1a down && ip link set w1a down";
    String heal = "ip link set l1a up && ip link set w1a up";
    boolean down = false;
    try {
      Files.writeString(client.resolve("mark-failover"), "");
      run(lab, sw, cut);
      run(lab, a.name(), "ip link set sync down");
      down = true;
      awaitRole(lab, b, "master");
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!lab.exec(b.name(), "cat /var/run/ha-provision.conntrack 2>/dev/null").stdout().lines()
          .anyMatch(l -> l.startsWith("time=") && Long.parseLong(l.substring(5)) >= nodeTime)) {
        assertThat(System.nanoTime()).as(() -> b.name() + " records its conntrackd commit\n" + state(lab, pair))
            .isLessThan(deadline);
        sleep(100);
      }
      Files.writeString(client.resolve("mark-after"), "");
      // the socket carries on through B: wait for the echoes the assertions below need
      awaitStatus(lab, pair, client, s -> s.path("echoed_after_after").asLong() >= 20 || s.path("done").asBoolean());
      String entry = run(lab, b.name(), "conntrack -L -p tcp --dport " + ECHO_PORT + " 2>/dev/null");
      Files.writeString(client.resolve("stop"), "");
      JsonNode end = awaitStatus(lab, pair, client, s -> s.path("done").asBoolean());
      System.out.println("after the cut: " + end + "\n" + b.name() + ": " + entry
          + run(lab, b.name(), "cat /var/run/ha-provision.conntrack"));
      assertThat(end.path("error").asText()).as("the socket kept working%n%s", state(lab, pair)).isEmpty();
      assertThat(end.path("local").asText()).as("the same socket").isEqualTo(local);
      assertThat(end.path("connects").asInt()).isEqualTo(1);
      assertThat(end.path("echoed_after_after").asLong()).as("echoes through %s with %s dead%n%s%n%s", b.name(),
          a.name(), end, state(lab, pair)).isGreaterThanOrEqualTo(20);
      assertThat(end.path("bytes_echoed_after").asLong()).isEqualTo(end.path("bytes_sent_after").asLong()).isPositive();
      assertThat(end.path("longest_gap_seconds").asDouble()).as("longest silence").isLessThan(10.0);
      assertThat(entry).contains("sport=" + local.substring(local.lastIndexOf(':') + 1))
          .contains("dst=" + pair.wanVipAddress());
    } finally {
      if (down) {
        lab.exec(sw, heal);
        lab.exec(a.name(), "ip link set sync up");
        Files.writeString(client.resolve("stop"), "");
        awaitRole(lab, a, "master");
      }
    }
  }

  private static JsonNode awaitStatus(Lab lab, LabPair pair, Path client, java.util.function.Predicate<JsonNode> ok)
      throws IOException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      Path status = client.resolve("status");
      if (Files.exists(status)) {
        try {
          JsonNode s = new ObjectMapper().readTree(Files.readString(status));
          if (ok.test(s)) {
            return s;
          }
        } catch (IOException e) {
          // being replaced: look again
        }
      }
      assertThat(System.nanoTime()).as("client status in %s:%n%s", client,
          Files.exists(client.resolve("client.log")) ? Files.readString(client.resolve("client.log")) : "")
          .isLessThan(deadline);
      sleep(100);
    }
  }

  private static String state(Lab lab, LabPair pair) {
    StringBuilder s = new StringBuilder();
    for (LabNode n : pair.nodes()) {
      s.append("--- ").append(n.name()).append('\n').append(lab.exec(n.name(),
          "cat /var/run/ha-provision.role /var/run/ha-provision.conntrack 2>&1; conntrack -L 2>/dev/null | grep "
              + ECHO_PORT + "; conntrackd -C /etc/conntrackd/conntrackd.conf -s 2>&1 | head -20;"
              + " logread -e ha-provision 2>/dev/null | tail -n 25").stdout());
    }
    return s.toString();
  }
}
