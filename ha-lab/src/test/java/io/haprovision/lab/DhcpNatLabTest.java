package io.haprovision.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.junit.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real one-pair lab with the {@code openwrt} personality's dnsmasq and firewall
 * stand-ins: the real dnsmasq serves DHCP only on the node whose {@code dhcp.lan} is
 * not ignored, a reload moves serving to the other node, busybox udhcpc in the LAN
 * client takes the leases, and the nodes' fw4-like NAT carries the client's TCP
 * connection to an upstream host that has no route back to the LAN.
 */
@LabTest(pairs = 1)
class DhcpNatLabTest {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);


  @Test
  void dnsmasqServesOnlyWhereNotIgnoredAndAReloadMovesServingToThePeer(Lab lab) {
    LabPair p = lab.pair(1);
    String a = p.a().name();
    String b = p.b().name();
    String vip = p.lanVipAddress();
    String clientMac = run(lab, p.client(), "ip -o link show dev eth0 | sed -n 's|.*link/ether \\([0-9a-f:]*\\).*|\\1|p'").strip();
    assertThat(clientMac).matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    // A serves, with a static lease for the client and a lease hook; B is configured but ignores the LAN
    run(lab, a, "cat > /root/lease-hook <<'EOF'\n#!/bin/sh\necho \"$@\" >> /tmp/lease-hook.log\nEOF\n"
        + "chmod 0755 /root/lease-hook");
    run(lab, a, dhcpConfig(vip, false)
        + "uci set dhcp.@dnsmasq[0].dhcpscript=/root/lease-hook\n"
        + "uci add dhcp host >/dev/null\n"
        + "uci set dhcp.@host[-1].name=client\n"
        + "uci set dhcp.@host[-1].mac=" + clientMac + "\n"
        + "uci set dhcp.@host[-1].ip=198.19.1.150\n"
        + "uci commit dhcp && /etc/init.d/dnsmasq start");
    run(lab, b, dhcpConfig(vip, true) + "uci commit dhcp && /etc/init.d/dnsmasq start");

    String confA = run(lab, a, "cat /var/etc/dnsmasq.conf");
    assertThat(confA).contains("dhcp-range=set:lan,198.19.1.100,198.19.1.249,255.255.255.0,12h\n")
        .contains("dhcp-option-force=tag:lan,3," + vip + "\n")
        .contains("dhcp-option-force=tag:lan,6," + vip + "\n")
        .contains("dhcp-host=" + clientMac + ",198.19.1.150,client\n")
        .contains("dhcp-script=/root/lease-hook\n")
        .contains("dhcp-leasefile=/tmp/dhcp.leases\n")
        .contains("no-dhcp-interface=wan\n")
        .contains("no-resolv\n");
    String confB = run(lab, b, "cat /var/etc/dnsmasq.conf");
    assertThat(confB).contains("no-dhcp-interface=br-lan\n").doesNotContain("dhcp-range=");
    for (String node : new String[] {a, b}) {
      assertThat(run(lab, node, "/etc/init.d/dnsmasq status").strip()).isEqualTo("running");
      String pid = LabWaits.awaitOutput(lab, node, "cat /var/run/dnsmasq/dnsmasq.pid 2>/dev/null", TEN_SECONDS);
      assertThat(run(lab, node, "cat /proc/" + pid + "/cmdline | tr '\\0' ' '"))
          .startsWith("/usr/sbin/dnsmasq -C /var/etc/dnsmasq.conf -k ");
    }

    DhcpLease fromA = request(lab, p);
    assertThat(fromA.server()).isEqualTo(AddressPlan.withoutPrefix(p.a().lanAddress()));
    assertThat(fromA.address()).isEqualTo("198.19.1.150");
    assertThat(fromA.prefix()).isEqualTo(24);
    assertThat(fromA.routers()).containsExactly(vip);
    assertThat(fromA.dns()).containsExactly(vip);
    assertThat(run(lab, p.client(), "ip -4 -o addr show dev eth0")).contains("198.19.1.150/24")
        .contains(p.clientAddress());
    assertThat(run(lab, a, "cat /tmp/dhcp.leases")).contains(clientMac + " 198.19.1.150 ");
    assertThat(LabWaits.awaitOutput(lab, a, "cat /tmp/lease-hook.log 2>/dev/null", TEN_SECONDS))
        .contains("add " + clientMac + " 198.19.1.150");
    assertThat(lab.exec(b, "cat /tmp/dhcp.leases 2>/dev/null").stdout()).doesNotContain(clientMac);

    // flip: A stops serving, B starts; reload restarts dnsmasq because the ranges changed
    String pidA = run(lab, a, "cat /var/run/dnsmasq/dnsmasq.pid").strip();
    run(lab, a, "uci set dhcp.lan.ignore=1 && uci commit dhcp && /etc/init.d/dnsmasq reload");
    run(lab, b, "uci set dhcp.lan.ignore=0 && uci commit dhcp && /etc/init.d/dnsmasq reload");
    assertThat(run(lab, a, "cat /var/etc/dnsmasq.conf")).contains("no-dhcp-interface=br-lan\n")
        .doesNotContain("dhcp-range=");
    assertThat(run(lab, b, "cat /var/etc/dnsmasq.conf"))
        .contains("dhcp-range=set:lan,198.19.1.100,198.19.1.249,255.255.255.0,12h\n");
    // a new daemon: its pid file names another process
    LabWaits.awaitOutput(lab, a, "p=$(cat /var/run/dnsmasq/dnsmasq.pid 2>/dev/null); [ -n \"$p\" ] && [ \"$p\" != " + pidA
        + " ] && kill -0 $p && echo $p", TEN_SECONDS);
    assertThat(lab.exec(a, "kill -0 " + pidA).exitCode()).isNotZero();

    // B's address is dynamic: dnsmasq probes it with an ICMP echo for PING_WAIT (3 s) and
    // answers no discover meanwhile. The lab's client must still be listening when the offer
    // comes (a client that gave up after 3 x 1 s lost this race on some machines).
    long started = System.nanoTime();
    DhcpLease fromB = request(lab, p);
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(seconds).as("B's offer came only after dnsmasq's ICMP probe of the address (PING_WAIT 3 s)")
        .isGreaterThan(2.5);
    assertThat(fromB.server()).isEqualTo(AddressPlan.withoutPrefix(p.b().lanAddress()));
    assertThat(fromB.routers()).containsExactly(vip);
    assertThat(fromB.dns()).containsExactly(vip);
    int host = Integer.parseInt(fromB.address().substring(fromB.address().lastIndexOf('.') + 1));
    assertThat(fromB.address()).startsWith("198.19.1.");
    assertThat(host).isBetween(100, 249);
    assertThat(run(lab, b, "cat /tmp/dhcp.leases")).contains(clientMac + " " + fromB.address() + " ");
    // the address A handed out earlier was removed from the client when B's lease came in
    if (!fromB.address().equals("198.19.1.150")) {
      assertThat(run(lab, p.client(), "ip -4 -o addr show dev eth0")).doesNotContain("198.19.1.150/");
    }

    // both stop cleanly
    for (String node : new String[] {a, b}) {
      run(lab, node, "/etc/init.d/dnsmasq stop");
      assertThat(lab.exec(node, "/etc/init.d/dnsmasq status").exitCode()).isEqualTo(3);
    }
  }

  @Test
  void clientReachesTheUpstreamOnlyThroughTheNodesMasquerade(Lab lab, @TempDir Path tmp) throws IOException {
    LabPair p = lab.pair(1);
    String a = p.a().name();
    String upstream = AddressPlan.withoutPrefix(p.upstreamAddress());
    String client = AddressPlan.withoutPrefix(p.clientAddress());

    // the upstream has no way back to the LAN on its own
    assertThat(run(lab, p.upstream(), "ip -4 route show")).doesNotContain("198.19.");
    assertThat(lab.exec(p.upstream(), "ip -4 route get " + client).exitCode()).isNotZero();

    assertThat(run(lab, a, "/etc/init.d/firewall status").strip()).isEqualTo("running");
    assertThat(run(lab, a, "nft list chain inet fw4 srcnat")).contains("oifname \"wan\" jump srcnat_wan");
    assertThat(run(lab, a, "nft list chain inet fw4 srcnat_wan")).contains("masquerade");

    // the client uses node A as its gateway to the upstream host
    run(lab, p.client(), "ip -4 route replace " + upstream + "/32 via "
        + AddressPlan.withoutPrefix(p.a().lanAddress()) + " dev eth0");

    Path peerFile = tmp.resolve("peer");
    assertThat(connectThrough(lab, p, peerFile)).isEqualTo("hello");
    assertThat(Files.readString(peerFile).strip()).isEqualTo(AddressPlan.withoutPrefix(p.a().wanAddress()))
        .isNotEqualTo(client);

    // without the firewall's masquerade the upstream's answer has nowhere to go
    run(lab, a, "/etc/init.d/firewall stop");
    Files.deleteIfExists(peerFile);
    assertThat(connectThrough(lab, p, peerFile)).isEqualTo("failed");
    run(lab, a, "/etc/init.d/firewall restart");
    Files.deleteIfExists(peerFile);
    assertThat(connectThrough(lab, p, peerFile)).isEqualTo("hello");
    assertThat(Files.readString(peerFile).strip()).isEqualTo(AddressPlan.withoutPrefix(p.a().wanAddress()));
  }

  /**
   * One TCP connection from the client to a one-shot listener on the upstream host, which
   * writes the peer address it saw to {@code peerFile}; returns what the client read, or
   * {@code failed}.
   */
  private static String connectThrough(Lab lab, LabPair p, Path peerFile) {
    String upstream = AddressPlan.withoutPrefix(p.upstreamAddress());
    String listener = run(lab, p.upstream(), "python3 -c \""
        + "import socket\n"
        + "s = socket.socket()\n"
        + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
        + "s.bind(('" + upstream + "', 18080))\n"
        + "s.listen(1)\n"
        + "s.settimeout(8)\n"
        + "c, peer = s.accept()\n"
        + "open('" + peerFile + "', 'w').write(peer[0])\n"
        + "c.sendall(b'hello')\n"
        + "c.close()\n"
        + "\" > /dev/null 2>&1 & echo $!").strip();
    LabWaits.awaitOutput(lab, p.upstream(), "ss -Hltn 'sport = :18080'", TEN_SECONDS);
    ExecResult result = lab.exec(p.client(), "python3 -c \""
        + "import socket\n"
        + "try:\n"
        + "    c = socket.create_connection(('" + upstream + "', 18080), 2)\n"
        + "    print(c.recv(16).decode())\n"
        + "except OSError:\n"
        + "    print('failed')\n"
        + "\"");
    assertThat(result.exitCode()).as(result.describe()).isZero();
    // a listener left waiting (the failed case) is ended here, by its pid
    lab.exec(p.upstream(), "kill " + listener + " 2>/dev/null; while kill -0 " + listener + " 2>/dev/null; do sleep 0.05; done");
    return result.stdout().strip();
  }

  /** A DHCP request from the pair's client; a failure shows both nodes' dnsmasq logs. */
  private static DhcpLease request(Lab lab, LabPair p) {
    try {
      return lab.dhcpRequest(p.index());
    } catch (RuntimeException e) {
      StringBuilder logs = new StringBuilder(e.getMessage());
      for (LabNode n : p.nodes()) {
        logs.append("\n--- dnsmasq of ").append(n.name()).append('\n')
            .append(lab.exec(n.name(), "cat /var/run/lab-procd/dnsmasq/output.log /var/etc/dnsmasq.conf").stdout());
      }
      throw new AssertionError(logs.toString(), e);
    }
  }

  private static String dhcpConfig(String vip, boolean ignore) {
    return "uci set dhcp.lan.ignore=" + (ignore ? "1" : "0") + "\n"
        + "uci set dhcp.lan.force=1\n"
        + "uci -q delete dhcp.lan.dhcp_option || true\n"
        + "uci add_list dhcp.lan.dhcp_option='3," + vip + "'\n"
        + "uci add_list dhcp.lan.dhcp_option='6," + vip + "'\n";
  }

  private static String run(Lab lab, String member, String command) {
    ExecResult result = lab.exec(member, "set -e\n" + command, Duration.ofSeconds(30));
    assertThat(result.exitCode()).as(member + ": " + command + "\n" + result.describe()).isZero();
    return result.stdout();
  }
}
