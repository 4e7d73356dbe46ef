package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vrrp.unicast-not-mirrored}, {@code vrrp.unicast-empty}, {@code vrrp.unicast-self}, and resolution. */
class UnicastRulesTest {
  private static final String PEERS = "pairs[0].vrrp.instances[0].unicast.peers";

  private static String explicit(String peersFlow) {
    return change(BASE, "          unicast: true\n", "          unicast:\n            peers: " + peersFlow + "\n");
  }

  @Test
  void unicastTrueDerivesSourceAndPeersFromTheNodesInterfaces() {
    VrrpInstanceSpec i = InventoryTesting.load(BASE).pairs().get(0).vrrp().instances().get(0);
    Unicast u = (Unicast) i.transport();
    assertThat(u.source()).isEqualTo(new PerNode<>("198.51.100.2", "198.51.100.3"));
    assertThat(u.peers()).isEqualTo(new PerNode<>(List.of("198.51.100.3"), List.of("198.51.100.2")));
  }

  @Test
  void noUnicastMeansTheStandardMulticastGroup() {
    VrrpInstanceSpec i = InventoryTesting.load(change(BASE, "          unicast: true\n", "")).pairs().get(0)
        .vrrp().instances().get(0);
    assertThat(i.transport()).isEqualTo(new Multicast("224.0.0.18"));
  }

  @Test
  void peerListsThatDoNotMirrorEachOtherAreRefused() {
    String yaml = explicit("{ primary: [198.51.100.3], secondary: [198.51.100.9] }");
    Problem p = assertSingleProblem(yaml, "vrrp.unicast-not-mirrored", at(yaml, "[198.51.100.9]"),
        PEERS + ".secondary");
    assertThat(p.message()).contains("198.51.100.9").contains("198.51.100.2");
  }

  @Test
  void emptyPeerListIsRefused() {
    String yaml = explicit("{ primary: [] }");
    assertSingleProblem(yaml, "vrrp.unicast-empty", at(yaml, "[]"), PEERS + ".primary");
  }

  @Test
  void aNodeListingItselfAsPeerIsRefused() {
    String yaml = explicit("{ primary: [198.51.100.3, 198.51.100.2] }");
    Problem p = assertSingleProblem(yaml, "vrrp.unicast-self", at(yaml, "[198.51.100.3, 198.51.100.2]"),
        PEERS + ".primary");
    assertThat(p.message()).contains("own address 198.51.100.2");
  }

  @Test
  void explicitSourceIsUsedAndMirroredByTheDerivedPeers() {
    String yaml = change(BASE, "          unicast: true\n",
        "          unicast:\n            source: { primary: 198.51.100.7 }\n");
    Unicast u = (Unicast) InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0).transport();
    assertThat(u.source().primary()).isEqualTo("198.51.100.7");
    assertThat(u.peers().secondary()).containsExactly("198.51.100.7");
  }

  @Test
  void unicastAndMulticastTogetherAreRefused() {
    String yaml = BASE + "          multicast: { group: 224.0.0.18 }\n";
    assertSingleProblem(yaml, "vrrp.transport-conflict", at(yaml, "{ group: 224.0.0.18 }"),
        "pairs[0].vrrp.instances[0].multicast");
  }

  @Test
  void aMulticastGroupMustBeMulticast() {
    String yaml = change(BASE, "          unicast: true\n", "          multicast: { group: 192.0.2.1 }\n");
    assertSingleProblem(yaml, "vrrp.multicast-group", at(yaml, "192.0.2.1 }"),
        "pairs[0].vrrp.instances[0].multicast.group");
  }
}
