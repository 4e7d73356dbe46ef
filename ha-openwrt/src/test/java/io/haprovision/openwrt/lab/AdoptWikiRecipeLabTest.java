package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.adopt.KeepalivedAdoption.SecretVariable;
import io.haprovision.adopt.PairImport;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.spi.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 on the OpenWrt wiki's high-availability recipe: a pair built by hand the way the
 * recipe builds it (written here from its steps: keepalived and conntrack-tools from opkg, one
 * keepalived.conf per router with a sync group of a LAN and a WAN instance, both
 * {@code state BACKUP} with {@code nopreempt} and the same priority, multicast adverts, a
 * password longer than keepalived's 8 characters, notify commands running a
 * primary-backup.sh that drives conntrackd, conntrackd over UDP on a dedicated link, dnsmasq
 * forced on with the VIP as gateway and DNS, and the files added to sysupgrade.conf). Then
 * {@code import} (which must change nothing on either router), validate, plan, apply while a
 * client pings the LAN VIP every 50 ms (no reply may be lost, no failover may happen), verify
 * with drills, and a second plan with nothing to do.
 */
@LabTest(pairs = 1)
class AdoptWikiRecipeLabTest {
  /** Longer than 8: keepalived puts only "wikipass" on the wire. */
  private static final String PASSWORD = "wikipassword42";

  @Test
  void aHandBuiltWikiPairIsAdoptedWithoutLosingAPing(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    Path dir = Files.createDirectories(lab.stateDir().resolve("adopt-wiki"));
    for (LabNode n : pair.nodes()) {
      run(lab, n.name(), byHand(pair, n, n == a ? b : a));
    }
    // The recipe starts the routers one after the other: the first one up becomes MASTER.
    run(lab, a.name(), "/etc/init.d/conntrackd start; /etc/init.d/keepalived start");
    LabRoles.awaitOutput(lab, a, "ip -o -4 addr show dev br-lan", " " + pair.lanVipAddress() + "/",
        "the first router up takes the LAN VIP");
    run(lab, b.name(), "/etc/init.d/conntrackd start; /etc/init.d/keepalived start");
    LabRoles.awaitOutput(lab, b, "cat /tmp/primary-backup.state 2>/dev/null", "backup",
        "the recipe's notify script records backup");

    PairImport.ImportedPair imported = AdoptionRun.importUnchanged(lab, pair, "office", a, b);
    assertThat(imported.primary()).as("the MASTER keeps the higher priority").isEqualTo(a.name());
    assertThat(imported.inventory()).doesNotContain(PASSWORD).doesNotContain("wikipass");
    assertThat(imported.secrets()).extracting(SecretVariable::variable)
        .containsExactly("OFFICE_LAN_VRRP_PASS", "OFFICE_WAN_VRRP_PASS");
    assertThat(imported.notes()).anyMatch(n -> n.text().contains("priority 100 in the files"))
        .anyMatch(n -> n.text().contains("longer than 8 characters"))
        .anyMatch(n -> n.text().contains("primary-backup.sh") && n.text().contains("replaced by ha-provision's role hook"));
    Path file = Files.writeString(dir.resolve("imported.yml"), imported.inventory());

    Map<String, String> env = Map.of("OFFICE_LAN_VRRP_PASS", PASSWORD.substring(0, 8),
        "OFFICE_WAN_VRRP_PASS", PASSWORD.substring(0, 8));
    Inventory inventory = new InventoryLoader().withTargets(Targets.discover()).withEnvironment(env).load(file);
    // The embedding API's records are the same inventory.
    var records = imported.load(Targets.discover(), env).pairs().get(0);
    assertThat(records.nodes()).isEqualTo(inventory.pairs().get(0).nodes());
    assertThat(records.vrrp()).isEqualTo(inventory.pairs().get(0).vrrp());
    String planText = AdoptionRun.applyUnderPings(lab, pair, inventory, dir, "openwrt wiki recipe");
    assertThat(planText).contains("/etc/keepalived/keepalived.conf").contains("role-hook");
  }

