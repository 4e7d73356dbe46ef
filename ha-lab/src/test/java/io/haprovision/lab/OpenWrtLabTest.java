package io.haprovision.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.junit.LabTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real two-pair lab: sshd with strict host keys, overlay isolation, and the
 * {@code openwrt} personality's uci, opkg and keepalived init script, ending with a
 * real VRRP election and failover between the two nodes of pair 1.
 *
 * <p>Tests use different nodes so their order does not matter: pair 1 runs the
 * keepalived pair (and conntrackd on p1-a), p2-a the uci session and the
 * UCI-generated keepalived config, p2-b the opkg checks (which need a node where
 * {@code opkg update} has not run yet).
 */
@LabTest(pairs = 2)
class OpenWrtLabTest {

  // ------------------------------------------------------------------ sshd & isolation

  @Test
  void everyNodeAnswersSshWithTheLabKeyAndStrictKnownHosts(Lab lab, @TempDir Path tmp) throws IOException {
    for (LabNode node : lab.nodes()) {
      ExecResult ok = ssh(lab, lab.knownHostsFile(), node, "hostname");
      assertThat(ok.exitCode()).as(ok.describe()).isZero();
      assertThat(ok.stdout().strip()).isEqualTo(node.name());
    }
    // strictness is real: the same login with a known_hosts that lacks the key fails
    Path empty = Files.writeString(tmp.resolve("known_hosts"), "");
    ExecResult refused = ssh(lab, empty, lab.pair(1).a(), "true");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("Host key verification failed");
  }

  @Test
  void everyLanClientAnswersSshOnItsManagementAddressAndSitsOnTheLan(Lab lab) {
    for (LabPair p : lab.pairs()) {
      LabNode client = new LabNode(p.client(), "client", lab.namespaceOf(p.client()), p.clientManagementAddress(),
          p.clientAddress(), "", "");
      ExecResult ok = ssh(lab, lab.knownHostsFile(), client, "hostname; ip -4 -o addr show dev eth0");
      assertThat(ok.exitCode()).as(ok.describe()).isZero();
      assertThat(ok.stdout()).startsWith(p.client() + "\n").contains(p.clientAddress());
    }
    // the client is no router: it must not forward between the management bridge and the LAN
    ExecResult forward = lab.exec(lab.pair(1).client(), "cat /proc/sys/net/ipv4/ip_forward");
    assertThat(forward.stdout().strip()).isEqualTo("0");
  }

  @Test
  void nodesDoNotSeeEachOthersWrites(Lab lab) {
    String marker = "isolation-" + System.nanoTime();
    ExecResult write = lab.exec("p1-a", "echo " + marker + " > /tmp/" + marker + " && echo x > /etc/" + marker);
    assertThat(write.exitCode()).as(write.describe()).isZero();
    assertThat(lab.exec("p1-a", "cat /tmp/" + marker).stdout().strip()).isEqualTo(marker);
    assertThat(lab.exec("p1-b", "test -e /tmp/" + marker + " || test -e /etc/" + marker).exitCode()).isEqualTo(1);
    assertThat(lab.exec("p2-a", "test -e /etc/" + marker).exitCode()).isEqualTo(1);
    assertThat(Path.of("/etc", marker)).doesNotExist();
    assertThat(lab.exec("p1-b", "hostname; cat /etc/openwrt_release").stdout())
        .startsWith("p1-b\n").contains("DISTRIB_ID='OpenWrt'");
  }

  @Test
  void clientAndUpstreamHaveTheirNetworks(Lab lab) {
    LabPair p = lab.pair(2);
    ExecResult route = lab.exec(p.client(), "ip -4 route show default; ip -4 -o addr show dev eth0");
    assertThat(route.stdout()).contains("default via " + p.lanVipAddress())
        .contains(p.clientAddress());
    ExecResult up = lab.exec(p.upstream(), "ping -c1 -W2 " + AddressPlan.withoutPrefix(p.b().wanAddress()));
    assertThat(up.exitCode()).as(up.describe()).isZero();
    // The sync cable carries packets, and the peer's stock fw4 rejects them: the sync device is in
    // no zone until ha-provision's ha_sync zone holds it, so input hits the REJECT policy.
    String peerSync = AddressPlan.withoutPrefix(p.b().syncAddress());
    ExecResult sync = lab.exec(p.a().name(), "ping -c1 -W2 " + peerSync);
    assertThat(sync.stdout()).as(sync.describe()).contains("From " + peerSync).contains("Unreachable");
  }

