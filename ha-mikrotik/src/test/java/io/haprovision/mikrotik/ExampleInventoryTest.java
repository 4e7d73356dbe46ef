package io.haprovision.mikrotik;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.resource.DesiredNode;
import io.haprovision.spi.Targets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** inventories/mikrotik-ccr.yml loads and validates with the platforms found on the class path. */
class ExampleInventoryTest {
  private static final List<InterfaceAddress> ALLOWED = List.of("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
      "198.18.0.0/15").stream().map(c -> InterfaceAddress.parse(c).orElseThrow()).toList();

  @Test
  void loadsAndValidatesWithDiscoveredPlatforms() {
    InventoryLoader loader = new InventoryLoader().withEnvironment(Map.of());
    assertThat(Targets.discover().names()).contains(MikrotikTarget.PLATFORM);
    Inventory inventory = loader.load(Inventories.EXAMPLE);
    assertThat(inventory.pairs()).extracting(PairSpec::name).containsExactly("ccr");
    PairSpec pair = inventory.pairs().get(0);
    assertThat(pair.platform()).isEqualTo("mikrotik");
    MikrotikSection section = pair.platformSection(MikrotikSection.class);
    assertThat(section.routerOs()).isEqualTo(7);
    assertThat(pair.vrrp().instances()).hasSize(2);
    assertThat(pair.vrrp().instances()).allSatisfy(i -> assertThat(i.vips()).hasSize(1));
    MikrotikTarget target = (MikrotikTarget) loader.targets().find("mikrotik").orElseThrow();
    for (NodeSpec node : pair.nodes()) {
      DesiredNode desired = target.desired(pair, node);
      assertThat(desired.resources()).hasSizeGreaterThan(10);
    }
  }

  @Test
  void usesOnlyDocumentationAndBenchmarkAddresses() {
    Matcher m = Pattern.compile("(?<![0-9.])([0-9]{1,3}(?:\\.[0-9]{1,3}){3})(?![0-9.])").matcher(Inventories.example());
    int found = 0;
    while (m.find()) {
      String ip = m.group(1);
      assertThat(InetAddresses.isInetAddress(ip)).as(ip).isTrue();
      assertThat(ALLOWED).as("%s lies in an allowed range", ip).anyMatch(range -> range.contains(ip));
      found++;
    }
    assertThat(found).isGreaterThan(10);
  }
}
