package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code vrrp.vip-is-node-address}, {@code vrrp.vip-outside-subnet}, {@code vrrp.vip-no-prefix} and VIP shape. */
class VipRulesTest {
  private static final String VIP0 = "pairs[0].vrrp.instances[0].vips[0]";

  private static String vips(String... items) {
    StringBuilder sb = new StringBuilder();
    for (String i : items) {
      sb.append("            - ").append(i).append('\n');
    }
    return change(BASE, "            - 198.51.100.1/24\n", sb.toString());
  }

  @Test
  void vipEqualToANodeAddressIsRefused() {
    String yaml = vips("198.51.100.3/24");
    Problem p = assertSingleProblem(yaml, "vrrp.vip-is-node-address", at(yaml, "198.51.100.3/24", 2), VIP0);
    assertThat(p.message()).contains("gw-b");
  }

  @Test
  void vipOutsideTheInterfaceSubnetIsRefused() {
    String yaml = vips("198.51.101.1/24");
    Problem p = assertSingleProblem(yaml, "vrrp.vip-outside-subnet", at(yaml, "198.51.101.1/24"), VIP0);
    assertThat(p.message()).contains("gw-a's br-lan (198.51.100.2/24)").contains("gw-b's br-lan (198.51.100.3/24)");
  }

  @Test
  void vipIsCheckedAgainstItsOwnDevice() {
    String yaml = vips("198.51.100.1/24", "{ address: 203.0.113.5/29, device: wan, label: \"wan:vip\" }");
    VipSpec vip = InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0).vips().get(1);
    assertThat(vip).isEqualTo(new VipSpec("203.0.113.5", 29, Optional.of("wan"), Optional.of("wan:vip"),
        "pairs[0].vrrp.instances[0].vips[1]"));
    String wrong = vips("{ address: 198.51.100.5/24, device: wan }");
    assertSingleProblem(wrong, "vrrp.vip-outside-subnet", at(wrong, "{ address"), VIP0);
  }

  @Test
  void vipWithoutPrefixIsRefused() {
    String yaml = vips("198.51.100.1");
    Problem p = assertSingleProblem(yaml, "vrrp.vip-no-prefix", at(yaml, "198.51.100.1\n"), VIP0);
    assertThat(p.fix()).contains("198.51.100.1/24");
  }

  @Test
  void vipWithoutPrefixInAMapIsRefusedAtItsAddress() {
    String yaml = vips("{ address: 198.51.100.1 }");
    assertSingleProblem(yaml, "vrrp.vip-no-prefix", at(yaml, "198.51.100.1 }"), VIP0 + ".address");
  }

  @Test
  void labelMustStartWithItsDevice() {
    String yaml = vips("{ address: 198.51.100.1/24, label: \"lan:x\" }");
    assertSingleProblem(yaml, "vrrp.vip-label", at(yaml, "\"lan:x\""), VIP0 + ".label");
  }

  @Test
  void vipOnADeviceTheNodesLackIsRefused() {
    String yaml = vips("{ address: 198.51.100.1/24, device: eth9 }");
    java.util.List<Problem> problems = InventoryTesting.fail(yaml).problems();
    assertThat(problems).extracting(Problem::rule).containsOnly("vrrp.interface-missing");
    assertThat(problems).extracting(Problem::keyPath).containsOnly(VIP0 + ".device");
    assertThat(problems).extracting(Problem::location).containsOnly(at(yaml, "eth9"));
    assertThat(problems).extracting(Problem::message).anyMatch(m -> m.contains("gw-a")).anyMatch(m -> m.contains("gw-b"));
  }

  @Test
  void theSameVipTwiceIsRefused() {
    String yaml = vips("198.51.100.1/24", "198.51.100.1/24");
    assertSingleProblem(yaml, "vrrp.vip-duplicate", at(yaml, "198.51.100.1/24", 2),
        "pairs[0].vrrp.instances[0].vips[1]");
  }
}