  @Test
  void statusListsThisLabAsHealthy(Lab lab) {
    LabStatus status = Lab.status().stream().filter(s -> s.runId().equals(lab.runId())).findFirst().orElseThrow();
    assertThat(status.healthy()).isTrue();
    assertThat(status.nodes()).containsExactly("p1-a", "p1-b", "p2-a", "p2-b");
    assertThat(status.managementSubnet()).isEqualTo(lab.managementSubnet());
    assertThat(LabCommands.status()).contains(lab.runId()).contains("4/4").contains("running");
  }

  // ------------------------------------------------------------------ uci

  @Test
  void uciSessionMatchesGoldenTranscript(Lab lab) throws IOException {
    String script = resource("uci-session.sh");
    ExecResult session = lab.exec("p2-a", script, Duration.ofSeconds(120));
    assertThat(session.stderr()).isEmpty();
    Golden.assertMatches("uci-session.txt", session.stdout());
  }

  // ------------------------------------------------------------------ opkg

  @Test
  void opkgInstallsOnlyFeedPackagesAfterUpdate(Lab lab) {
    String node = "p2-b";
    ExecResult installed = lab.exec(node, "opkg list-installed");
    List<String> lines = installed.stdout().lines().toList();
    assertThat(lines).isNotEmpty().isSorted().allMatch(l -> l.matches("[a-z0-9.+-]+ - \\S+"));
    assertThat(lines).anyMatch(l -> l.startsWith("dnsmasq - ")).noneMatch(l -> l.startsWith("keepalived "));
    assertThat(lab.exec(node, "command -v keepalived").exitCode()).isNotZero();

    ExecResult early = lab.exec(node, "opkg install keepalived");
    assertThat(early.exitCode()).isEqualTo(255);
    assertThat(early.stderr()).contains("Unknown package 'keepalived'.")
        .contains("Collected errors:\n * opkg_install_cmd: Cannot install package keepalived.");

    assertThat(lab.exec(node, "opkg update").exitCode()).isZero();
    ExecResult unknown = lab.exec(node, "opkg install no-such-package");
    assertThat(unknown.exitCode()).isEqualTo(255);
    assertThat(unknown.stderr()).contains("Unknown package 'no-such-package'.")
        .contains(" * opkg_install_cmd: Cannot install package no-such-package.");

    ExecResult install = lab.exec(node, "opkg install keepalived");
    assertThat(install.exitCode()).as(install.describe()).isZero();
    assertThat(install.stdout()).contains("Installing keepalived (").contains("Configuring keepalived.");
    assertThat(lab.exec(node, "command -v keepalived").stdout().strip()).isEqualTo("/usr/sbin/keepalived");
    assertThat(lab.exec(node, "keepalived --version 2>&1").stdout()).contains("Keepalived v");
    List<String> after = lab.exec(node, "opkg list-installed").stdout().lines().toList();
    assertThat(after).isSorted().anyMatch(l -> l.startsWith("keepalived - "));
    ExecResult again = lab.exec(node, "opkg install keepalived");
    assertThat(again.exitCode()).isZero();
    assertThat(again.stdout()).contains("installed in root is up to date.");

    ExecResult remove = lab.exec(node, "opkg remove keepalived");
    assertThat(remove.exitCode()).as(remove.describe()).isZero();
    assertThat(remove.stdout()).contains("Removing package keepalived from root...");
    assertThat(lab.exec(node, "command -v keepalived").exitCode()).isNotZero();
    assertThat(lab.exec(node, "opkg list-installed").stdout()).doesNotContain("keepalived");
    assertThat(lab.exec(node, "opkg remove keepalived").stdout()).contains("No packages removed.");
  }

  // ------------------------------------------------------------------ conntrackd

