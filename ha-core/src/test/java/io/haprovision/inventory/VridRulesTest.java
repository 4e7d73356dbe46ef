package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.change;
import static io.haprovision.inventory.InventoryTesting.lines;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code vrrp.vrid-range} and {@code vrrp.vrid-reuse}. */
class VridRulesTest {
  private static final String VRID = "pairs[0].vrrp.instances[0].virtual_router_id";

  private static String secondInstance(String iface, int vrid, String vip, String extra) {
    return lines(
        "        - name: SECOND",
        "          interface: " + iface,
        "          virtual_router_id: " + vrid,
        "          vips: [" + vip + "]",
        "          unicast: true") + extra;
  }

  private static String secondPair(String lanPrefix, int vrid) {
    return lines(
        "  - name: branch",
        "    platform: test",
        "    nodes:",
        "      - { name: br-a, role: primary, host: 192.0.2.21, interfaces: { br-lan: " + lanPrefix + ".4/24 } }",
        "      - { name: br-b, role: secondary, host: 192.0.2.22, interfaces: { br-lan: " + lanPrefix + ".5/24 } }",
        "    vrrp:",
        "      instances:",
        "        - { name: LAN, interface: br-lan, virtual_router_id: " + vrid + ", vips: [" + lanPrefix
            + ".9/24], unicast: true }");
  }

  @Test
  void vridAbove255IsRefused() {
    String yaml = change(BASE, "virtual_router_id: 51", "virtual_router_id: 256");
    Problem p = assertSingleProblem(yaml, "vrrp.vrid-range", valueAt(yaml, "virtual_router_id: 256"), VRID);
    assertThat(p.message()).contains("256").contains("1..255");
  }

  @Test
  void vridZeroIsRefused() {
    String yaml = change(BASE, "virtual_router_id: 51", "virtual_router_id: 0");
    assertSingleProblem(yaml, "vrrp.vrid-range", valueAt(yaml, "virtual_router_id: 0"), VRID);
  }

  @Test
  void vridReusedOnTheSameSubnetWithinAPairIsRefused() {
    String yaml = BASE + secondInstance("br-lan", 51, "198.51.100.10/24", "");
    Problem p = assertSingleProblem(yaml, "vrrp.vrid-reuse", valueAt(yaml, "virtual_router_id: 51", 2),
        "pairs[0].vrrp.instances[1].virtual_router_id");
    assertThat(p.message()).contains("198.51.100.0/24").contains("instance LAN of pair office")
        .contains("inv.yml:" + valueAt(yaml, "virtual_router_id: 51").line());
  }

  @Test
  void sameVridOnAnotherSubnetIsFine() {
    String yaml = BASE + secondInstance("wan", 51, "203.0.113.4/29", "");
    assertThat(InventoryTesting.load(yaml).pairs().get(0).vrrp().instances()).hasSize(2);
  }

  @Test
  void vridReusedOnANamedSegmentIsRefusedEvenAcrossSubnets() {
    String yaml = change(BASE, "virtual_router_id: 51", "virtual_router_id: 51\n          segment: shared")
        + secondInstance("wan", 51, "203.0.113.4/29", "          segment: shared\n");
    Problem p = assertSingleProblem(yaml, "vrrp.vrid-reuse", valueAt(yaml, "virtual_router_id: 51", 2),
        "pairs[0].vrrp.instances[1].virtual_router_id");
    assertThat(p.message()).contains("segment shared");
  }

  @Test
  void vridReusedByAnotherPairOnTheSameLanIsRefused() {
    String yaml = BASE + secondPair("198.51.100", 51);
    Problem p = assertSingleProblem(yaml, "vrrp.vrid-reuse", valueAt(yaml, "virtual_router_id: 51", 2),
        "pairs[1].vrrp.instances[0].virtual_router_id");
    assertThat(p.message()).contains("pair office");
  }

  @Test
  void anotherPairOnAnotherLanMayUseTheSameVrid() {
    assertThat(InventoryTesting.load(BASE + secondPair("192.0.2", 51)).pairs()).hasSize(2);
  }
}
