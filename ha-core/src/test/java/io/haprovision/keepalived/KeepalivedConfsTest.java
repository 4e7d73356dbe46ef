package io.haprovision.keepalived;

import static io.haprovision.keepalived.InventoryFixtures.GW_A;
import static io.haprovision.keepalived.InventoryFixtures.GW_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import io.haprovision.inventory.Multicast;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VrrpSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KeepalivedConfsTest {

  private static final PairSpec OFFICE = InventoryFixtures.officeWithSyncGroup();

  @Test
  void primaryGetsItsOwnSettingsAndUnicastView() {
    KeepalivedConf conf = KeepalivedConfs.forNode(OFFICE, GW_A, KeepalivedOptions.defaults());

    assertThat(conf.globalDefs().routerId()).isEqualTo("gw-a");
    VrrpInstance lan = conf.instances().get(0);
    assertThat(lan.name()).isEqualTo("LAN");
    assertThat(lan.state()).isEqualTo(VrrpState.MASTER);
    assertThat(lan.priority()).isEqualTo(150);
    assertThat(lan.advertInt()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(lan.version()).isEqualTo(2);
    assertThat(lan.unicastSrcIp()).contains("192.168.1.2");
    assertThat(lan.unicastPeers()).containsExactly("192.168.1.3");
    assertThat(lan.authentication()).hasValueSatisfying(a -> {
      assertThat(a.type()).isEqualTo(Authentication.AuthType.PASS);
      assertThat(a.password()).isSameAs(InventoryFixtures.PASSWORD);
    });
    assertThat(lan.virtualIps()).extracting(VirtualIp::address).containsExactly("192.168.1.1/24", "192.168.1.53/24");
    assertThat(lan.virtualIps().get(1).label()).contains("br-lan:dns");
    assertThat(lan.garp().masterDelay()).isEqualTo(OptionalInt.of(5));
    assertThat(conf.holdsSecret()).isTrue();
  }

  @Test
  void secondaryGetsTheMirroredView() {
    KeepalivedConf conf = KeepalivedConfs.forNode(OFFICE, GW_B, KeepalivedOptions.defaults());

    assertThat(conf.globalDefs().routerId()).isEqualTo("gw-b");
    VrrpInstance lan = conf.instances().get(0);
    assertThat(lan.state()).isEqualTo(VrrpState.BACKUP);
    assertThat(lan.priority()).isEqualTo(100);
    assertThat(lan.unicastSrcIp()).contains("192.168.1.3");
    assertThat(lan.unicastPeers()).containsExactly("192.168.1.2");
    VrrpInstance wan = conf.instances().get(1);
    assertThat(wan.unicastSrcIp()).contains("203.0.113.3");
    assertThat(wan.unicastPeers()).containsExactly("203.0.113.2");
    assertThat(wan.virtualRoutes()).containsExactly(new VirtualRoute("0.0.0.0/0", Optional.of("203.0.113.1"),
        Optional.of("wan"), Optional.of("203.0.113.10")));
  }

  @Test
  void inventoryScriptsSyncGroupAndNotifyAreKeptByDefault() {
    KeepalivedConf conf = KeepalivedConfs.forNode(OFFICE, GW_A, KeepalivedOptions.defaults());

    assertThat(conf.scripts()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("wan_ping");
      assertThat(s.weight()).isEqualTo(OptionalInt.of(-30));
      assertThat(s.timeout()).isEqualTo(OptionalInt.of(2));
    });
    SyncGroup group = conf.syncGroup().orElseThrow();
    assertThat(group.instances()).containsExactly("LAN", "WAN");
    assertThat(group.trackScripts()).containsExactly("wan_ping");
    assertThat(group.notifyCommands().master()).contains("/usr/local/bin/group-notify master");
    assertThat(conf.instances().get(0).notifyCommands().master()).contains("/usr/local/bin/lan-notify master");
    assertThat(conf.instances().get(1).notifyCommands()).isEqualTo(Notify.NONE);
  }

  @Test
  void platformNotifyGoesOnTheSyncGroupOnlyWhenThereIsOne() {
    Notify hook = new Notify(Optional.of("/usr/libexec/ha/role master"), Optional.of("/usr/libexec/ha/role backup"),
        Optional.of("/usr/libexec/ha/role fault"), Optional.of("/usr/libexec/ha/role stop"), Optional.empty());
    KeepalivedConf conf = KeepalivedConfs.forNode(OFFICE, GW_A, KeepalivedOptions.defaults().withNotifyCommands(hook));

    assertThat(conf.syncGroup().orElseThrow().notifyCommands()).isEqualTo(hook);
    assertThat(conf.instances()).allSatisfy(i -> assertThat(i.notifyCommands()).isEqualTo(Notify.NONE));
  }

  @Test
  void platformNotifyGoesOnEveryInstanceWithoutSyncGroup() {
    Notify program = Notify.generic("/usr/local/lib/ha-provision/bonder-notify");
    KeepalivedConf conf = KeepalivedConfs.forNode(InventoryFixtures.shopMulticast(Multicast.DEFAULT_GROUP), GW_B,
        KeepalivedOptions.defaults().withNotifyCommands(program));

    assertThat(conf.syncGroup()).isEmpty();
    assertThat(conf.instances()).allSatisfy(i -> assertThat(i.notifyCommands()).isEqualTo(program));
    assertThat(KeepalivedRenderer.render(conf))
        .contains("    notify \"/usr/local/lib/ha-provision/bonder-notify\"\n")
        .doesNotContain("lan-notify");
  }

  @Test
  void vipsCanBeDropped() {
    KeepalivedConf conf = KeepalivedConfs.forNode(OFFICE, GW_A, KeepalivedOptions.defaults().withoutVips());

    assertThat(conf.instances()).allSatisfy(i -> assertThat(i.virtualIps()).isEmpty());
    assertThat(KeepalivedRenderer.render(conf)).doesNotContain("virtual_ipaddress");
  }

  @Test
  void extraScriptsAreTrackedByTheSyncGroupOrByEachInstance() {
    VrrpScript nodePing = VrrpScript.of("bond_node_ping", "/usr/local/bin/bondsh node ping", 5);
    KeepalivedOptions options = KeepalivedOptions.defaults().withExtraScript(nodePing);

    KeepalivedConf grouped = KeepalivedConfs.forNode(OFFICE, GW_A, options);
    assertThat(grouped.scripts()).extracting(VrrpScript::name).containsExactly("wan_ping", "bond_node_ping");
    assertThat(grouped.syncGroup().orElseThrow().trackScripts()).containsExactly("wan_ping", "bond_node_ping");
    assertThat(grouped.instances()).allSatisfy(i -> assertThat(i.trackScripts()).doesNotContain("bond_node_ping"));

    KeepalivedConf single = KeepalivedConfs.forNode(InventoryFixtures.shopMulticast(Multicast.DEFAULT_GROUP), GW_A,
        options);
    assertThat(single.instances().get(0).trackScripts()).containsExactly("wan_ping", "bond_node_ping");
  }

  @Test
  void multicastRendersTheGroupInGlobalDefs() {
    KeepalivedConf conf = KeepalivedConfs.forNode(InventoryFixtures.shopMulticast("224.0.0.19"), GW_A,
        KeepalivedOptions.defaults().withReloadCheckConfig(true));

    assertThat(conf.globalDefs().vrrpMcastGroup4()).contains("224.0.0.19");
    assertThat(conf.instances().get(0).unicastPeers()).isEmpty();
    assertThat(conf.instances().get(0).unicastSrcIp()).isEmpty();
    String text = KeepalivedRenderer.render(conf);
    assertThat(text).contains("    vrrp_mcast_group4 224.0.0.19\n").contains("    reload_check_config\n")
        .doesNotContain("unicast");
  }

  @Test
  void unicastPairsRenderNoMulticastGroup() {
    KeepalivedConf conf = KeepalivedConfs.forNode(OFFICE, GW_A, KeepalivedOptions.defaults());
    assertThat(conf.globalDefs().vrrpMcastGroup4()).isEmpty();
    assertThat(KeepalivedRenderer.render(conf)).doesNotContain("vrrp_mcast_group");
  }

  @Test
  void twoMulticastGroupsCannotBeRendered() {
    PairSpec one = InventoryFixtures.shopMulticast("224.0.0.18");
    PairSpec both = new PairSpec(one.name(), one.platform(), one.nodes(), new VrrpSpec(
        List.of(one.vrrp().instances().get(0), InventoryFixtures.wan(new Multicast("224.0.0.19"))),
        one.vrrp().trackScripts(), Optional.empty()), null, one.path(), one.verify());

    assertThatThrownBy(() -> KeepalivedConfs.forNode(both, GW_A, KeepalivedOptions.defaults()))
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("one group per address family");
  }

  @Test
  void aNodeOfAnotherPairIsRefused() {
    assertThatThrownBy(() -> KeepalivedConfs.forNode(OFFICE,
        InventoryFixtures.node("stranger", NodeRole.PRIMARY, "192.168.1.9/24", "203.0.113.9/29"),
        KeepalivedOptions.defaults()))
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("stranger is not a node of pair office");
  }

  @Test
  void renderedPairMatchesGolden() {
    Golden.assertMatches(KeepalivedRenderer.render(KeepalivedConfs.forNode(OFFICE, GW_A, KeepalivedOptions.defaults())),
        "office-gw-a.conf");
    Golden.assertMatches(KeepalivedRenderer.render(KeepalivedConfs.forNode(OFFICE, GW_B, KeepalivedOptions.defaults())),
        "office-gw-b.conf");
  }
}