  @Test
  void conntrackdStartsOnlyWithItsConfigAndRestartsWhenItChanges(Lab lab) {
    String node = "p1-a";
    LabPair p = lab.pair(1);
    ExecResult refused = lab.exec(node, "/etc/init.d/conntrackd start");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("package 'conntrackd' is not installed");
    run(lab, node, "opkg update >/dev/null && opkg install conntrackd conntrack >/dev/null");

    // no configuration is shipped: start does nothing
    run(lab, node, "test ! -e /etc/conntrackd/conntrackd.conf && /etc/init.d/conntrackd start");
    assertThat(lab.exec(node, "/etc/init.d/conntrackd status").stdout().strip()).isEqualTo("inactive");

    run(lab, node, "mkdir -p /etc/conntrackd && cat > /etc/conntrackd/conntrackd.conf <<'EOF'\n"
        + "Sync {\n\tMode FTFW {\n\t}\n\tUDP {\n"
        + "\t\tIPv4_address " + AddressPlan.withoutPrefix(p.a().syncAddress()) + "\n"
        + "\t\tIPv4_Destination_Address " + AddressPlan.withoutPrefix(p.b().syncAddress()) + "\n"
        + "\t\tPort 3780\n\t\tInterface sync\n\t\tChecksum on\n\t}\n}\n"
        + "General {\n\tHashSize 8192\n\tHashLimit 65535\n\tSyslog off\n\tLogFile off\n"
        + "\tLockFile /var/lock/conntrack.lock\n\tUNIX {\n\t\tPath /var/run/conntrackd.ctl\n\t}\n}\n"
        + "EOF");
    run(lab, node, "/etc/init.d/conntrackd start");
    String pid = LabWaits.awaitOutput(lab, node, "cat /var/run/lab-procd/conntrackd/child.pid 2>/dev/null",
        Duration.ofSeconds(5));
    assertThat(run(lab, node, "tr '\\0' ' ' < /proc/" + pid + "/cmdline"))
        .isEqualTo("/usr/sbin/conntrackd -C /etc/conntrackd/conntrackd.conf ");
    LabWaits.awaitTrue(() -> lab.exec(node, "conntrackd -s").stdout().contains("cache internal"), Duration.ofSeconds(5),
        "conntrackd answering on its control socket");

    // unchanged: start keeps it; changed file: procd restarts it on reload
    run(lab, node, "/etc/init.d/conntrackd start");
    assertThat(run(lab, node, "cat /var/run/lab-procd/conntrackd/child.pid").strip()).isEqualTo(pid);
    run(lab, node, "echo '# changed' >> /etc/conntrackd/conntrackd.conf && /etc/init.d/conntrackd reload");
    String restarted = LabWaits.awaitOutput(lab, node, "cat /var/run/lab-procd/conntrackd/child.pid 2>/dev/null",
        Duration.ofSeconds(5));
    assertThat(restarted).isNotEqualTo(pid);

    run(lab, node, "/etc/init.d/conntrackd stop");
    assertThat(lab.exec(node, "/etc/init.d/conntrackd status").exitCode()).isEqualTo(3);
    assertThat(lab.exec(node, "pidof conntrackd").exitCode()).isNotZero();
  }

  // ------------------------------------------------------------------ keepalived

