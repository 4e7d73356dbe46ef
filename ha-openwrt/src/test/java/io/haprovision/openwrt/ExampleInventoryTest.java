package io.haprovision.openwrt;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.openwrt.config.OpenWrtSection;
import io.haprovision.openwrt.config.PackageManager;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** inventories/openwrt-office.yml loads through the full loader (platforms discovered) and renders. */
class ExampleInventoryTest {
  private static final Path EXAMPLE = Path.of("..", "inventories", "openwrt-office.yml");
  private static final String PASSWORD = "0ffice9x";

  private static Inventory load() {
    return new InventoryLoader().withEnvironment(Map.of("OFFICE_VRRP_PASS", PASSWORD)).load(EXAMPLE);
  }

  @Test
  void theOpenWrtPlatformIsDiscovered() {
    assertThat(Targets.discover().find("openwrt")).get().isInstanceOf(OpenWrtTarget.class);
  }

  @Test
  void loadsAndBindsEverySectionOfTheExample() {
    Inventory inventory = load();
    PairSpec office = inventory.pair("office").orElseThrow();
    OpenWrtSection s = office.platformSection(OpenWrtSection.class);
    assertThat(s.packageManager()).isEqualTo(PackageManager.AUTO);
    assertThat(s.conntrackd().enabled()).isTrue();
    assertThat(s.conntrackd().interfaceName()).isEqualTo("sync");
    assertThat(s.dhcp().interfaces()).singleElement().satisfies(d -> {
      assertThat(d.section()).isEqualTo("lan");
      assertThat(d.gateway()).contains("192.0.2.1");
    });
    assertThat(s.dhcp().staticLeases()).extracting(l -> l.name() + "=" + l.mac() + "=" + l.ip())
        .containsExactly("printer=02:00:5E:10:00:21=192.0.2.21", "nas=02:00:5E:10:00:22=192.0.2.22");
    assertThat(s.dhcp().leaseSync().enabled()).isFalse();
    assertThat(s.roleHooks().vpnInterfaces()).containsExactly("wg0");
    assertThat(s.roleHooks().master()).containsExactly("/etc/init.d/ddns start");
    assertThat(s.sysupgrade().keep()).containsExactly("/etc/wireguard/");
    assertThat(inventory.secrets()).extracting(x -> x.reveal()).contains(PASSWORD);
  }

  @Test
  void everyNodeRendersAsTheGoldenFilesSay() {
    Inventory inventory = load();
    PairSpec office = inventory.pair("office").orElseThrow();
    Target target = Targets.discover().find(office.platform()).orElseThrow();
    for (NodeSpec node : office.nodes()) {
      DesiredNode desired = target.desired(office, node);
      String text = DesiredText.render(desired, inventory.secrets());
      assertThat(text).doesNotContain(PASSWORD);
      Golden.assertMatches(text, "openwrt-office/" + node.name() + ".txt");

      FileResource conf = desired.resources().stream()
          .filter(r -> r instanceof FileResource f && f.path().equals(OpenWrtPaths.KEEPALIVED_CONF))
          .map(FileResource.class::cast).findFirst().orElseThrow();
      assertThat(conf.sensitive()).as("keepalived.conf holds the VRRP password").isTrue();
      assertThat(conf.mode()).isEqualTo("0600");
      assertThat(conf.content()).contains("auth_pass " + PASSWORD)
          .contains("notify_master \"/usr/libexec/ha-provision/role-hook master\"");
    }
  }

  @Test
  void renderingIsDeterministic() {
    PairSpec office = load().pair("office").orElseThrow();
    OpenWrtTarget target = new OpenWrtTarget();
    for (NodeSpec node : office.nodes()) {
      assertThat(target.desired(office, node)).isEqualTo(target.desired(load().pair("office").orElseThrow(),
          load().pair("office").orElseThrow().node(node.role())));
    }
  }
}
