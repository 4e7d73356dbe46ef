package io.haprovision.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The address plan: only the allowed ranges, no overlaps, 50 pairs and many labs fit. */
class AddressPlanTest {
  private static final List<long[]> ALLOWED = List.of(
      HostRoutes.parse("192.0.2.0/24").orElseThrow(),
      HostRoutes.parse("198.51.100.0/24").orElseThrow(),
      HostRoutes.parse("203.0.113.0/24").orElseThrow(),
      HostRoutes.parse("198.18.0.0/15").orElseThrow());

  @Test
  void twentyPairsGetDistinctAddressesInsideTheAllowedRanges() {
    Lab lab = Lab.planned(LabSpec.openwrt(AddressPlan.MAX_PAIRS), 254);
    Set<String> addresses = new HashSet<>();
    List<String> subnets = new ArrayList<>();
    for (LabPair p : lab.pairs()) {
      subnets.addAll(List.of(p.lanSubnet(), p.wanSubnet(), p.syncSubnet()));
      List<String> all = new ArrayList<>(List.of(p.lanVip(), p.clientAddress(), p.wanVip(), p.upstreamAddress(),
          p.clientManagementAddress()));
      for (LabNode n : p.nodes()) {
        all.addAll(List.of(n.managementAddress(), n.lanAddress(), n.wanAddress(), n.syncAddress()));
      }
      for (String cidr : all) {
        String address = AddressPlan.withoutPrefix(cidr);
        assertThat(addresses.add(address)).as("%s is used twice", address).isTrue();
        assertThat(HostRoutes.overlapsAny(address + "/32", ALLOWED)).as(address).isTrue();
      }
      assertThat(contains(p.lanSubnet(), p.lanVipAddress())).isTrue();
      assertThat(contains(p.lanSubnet(), AddressPlan.withoutPrefix(p.clientAddress()))).isTrue();
      assertThat(contains(p.wanSubnet(), p.wanVipAddress())).isTrue();
      assertThat(contains(p.wanSubnet(), AddressPlan.withoutPrefix(p.upstreamAddress()))).isTrue();
      assertThat(contains(p.syncSubnet(), AddressPlan.withoutPrefix(p.b().syncAddress()))).isTrue();
    }
    for (int i = 0; i < subnets.size(); i++) {
      for (int j = i + 1; j < subnets.size(); j++) {
        assertThat(HostRoutes.overlapsAny(subnets.get(i), List.of(HostRoutes.parse(subnets.get(j)).orElseThrow())))
            .as("%s overlaps %s", subnets.get(i), subnets.get(j)).isFalse();
      }
    }
    assertThat(addresses).hasSize(AddressPlan.MAX_PAIRS * 13);
  }

  @Test
  void everyManagementSlotIsItsOwnSubnetAndHoldsAllNodes() {
    for (int slot = AddressPlan.MIN_SLOT; slot <= AddressPlan.MAX_SLOT; slot++) {
      String subnet = AddressPlan.managementSubnet(slot);
      assertThat(HostRoutes.overlapsAny(subnet, ALLOWED)).isTrue();
      assertThat(contains(subnet, AddressPlan.hostAddress(slot))).isTrue();
      assertThat(contains(subnet, AddressPlan.managementAddress(slot, AddressPlan.MAX_PAIRS, true))).isTrue();
      assertThat(contains(subnet, AddressPlan.clientManagementAddress(slot, AddressPlan.MAX_PAIRS))).isTrue();
      if (slot > AddressPlan.MIN_SLOT) {
        assertThat(HostRoutes.overlapsAny(subnet,
            List.of(HostRoutes.parse(AddressPlan.managementSubnet(slot - 1)).orElseThrow()))).isFalse();
      }
    }
  }

  @Test
  void refusesPairsAndSlotsOutsideThePlan() {
    assertThatThrownBy(() -> AddressPlan.lanSubnet(51)).hasMessageContaining("outside 1..50");
    assertThatThrownBy(() -> AddressPlan.managementSubnet(0)).hasMessageContaining("outside 1..254");
    assertThatThrownBy(() -> LabSpec.openwrt(0)).hasMessageContaining("1..50 pairs");
    assertThatThrownBy(() -> new LabSpec(1, "routeros9", Optional.empty()))
        .hasMessageContaining("unknown lab personality 'routeros9'").hasMessageContaining("openwrt");
    assertThatThrownBy(() -> LabSpec.openwrt(1).withRunId("Bad-Id")).hasMessageContaining("lowercase");
  }

  @Test
  void hostRouteParsingFindsOverlaps() {
    List<long[]> host = List.of(HostRoutes.parse("198.18.0.0/15").orElseThrow());
    assertThat(HostRoutes.overlapsAny("198.18.7.0/24", host)).isTrue();
    assertThat(HostRoutes.overlapsAny("198.20.0.0/24", host)).isFalse();
    assertThat(HostRoutes.parse("default")).isEmpty();
    assertThat(HostRoutes.parse("fe80::/64")).isEmpty();
    assertThat(HostRoutes.parse("10.1.2.3").orElseThrow()).containsExactly(0x0A010203L, 0x0A010203L);
  }

  private static boolean contains(String subnet, String address) {
    return HostRoutes.overlapsAny(address + "/32", List.of(HostRoutes.parse(subnet).orElseThrow()));
  }
}