  @Test
  void initScriptGeneratesConfigFromUciAndReloadsWithSighup(Lab lab) {
    String node = "p2-a";
    LabPair p = lab.pair(2);
    run(lab, node, "opkg update >/dev/null && opkg install keepalived >/dev/null");
    run(lab, node, "uci batch <<'EOF'\n"
        + "set keepalived.globals.enabled=1\n"
        + "set keepalived.globals.router_id=p2-a\n"
        + "set keepalived.vip_lan=ipaddress\n"
        + "set keepalived.vip_lan.name=VIP_LAN\n"
        + "set keepalived.vip_lan.address=" + p.lanVip() + "\n"
        + "set keepalived.vip_lan.device=br-lan\n"
        + "set keepalived.peer_b=peer\n"
        + "set keepalived.peer_b.name=peer_b\n"
        + "set keepalived.peer_b.address=" + AddressPlan.withoutPrefix(p.b().lanAddress()) + "\n"
        + "set keepalived.lan=vrrp_instance\n"
        + "set keepalived.lan.name=LAN\n"
        + "set keepalived.lan.interface=br-lan\n"
        + "set keepalived.lan.state=BACKUP\n"
        + "set keepalived.lan.virtual_router_id=51\n"
        + "set keepalived.lan.priority=150\n"
        + "set keepalived.lan.advert_int=1\n"
        + "set keepalived.lan.unicast_src_ip=" + AddressPlan.withoutPrefix(p.a().lanAddress()) + "\n"
        + "add_list keepalived.lan.unicast_peer=peer_b\n"
        + "add_list keepalived.lan.virtual_ipaddress=VIP_LAN\n"
        + "EOF\n"
        + "uci commit keepalived");
    run(lab, node, "/etc/init.d/keepalived start");
    String conf = run(lab, node, "test ! -L /tmp/keepalived.conf && cat /tmp/keepalived.conf");
    assertThat(conf).contains("router_id p2-a").contains("vrrp_instance LAN {")
        .contains("virtual_router_id 51").contains("priority 150")
        .contains("unicast_peer {\n\t\t" + AddressPlan.withoutPrefix(p.b().lanAddress()))
        .contains(p.lanVip() + " dev br-lan");
    run(lab, node, "keepalived -t -f /tmp/keepalived.conf");
    String pid = LabWaits.awaitOutput(lab, node, "cat /run/keepalived.pid 2>/dev/null", Duration.ofSeconds(5));
    assertThat(run(lab, node, "cat /proc/" + pid + "/cmdline | tr '\\0' ' '"))
        .isEqualTo("/usr/sbin/keepalived -n -f /tmp/keepalived.conf ");
    assertThat(run(lab, node, "/etc/init.d/keepalived status").strip()).isEqualTo("running");

    // start again: procd keeps the running instance
    run(lab, node, "/etc/init.d/keepalived start");
    assertThat(run(lab, node, "cat /run/keepalived.pid").strip()).isEqualTo(pid);

    // reload: the file is regenerated and the same daemon gets SIGHUP
    run(lab, node, "uci set keepalived.lan.priority=140 && uci commit keepalived && /etc/init.d/keepalived reload");
    assertThat(run(lab, node, "cat /tmp/keepalived.conf")).contains("priority 140");
    assertThat(run(lab, node, "cat /run/keepalived.pid").strip()).isEqualTo(pid);

    run(lab, node, "/etc/init.d/keepalived stop");
    ExecResult status = lab.exec(node, "/etc/init.d/keepalived status");
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.stdout().strip()).isEqualTo("inactive");
    assertThat(lab.exec(node, "kill -0 " + pid).exitCode()).isNotZero();
  }

  @Test
  void keepalivedPairElectsAMasterTheClientReachesAndFailsOver(Lab lab) {
    LabPair p = lab.pair(1);
    String a = p.a().name();
    String b = p.b().name();

    // refused before the package is installed
    ExecResult refused = lab.exec(a, "/etc/init.d/keepalived start");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("package 'keepalived' is not installed");

    for (LabNode n : p.nodes()) {
      run(lab, n.name(), "opkg update >/dev/null && opkg install keepalived >/dev/null");
      int priority = n == p.a() ? 150 : 100;
      String peer = AddressPlan.withoutPrefix((n == p.a() ? p.b() : p.a()).lanAddress());
      run(lab, n.name(), "mkdir -p /etc/keepalived && cat > /etc/keepalived/lab.conf <<'EOF'\n"
          + "global_defs {\n  router_id " + n.name() + "\n}\n"
          + "vrrp_instance LAN {\n"
          + "  state BACKUP\n  interface br-lan\n  virtual_router_id 51\n"
          + "  priority " + priority + "\n  advert_int 1\n"
          + "  unicast_src_ip " + AddressPlan.withoutPrefix(n.lanAddress()) + "\n"
          + "  unicast_peer {\n    " + peer + "\n  }\n"
          + "  virtual_ipaddress {\n    " + p.lanVip() + " dev br-lan\n  }\n"
          + "}\nEOF");
    }

    // enabled '0' (as shipped): enable + start do nothing
    run(lab, a, "/etc/init.d/keepalived enable");
    assertThat(lab.exec(a, "/etc/init.d/keepalived enabled").exitCode()).isZero();
    assertThat(run(lab, a, "readlink /etc/rc.d/S70keepalived").strip()).isEqualTo("../init.d/keepalived");
    run(lab, a, "/etc/init.d/keepalived start");
    assertThat(lab.exec(a, "pidof keepalived || test -e /tmp/keepalived.conf").exitCode()).isNotZero();
    run(lab, a, "/etc/init.d/keepalived disable");
    assertThat(lab.exec(a, "/etc/init.d/keepalived enabled").exitCode()).isEqualTo(1);

    // enabled '1' + alt_config_file: the real daemon runs with that file
    for (LabNode n : p.nodes()) {
      run(lab, n.name(), "uci set keepalived.globals.enabled=1"
          + " && uci set keepalived.globals.alt_config_file=/etc/keepalived/lab.conf"
          + " && uci commit keepalived && /etc/init.d/keepalived start");
      assertThat(run(lab, n.name(), "readlink /tmp/keepalived.conf").strip()).isEqualTo("/etc/keepalived/lab.conf");
      String pid = LabWaits.awaitOutput(lab, n.name(), "cat /run/keepalived.pid 2>/dev/null", Duration.ofSeconds(5));
      assertThat(run(lab, n.name(), "tr '\\0' ' ' < /proc/" + pid + "/cmdline"))
          .isEqualTo("/usr/sbin/keepalived -n -f /tmp/keepalived.conf ");
    }

    // A (priority 150) becomes master; exactly one node holds the VIP; the client reaches it
    LabWaits.awaitTrue(() -> holdsVip(lab, a, p), Duration.ofSeconds(10), "the VIP on " + a, () -> vipState(lab, p));
    assertThat(holdsVip(lab, b, p)).isFalse();
    ExecResult ping = lab.exec(p.client(), "ping -c2 -W1 " + p.lanVipAddress());
    assertThat(ping.exitCode()).as(ping.describe()).isZero();
    assertThat(lab.exec(p.client(), "ip neigh show " + p.lanVipAddress()).stdout())
        .contains(run(lab, a, "cat /sys/class/net/br-lan/address").strip());

    // kill the master's keepalived: the VIP moves to B and the client still reaches it
    String oldPid = run(lab, a, "cat /run/keepalived.pid").strip();
    run(lab, a, "kill -KILL " + oldPid);
    LabWaits.awaitTrue(() -> holdsVip(lab, b, p), Duration.ofSeconds(8), "the VIP moving to " + b, () -> vipState(lab, p));
    LabWaits.awaitTrue(() -> lab.exec(p.client(), "ping -c1 -W1 " + p.lanVipAddress()).ok(), Duration.ofSeconds(5),
        "the client reaching the VIP on " + b);

    // procd respawns A's keepalived; with the higher priority A preempts again
    LabWaits.awaitTrue(() -> {
      String now = lab.exec(a, "cat /run/keepalived.pid 2>/dev/null").stdout().strip();
      return !now.isEmpty() && !now.equals(oldPid) && lab.exec(a, "kill -0 " + now).ok();
    }, Duration.ofSeconds(10), "the supervisor respawning keepalived on " + a, () -> vipState(lab, p));
    LabWaits.awaitTrue(() -> holdsVip(lab, a, p), Duration.ofSeconds(10), "the VIP returning to " + a,
        () -> vipState(lab, p));

    for (LabNode n : p.nodes()) {
      run(lab, n.name(), "/etc/init.d/keepalived stop");
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Both nodes' LAN addresses, keepalived pid file and supervisor log, for failed waits. */
  private static String vipState(Lab lab, LabPair p) {
    StringBuilder s = new StringBuilder();
    for (LabNode n : p.nodes()) {
      s.append("--- ").append(n.name()).append('\n').append(lab.exec(n.name(), "ip -o -4 addr show dev br-lan;"
          + " echo \"keepalived.pid: $(cat /run/keepalived.pid 2>&1)\"; tail -n 30 /var/run/lab-procd/keepalived/output.log 2>&1")
          .stdout());
    }
    return s.toString();
  }

  private static boolean holdsVip(Lab lab, String node, LabPair p) {
    return lab.exec(node, "ip -o -4 addr show dev br-lan").stdout().contains(" " + p.lanVip() + " ");
  }

  /** Runs a command that must succeed; returns its stdout. */
  private static String run(Lab lab, String node, String command) {
    ExecResult result = lab.exec(node, command);
    assertThat(result.exitCode()).as("%s on %s:\n%s", command, node, result.describe()).isZero();
    return result.stdout();
  }

  private static ExecResult ssh(Lab lab, Path knownHosts, LabNode node, String command) {
    List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null",
        "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "ConnectTimeout=10", "-i", lab.identityFile().toString(),
        "root@" + node.managementAddress(), command));
    return Cmd.run(argv, Duration.ofSeconds(30));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = OpenWrtLabTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
