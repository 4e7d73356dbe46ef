package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.adopt.PairImport;
import io.haprovision.inventory.Inventory;
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
 * Issue 17 on the OpenWrt keepalived + dnsmasq guide: a pair built by hand the way that guide
 * builds it (written here from its steps: keepalived.conf named by {@code alt_config_file} in
 * /etc/config/keepalived, unicast adverts between the routers' LAN addresses, priorities 150 and
 * 100 with preemption, a weighted WAN check script, notify scripts under
 * /etc/keepalived/scripts reading a {@code .env}, no conntrackd, dnsmasq forced on with the VIP as
 * gateway and DNS). Then import (nothing changes on either router; the .env is named, never
 * read), validate, plan, apply under 50 ms pings (none lost), verify with drills, plan again (empty).
 */
@LabTest(pairs = 1)
class AdoptKeepalivedDnsmasqGuideLabTest {
  private static final String PASSWORD = "guide123";

  @Test
  void aHandBuiltGuidePairIsAdoptedWithoutLosingAPing(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    Path dir = Files.createDirectories(lab.stateDir().resolve("adopt-guide"));
    for (LabNode n : pair.nodes()) {
      run(lab, n.name(), byHand(pair, n, n == a ? b : a, n == a ? 150 : 100, n == a ? "MASTER" : "BACKUP"));
    }
    run(lab, a.name(), "/etc/init.d/keepalived start");
    run(lab, b.name(), "/etc/init.d/keepalived start");
    // The guide's own state file, written by its notify script.
    // The guide's notify script records the state first and commits dhcp after: the snapshot
    // import is compared with waits until no notify script runs any more.
    String settled = "s=$(cat /tmp/keepalived.state 2>/dev/null); pgrep -f 'scripts/[n]otify.sh' >/dev/null"
        + " || echo \"$s, no notify running\"";
    LabRoles.awaitOutput(lab, a, settled, "MASTER, no notify running", "the guide's notify records MASTER and ends");
    LabRoles.awaitOutput(lab, b, settled, "BACKUP, no notify running", "the guide's notify records BACKUP and ends");

    PairImport.ImportedPair imported = AdoptionRun.importUnchanged(lab, pair, "home", b, a);
    assertThat(imported.primary()).as("the higher priority is the primary, whichever was named first")
        .isEqualTo(a.name());
    assertThat(imported.inventory()).doesNotContain(PASSWORD).doesNotContain("GUIDE_TOKEN_VALUE")
        .contains("unicast: true").contains("weight: -20");
    assertThat(imported.notes()).extracting(Note::text)
        .anyMatch(t -> t.contains("/etc/keepalived/scripts/") && t.contains(".env"))
        .anyMatch(t -> t.contains("notify.sh") && t.contains("not copied here"));

    Map<String, String> env = Map.of("HOME_LAN_VRRP_PASS", PASSWORD);
    Inventory inventory = imported.load(Targets.discover(), env);
    AdoptionRun.applyUnderPings(lab, pair, inventory, dir, "openwrt keepalived+dnsmasq guide");
  }

  private static String address(String cidr) {
    return cidr.substring(0, cidr.indexOf('/'));
  }

  /** The guide's steps on one router. */
  private static String byHand(LabPair pair, LabNode self, LabNode peer, int priority, String state) {
    return "set -e\n"
        + "opkg update >/dev/null 2>&1 || true\n"
        + "opkg install keepalived\n"
        + "mkdir -p /etc/keepalived/scripts\n"
        + "cat > /etc/keepalived/scripts/.env <<'EOF'\n"
        + "# settings the notify script reads\n"
        + "NOTIFY_TOKEN=GUIDE_TOKEN_VALUE\n"
        + "EOF\n"
        + "chmod 0600 /etc/keepalived/scripts/.env\n"
        + "cat > /etc/keepalived/scripts/notify.sh <<'EOF'\n"
        + "#!/bin/sh\n"
        + "# keepalived notify script, as the guide writes it\n"
        + ". /etc/keepalived/scripts/.env\n"
        + "echo \"$1\" > /tmp/keepalived.state\n"
        + "case \"$1\" in\n"
        + "  MASTER) uci set dhcp.lan.ignore=0 ;;\n"
        + "  *) uci set dhcp.lan.ignore=1 ;;\n"
        + "esac\n"
        + "uci commit dhcp\n"
        + "/etc/init.d/dnsmasq reload\n"
        + "exit 0\n"
        + "EOF\n"
        + "cat > /etc/keepalived/scripts/check_wan.sh <<'EOF'\n"
        + "#!/bin/sh\n"
        + "ping -c1 -W1 " + pair.upstreamAddress() + " >/dev/null 2>&1\n"
        + "EOF\n"
        + "chmod 0755 /etc/keepalived/scripts/notify.sh /etc/keepalived/scripts/check_wan.sh\n"
        + "cat > /etc/keepalived/keepalived.conf <<'EOF'\n"
        + "global_defs {\n"
        + "    router_id " + self.name() + "\n"
        + "    script_user root\n"
        + "    enable_script_security\n"
        + "}\n"
        + "vrrp_script check_wan {\n"
        + "    script \"/etc/keepalived/scripts/check_wan.sh\"\n"
        + "    interval 5\n"
        + "    weight -20\n"
        + "    fall 2\n"
        + "    rise 2\n"
        + "}\n"
        + "vrrp_instance LAN {\n"
        + "    state " + state + "\n"
        + "    interface br-lan\n"
        + "    virtual_router_id 51\n"
        + "    priority " + priority + "\n"
        + "    advert_int 1\n"
        + "    unicast_src_ip " + address(self.lanAddress()) + "\n"
        + "    unicast_peer {\n"
        + "        " + address(peer.lanAddress()) + "\n"
        + "    }\n"
        + "    authentication {\n"
        + "        auth_type PASS\n"
        + "        auth_pass " + PASSWORD + "\n"
        + "    }\n"
        + "    virtual_ipaddress {\n"
        + "        " + pair.lanVip() + "\n"
        + "    }\n"
        + "    track_script {\n"
        + "        check_wan\n"
        + "    }\n"
        + "    notify_master \"/etc/keepalived/scripts/notify.sh MASTER\"\n"
        + "    notify_backup \"/etc/keepalived/scripts/notify.sh BACKUP\"\n"
        + "    notify_fault \"/etc/keepalived/scripts/notify.sh FAULT\"\n"
        + "}\n"
        + "EOF\n"
        + "chmod 0600 /etc/keepalived/keepalived.conf\n"
        + "uci set keepalived.globals.alt_config_file=/etc/keepalived/keepalived.conf\n"
        + "uci set keepalived.globals.enabled=1\n"
        + "uci commit keepalived\n"
        + "uci set dhcp.lan.force=1\n"
        + "uci add_list dhcp.lan.dhcp_option=3," + pair.lanVipAddress() + "\n"
        + "uci add_list dhcp.lan.dhcp_option=6," + pair.lanVipAddress() + "\n"
        + "uci commit dhcp\n"
        + "/etc/init.d/dnsmasq restart >/dev/null 2>&1 || true\n"
        + "/etc/init.d/keepalived enable\n";
  }
}
