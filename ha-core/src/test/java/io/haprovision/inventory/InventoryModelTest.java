package io.haprovision.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import io.haprovision.spi.TestPlatform;
import org.junit.jupiter.api.Test;

class InventoryModelTest {
  private final Inventory inventory = InventoryTesting.load(InventoryTesting.BASE);

  @Test
  void pairsAreFoundByNameAndNodesByRole() {
    PairSpec pair = inventory.pair("office").orElseThrow();
    assertThat(inventory.pair("elsewhere")).isEmpty();
    assertThat(pair.primary().name()).isEqualTo("gw-a");
    assertThat(pair.secondary().name()).isEqualTo("gw-b");
    assertThat(pair.node(NodeRole.SECONDARY)).isSameAs(pair.secondary());
    assertThat(pair.peerOf(pair.primary())).isSameAs(pair.secondary());
    assertThat(pair.peerOf(pair.secondary())).isSameAs(pair.primary());
    assertThat(pair.path()).isEqualTo("pairs[0]");
    assertThat(pair.secondary().path()).isEqualTo("pairs[0].nodes[1]");
    assertThat(pair.primary().address("br-lan")).contains(new InterfaceAddress("198.51.100.2", 24));
    assertThat(inventory.source()).isNull();
  }

  @Test
  void instanceSegmentDefaultsToTheSubnet() {
    VrrpInstanceSpec i = inventory.pairs().get(0).vrrp().instances().get(0);
    assertThat(i.segment()).isEqualTo("198.51.100.0/24");
    assertThat(inventory.pairs().get(0).vrrp().instance("LAN")).contains(i);
  }

  @Test
  void platformSectionCastsOrFailsAsABug() {
    PairSpec pair = inventory.pairs().get(0);
    assertThat(pair.platformSection(TestPlatform.Section.class)).isNotNull();
    assertThatThrownBy(() -> pair.platformSection(OtherSection.class)).isInstanceOf(InternalException.class);
  }

  private record OtherSection() implements io.haprovision.spi.PlatformSection {}

  @Test
  void perNodePicksByRole() {
    PerNode<String> p = new PerNode<>("a", "b");
    assertThat(p.of(NodeRole.PRIMARY)).isEqualTo("a");
    assertThat(p.of(NodeRole.SECONDARY)).isEqualTo("b");
    assertThat(p.same()).isFalse();
    assertThat(NodeRole.PRIMARY.other()).isEqualTo(NodeRole.SECONDARY);
  }
}