  /** The recipe's steps on one router, as a shell script. */
  private static String byHand(LabPair pair, LabNode self, LabNode peer) {
    String own = self.syncAddress().substring(0, self.syncAddress().indexOf('/'));
    String other = peer.syncAddress().substring(0, peer.syncAddress().indexOf('/'));
    return "set -e\n"
        + "opkg update >/dev/null 2>&1 || true\n"
        + "opkg install keepalived conntrackd\n"
        + "mkdir -p /etc/keepalived /etc/conntrackd\n"
        + "cat > /etc/keepalived/keepalived.conf <<'EOF'\n"
        + "! keepalived.conf as the OpenWrt wiki's high-availability recipe writes it\n"
        + "global_defs {\n"
        + "    router_id " + self.name() + "\n"
        + "    script_user root\n"
        + "    enable_script_security\n"
        + "}\n\n"
        + "vrrp_sync_group G1 {\n"
        + "    group {\n"
        + "        LAN\n"
        + "        WAN\n"
        + "    }\n"
        + "    notify_master \"/etc/conntrackd/primary-backup.sh primary\"\n"
        + "    notify_backup \"/etc/conntrackd/primary-backup.sh backup\"\n"
        + "    notify_fault \"/etc/conntrackd/primary-backup.sh fault\"\n"
        + "}\n\n"
        + instance("LAN", "br-lan", 51, pair.lanVip()) + "\n"
        + instance("WAN", "wan", 52, pair.wanVip())
        + "EOF\n"
        + "chmod 0600 /etc/keepalived/keepalived.conf\n"
        + "cat > /etc/conntrackd/primary-backup.sh <<'EOF'\n"
        + "#!/bin/sh\n"
        + "# conntrackd on a role change, as conntrack-tools' primary-backup.sh does it\n"
        + "echo \"$1\" > /tmp/primary-backup.state\n"
        + "case \"$1\" in\n"
        + "  primary) conntrackd -c; conntrackd -f; conntrackd -R; conntrackd -B ;;\n"
        + "  backup) conntrackd -n ;;\n"
        + "  fault) conntrackd -t ;;\n"
        + "esac\n"
        + "exit 0\n"
        + "EOF\n"
        + "chmod 0755 /etc/conntrackd/primary-backup.sh\n"
        + "cat > /etc/conntrackd/conntrackd.conf <<'EOF'\n"
        + "Sync {\n"
        + "    Mode FTFW {\n"
        + "        DisableExternalCache Off\n"
        + "        CommitTimeout 1800\n"
        + "        PurgeTimeout 5\n"
        + "    }\n"
        + "    UDP {\n"
        + "        IPv4_address " + own + "\n"
        + "        IPv4_Destination_Address " + other + "\n"
        + "        Port 3780\n"
        + "        Interface sync\n"
        + "        SndSocketBuffer 1249280\n"
        + "        RcvSocketBuffer 1249280\n"
        + "        Checksum on\n"
        + "    }\n"
        + "}\n"
        + "General {\n"
        + "    HashSize 32768\n"
        + "    HashLimit 131072\n"
        + "    LogFile off\n"
        + "    Syslog on\n"
        + "    LockFile /var/lock/conntrack.lock\n"
        + "    UNIX {\n"
        + "        Path /var/run/conntrackd.ctl\n"
        + "    }\n"
        + "    Filter From Userspace {\n"
        + "        Protocol Accept {\n"
        + "            TCP\n"
        + "            UDP\n"
        + "            ICMP\n"
        + "        }\n"
        + "        Address Ignore {\n"
        + "            IPv4_address 127.0.0.1\n"
        + "            IPv4_address " + own + "\n"
        + "            IPv4_address " + other + "\n"
        + "        }\n"
        + "    }\n"
        + "}\n"
        + "EOF\n"
        + "uci set keepalived.globals.alt_config_file=/etc/keepalived/keepalived.conf\n"
        + "uci set keepalived.globals.enabled=1\n"
        + "uci commit keepalived\n"
        + "uci set dhcp.lan.force=1\n"
        + "uci add_list dhcp.lan.dhcp_option=3," + pair.lanVipAddress() + "\n"
        + "uci add_list dhcp.lan.dhcp_option=6," + pair.lanVipAddress() + "\n"
        + "uci commit dhcp\n"
        + "/etc/init.d/dnsmasq restart >/dev/null 2>&1 || true\n"
        + "cat >> /etc/sysupgrade.conf <<'EOF'\n"
        + "/etc/keepalived/keepalived.conf\n"
        + "/etc/conntrackd/conntrackd.conf\n"
        + "/etc/conntrackd/primary-backup.sh\n"
        + "EOF\n"
        + "/etc/init.d/keepalived enable\n"
        + "/etc/init.d/conntrackd enable\n";
  }

  /** One vrrp_instance as the recipe writes it: BACKUP, nopreempt, priority 100 on both routers. */
  private static String instance(String name, String device, int vrid, String vip) {
    return "vrrp_instance " + name + " {\n"
        + "    state BACKUP\n"
        + "    interface " + device + "\n"
        + "    virtual_router_id " + vrid + "\n"
        + "    priority 100\n"
        + "    nopreempt\n"
        + "    advert_int 1\n"
        + "    authentication {\n"
        + "        auth_type PASS\n"
        + "        auth_pass " + PASSWORD + "\n"
        + "    }\n"
        + "    virtual_ipaddress {\n"
        + "        " + vip + " dev " + device + "\n"
        + "    }\n"
        + "}\n";
  }
}
