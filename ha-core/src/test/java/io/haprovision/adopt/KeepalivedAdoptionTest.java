package io.haprovision.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.adopt.KeepalivedAdoption.Adopted;
import io.haprovision.adopt.KeepalivedAdoption.NodeFiles;
import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.engine.probe.AddressTable;
import io.haprovision.spi.PlatformImporter;
import io.haprovision.transport.HostKeyPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The adoption of two keepalived.conf files into the inventory's VRRP section: golden
 * inventories for a pair in the wiki recipe's style (equal priorities, nopreempt, a long
 * password, notify scripts, a sync group) and for keepalived's own sample on both nodes
 * (keywords the inventory has no key for, VIPs without prefix).
 */
class KeepalivedAdoptionTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "io", "haprovision", "adopt", "golden");

  private static final String IP_A = "1: lo    inet 127.0.0.1/8 scope host lo\n"
      + "2: br-lan    inet 192.0.2.2/24 brd 192.0.2.255 scope global br-lan\n"
      + "2: br-lan    inet 192.0.2.1/24 scope global secondary br-lan\n"
      + "3: wan    inet 203.0.113.18/29 brd 203.0.113.23 scope global wan\n"
      + "3: wan    inet 203.0.113.22/29 scope global secondary wan\n";
  private static final String IP_B = "1: lo    inet 127.0.0.1/8 scope host lo\n"
      + "2: br-lan    inet 192.0.2.3/24 brd 192.0.2.255 scope global br-lan\n"
      + "3: wan    inet 203.0.113.19/29 brd 203.0.113.23 scope global wan\n";

  private static String wiki(String routerId, String auth, String extra) {
    return "global_defs {\n  router_id " + routerId + "\n  enable_script_security\n}\n"
        + "vrrp_script wan_ok {\n  script \"/bin/ping -c1 -W1 203.0.113.17\"\n  interval 2\n  fall 2\n  rise 2\n}\n"
        + "vrrp_sync_group G1 {\n  group {\n    LAN\n    WAN\n  }\n  track_script {\n    wan_ok\n  }\n"
        + "  notify_master \"/etc/conntrackd/primary-backup.sh primary\"\n}\n"
        + "vrrp_instance LAN {\n  state BACKUP\n  interface br-lan\n  virtual_router_id 51\n  priority 100\n"
        + "  nopreempt\n  advert_int 1\n  authentication {\n    auth_type PASS\n    auth_pass " + auth + "\n  }\n"
        + "  virtual_ipaddress {\n    192.0.2.1/24 dev br-lan\n  }\n" + extra + "}\n"
        + "vrrp_instance WAN {\n  state BACKUP\n  interface wan\n  virtual_router_id 52\n  priority 100\n"
        + "  nopreempt\n  virtual_ipaddress {\n    203.0.113.22/29\n  }\n"
        + "  virtual_routes {\n    0.0.0.0/0 via 203.0.113.17 dev wan\n  }\n}\n";
  }

  private static String inventory(Adopted adopted) {
    PlatformImporter.Reading r = new PlatformImporter.Reading(adopted.primary(), adopted.secondary(),
        adopted.interfaces(), Optional.of(adopted.vrrp()), InventoryText.map(), adopted.notes(), adopted.secrets());
    return PairImport.write(new PairImport.ImportRequest("openwrt", "office", List.of(
        new PairImport.ImportNode(adopted.primary(), "root", "192.0.2.2", 22),
        new PairImport.ImportNode(adopted.secondary(), "root", "192.0.2.3", 2222)), Optional.empty(), Optional.empty(),
        HostKeyPolicy.STRICT), r);
  }

  @Test
  void aWikiStylePairKeepsWhoIsMasterAndNamesEveryChoice() {
    // gw-b named first: the node holding the VIPs (gw-a) still becomes the primary.
    Adopted adopted = KeepalivedAdoption.adopt("office",
        new NodeFiles("gw-b", KeepalivedConfReader.parse(wiki("OpenWrt-B", "secretpassword", "  smtp_alert\n")),
            AddressTable.parse(IP_B), "/etc/keepalived/keepalived.conf"),
        new NodeFiles("gw-a", KeepalivedConfReader.parse(wiki("OpenWrt-A", "secretpassword", "")),
            AddressTable.parse(IP_A), "/etc/keepalived/keepalived.conf"));
    assertThat(adopted.primary()).isEqualTo("gw-a");
    assertThat(adopted.notes()).extracting(Note::where).contains("vrrp.instances.LAN.priority",
        "vrrp.instances.LAN.authentication", "vrrp.instances.LAN", "nodes.gw-a", "nodes.gw-b");
    assertThat(adopted.notifyCommands()).containsExactly("/etc/conntrackd/primary-backup.sh primary");
    String text = inventory(adopted);
    assertThat(text).doesNotContain("secretpassword").doesNotContain("secretpa\n");
    io.haprovision.testing.Golden.assertMatches(GOLDEN.resolve("wiki-pair.yml"), text);
  }

  @Test
  void keepalivedsOwnSampleOnBothNodesNamesWhatHasNoKey() throws IOException {
    String sample = KeepalivedConfReaderTest.resource("upstream/keepalived.conf.vrrp");
    Adopted adopted = KeepalivedAdoption.adopt("lvs",
        new NodeFiles("lvs-a", KeepalivedConfReader.parse(sample), AddressTable.parse(
            "2: eth0    inet 192.168.200.2/24 scope global eth0\n3: eth1    inet 192.168.201.2/24 scope global eth1\n"),
            "/etc/keepalived/keepalived.conf"),
        new NodeFiles("lvs-b", KeepalivedConfReader.parse(sample.replace("priority 100", "priority 90")),
            AddressTable.parse("2: eth0    inet 192.168.200.3/24 scope global eth0\n"
                + "3: eth1    inet 192.168.201.3/24 scope global eth1\n"), "/etc/keepalived/keepalived.conf"));
    assertThat(adopted.notes()).extracting(Note::text)
        .anyMatch(t -> t.contains("`smtp_alert`") || t.contains("smtp_alert"))
        .anyMatch(t -> t.contains("notification_email"))
        .anyMatch(t -> t.contains("192.168.200.16 has no prefix") && t.contains("/32"));
    io.haprovision.testing.Golden.assertMatches(GOLDEN.resolve("keepalived-sample.yml"), inventory(adopted));
  }

  @Test
  void aVipOnAnotherDeviceBringsThatDeviceIntoEachNodesInterfaces() {
    String conf = "vrrp_instance LAN {\n  interface br-lan\n  virtual_router_id 51\n  priority %d\n"
        + "  virtual_ipaddress {\n    192.0.2.1/24\n    198.51.100.1/24 dev guest\n  }\n}\n";
    Adopted adopted = KeepalivedAdoption.adopt("office",
        new NodeFiles("gw-a", KeepalivedConfReader.parse(conf.formatted(150)), AddressTable.parse(IP_A
            + "4: guest    inet 198.51.100.2/24 scope global guest\n"), "/etc/keepalived/keepalived.conf"),
        new NodeFiles("gw-b", KeepalivedConfReader.parse(conf.formatted(100)), AddressTable.parse(IP_B),
            "/etc/keepalived/keepalived.conf"));
    assertThat(adopted.interfaces().get("gw-a").entries()).extracting(InventoryText.Entry::key)
        .containsExactly("br-lan", "guest");
    assertThat(adopted.notes()).anyMatch(n -> n.where().equals("nodes.interfaces.guest")
        && n.text().contains("gw-b has no address of its own there"));
  }
}
