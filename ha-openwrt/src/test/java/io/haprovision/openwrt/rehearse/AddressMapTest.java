package io.haprovision.openwrt.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.inventory.PairSpec;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.LabSpec;
import io.haprovision.lab.rehearse.AddressMap;
import io.haprovision.lab.rehearse.AddressMap.Mapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How {@code provision rehearse} maps a real pair's addresses into a lab replica's, on the
 * example office pair (LAN 192.0.2.0/24, WAN 203.0.113.16/29 with the ISP's gateway at .17, a
 * sync cable 198.18.0.0/30) and lab pair 1 on management slot 7.
 */
class AddressMapTest {
  private static final Path EXAMPLE = Path.of("..", "inventories", "openwrt-office.yml");

  private static PairSpec office() {
    return Provisioner.builder().inventory(EXAMPLE).environment(Map.of("OFFICE_VRRP_PASS", "s3cret"))
        .build().validate().pairs().get(0);
  }

  private static LabPair labPair() {
    return Lab.planned(new LabSpec(1, "openwrt", java.util.Optional.empty()), 7).pair(1);
  }

  private static AddressMap map() throws Exception {
    return AddressMap.of(office(), labPair(), List.of(Files.readString(EXAMPLE)));
  }

  @Test
  void eachNetworkBecomesALabSegmentWithItsNodesVipsAndOtherHosts() throws Exception {
    AddressMap map = map();
    assertThat(map.mappings()).contains(
        new Mapping("192.0.2.0/24", "198.19.1.0/24", "network of br-lan"),
        new Mapping("192.0.2.2", "198.19.1.2", "gw-a on br-lan"),
        new Mapping("192.0.2.3", "198.19.1.3", "gw-b on br-lan"),
        new Mapping("203.0.113.16/29", "203.0.113.0/29", "network of wan"),
        new Mapping("203.0.113.18", "203.0.113.2", "gw-a on wan"),
        new Mapping("203.0.113.19", "203.0.113.3", "gw-b on wan"),
        new Mapping("198.18.0.0/30", "198.51.100.0/30", "network of sync"),
        new Mapping("198.18.0.1", "198.51.100.1", "gw-a on sync"),
        new Mapping("192.0.2.1", "198.19.1.1", "VIP of LAN"),
        new Mapping("203.0.113.22", "203.0.113.4", "VIP of WAN"),
        // the ISP's gateway becomes the lab's upstream host, so the default route still works
        new Mapping("203.0.113.17", "203.0.113.1", "another host on wan"),
        new Mapping("192.0.2.21", "198.19.1.20", "another host on br-lan"));
    // the nodes are reached over SSH at their LAN addresses: those map with them
    assertThat(map.labOf("192.0.2.2")).contains("198.19.1.2");
  }

  @Test
  void applyRewritesEveryAddressOnceAndGivesNetworksTheLabPrefix() throws Exception {
    AddressMap map = map();
    assertThat(map.apply("route 0.0.0.0/0 via 203.0.113.17 dev wan src 203.0.113.22"))
        .isEqualTo("route 0.0.0.0/0 via 203.0.113.1 dev wan src 203.0.113.4");
    assertThat(map.apply("option ipaddr '192.0.2.2/24'; wan 203.0.113.18/29; net 203.0.113.16/29; host 192.0.2.3/32"))
        .isEqualTo("option ipaddr '198.19.1.2/24'; wan 203.0.113.2/29; net 203.0.113.0/29; host 198.19.1.3/32");
    // 203.0.113.2 is outside the office's networks and stays; 203.0.113.18 becomes it: one pass, no chain
    assertThat(map.apply("a 203.0.113.18 b 203.0.113.19")).isEqualTo("a 203.0.113.2 b 203.0.113.3");
    // longer dotted numbers and other digits around an address are not addresses
    assertThat(map.apply("v1192.0.2.2 192.0.2.2.5 version 1.192.0.2.2")).isEqualTo("v1192.0.2.2 192.0.2.2.5 version 1.192.0.2.2");
    assertThat(map.apply("ping -c1 8.8.8.8 and 127.0.0.1")).isEqualTo("ping -c1 8.8.8.8 and 127.0.0.1");
  }

  @Test
  void addressesOutsideThePairsNetworksAreListedAsKept() throws Exception {
    AddressMap map = AddressMap.of(office(), labPair(), List.of("server=9.9.9.9\nlisten 192.0.2.2"));
    assertThat(map.kept()).containsExactly("9.9.9.9");
    assertThat(map.toText()).contains("9.9.9.9: kept as is").contains("192.0.2.2").contains("198.19.1.2  (gw-a on br-lan)");
  }

  @Test
  void interfacesNamedOtherwiseThanTheLabsLinksRenameThem() throws Exception {
    String yaml = Files.readString(EXAMPLE).replace("br-lan: 192.0.2.", "eth1: 192.0.2.").replace("interface: br-lan", "interface: eth1");
    PairSpec pair = Provisioner.builder().inventory(yaml, "eth1.yml", EXAMPLE.toAbsolutePath().getParent())
        .environment(Map.of("OFFICE_VRRP_PASS", "s3cret")).build().validate().pairs().get(0);
    AddressMap map = AddressMap.of(pair, labPair(), List.of(yaml));
    assertThat(map.renames()).containsExactly(Map.entry("br-lan", "eth1"));
    assertThat(map.mappings()).contains(new Mapping("192.0.2.2", "198.19.1.2", "gw-a on eth1"),
        new Mapping("eth1", "eth1", "interface: the lab's br-lan link, renamed"));
    assertThat(map().renames()).as("the example's names are the lab's").isEmpty();
  }
}
