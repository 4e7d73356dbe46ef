package io.haprovision.mikrotik.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.adopt.InventoryText;
import io.haprovision.error.TargetException;
import io.haprovision.mikrotik.adopt.MikrotikImporter.RouterReading;
import io.haprovision.mikrotik.corpus.Corpus;
import io.haprovision.mikrotik.device.PrintedEntry;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.spi.PlatformImporter.Reading;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure part of RouterOS import on real exports: the corpus's two routers of a VRRP pair
 * (FoxDenHome/router, 7.12.1, 18 VRRP interfaces each) with the lines ha-mikrotik's startup
 * adds (as a terse export prints them) appended.
 */
class HaMikrotikAdoptionTest {
  /** What ha_startup adds, as /export terse prints it; %s: the router's HA address, its priority. */
  private static final String HA_MIKROTIK = """
      /interface bridge add comment=HA_AUTO name=bridge-ether8 protocol-mode=none
      /interface bridge port add bridge=bridge-ether8 comment=HA_AUTO interface=ether8
      /interface vrrp add interface=bridge-ether8 name=HA_VRRP on-backup=ha_onbackup on-master=ha_onmaster priority=%s
      /ip address add address=%s/24 comment=HA_AUTO interface=bridge-ether8 network=169.254.23.0
      /ip address add address=169.254.23.10 comment=HA_AUTO interface=HA_VRRP network=169.254.23.10
      /ip route add comment=HA_AUTO distance=250 gateway=%s
      """;

  private static RouterReading router(String node, String file, String identity, String address, String other,
      String priority, String mac) throws Exception {
    String text = Files.readString(Corpus.DIR.resolve(file)) + HA_MIKROTIK.formatted(priority, address, other);
    List<PrintedEntry> ethernet = PrintedEntry.parseAll(
        " 0     name=ether7 default-name=ether7 orig-mac-address=" + mac.replace("08", "07") + "\n"
            + " 1     name=ether8 default-name=ether8 orig-mac-address=" + mac + "\n");
    return new RouterReading(node, "admin@" + node + ":22", "7.12.1 (stable)", 7, identity, ethernet,
        RouterOsExport.parse(text), List.of("ha_startup", "ha_config_base"), List.of("ha_startup"));
  }

  @Test
  void aRealVrrpPairWithHaMikrotiksLinkBecomesTheInventorysSections() throws Exception {
    RouterReading a = router("router", "export-7.12.1-terse-vrrp-pair-a.rsc", "router_HA_A_ACTIVE", "169.254.23.1",
        "169.254.23.2", "150", "4c:5e:0c:00:01:08");
    RouterReading b = router("router-backup", "export-7.12.1-terse-vrrp-pair-b.rsc", "router_HA_B_STANDBY",
        "169.254.23.2", "169.254.23.1", "100", "4C:5E:0C:00:02:08");
    // Named in the "wrong" order: the identity says which router is A.
    Reading r = HaMikrotikAdoption.adopt("foxden", b, a);
    assertThat(r.primary()).isEqualTo("router");
    String section = InventoryText.render(List.of(), r.platformSection());
    assertThat(section).contains("routeros: 7").contains("identity: router").contains("interface: ether8")
        .contains("primary: \"4C:5E:0C:00:01:08\"").contains("secondary: \"4C:5E:0C:00:02:08\"")
        .contains("preferred: primary").contains("address: 169.254.23.10").contains("replaces: ha-mikrotik");
    String vrrp = InventoryText.render(List.of(), r.vrrp().orElseThrow());
    assertThat(vrrp.lines().filter(l -> l.strip().startsWith("- name: vrrp-"))).hasSize(18);
    // vrrp-mgmt-gateway prints no vrid (the default, 1); the others 53 and 123; both routers' priorities.
    assertThat(vrrp).contains("name: vrrp-mgmt-gateway\n    interface: vlan-mgmt\n    virtual_router_id: 1")
        .contains("virtual_router_id: 53").contains("virtual_router_id: 123")
        .contains("primary: 50").contains("secondary: 25").contains("version: 2");
    assertThat(InventoryText.render(List.of(), r.interfaces().get("router"))).contains("vlan-mgmt: 10.1.1.1/16");
    assertThat(InventoryText.render(List.of(), r.interfaces().get("router-backup"))).contains("vlan-mgmt: 10.1.1.3/16");
    assertThat(r.notes()).anyMatch(n -> n.text().contains("grouped under vrrp-mgmt-dns (group-authority)"));
    assertThat(r.secrets()).isEmpty();
    assertThat(r.notes()).anyMatch(n -> n.text().contains("ha-provision leaves it as it is"));
  }

  @Test
  void aPairWithoutHaMikrotiksLinkIsRefusedWithTheReason() throws Exception {
    RouterReading plain = new RouterReading("router", "admin@router:22", "7.12.1 (stable)", 7, "router", List.of(),
        RouterOsExport.parse(Files.readString(Corpus.DIR.resolve("export-7.12.1-terse-vrrp-pair-a.rsc"))), List.of(),
        List.of());
    assertThatThrownBy(() -> HaMikrotikAdoption.adopt("foxden", plain, plain))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("node router has no bridge port commented HA_AUTO")
        .hasMessageContaining("HA_init.rsc");
  }
}
