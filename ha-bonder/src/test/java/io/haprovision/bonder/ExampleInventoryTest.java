package io.haprovision.bonder;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import io.haprovision.error.InventoryException;
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

/** inventories/bonder-pair.yml loads and validates with the platforms found on the class path. */
class ExampleInventoryTest {
  private static final List<InterfaceAddress> ALLOWED = List.of("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
      "198.18.0.0/15").stream().map(c -> InterfaceAddress.parse(c).orElseThrow()).toList();

  @Test
  void loadsAndValidatesWithDiscoveredPlatformsAndTheEnvironmentGiven() {
    assertThat(Targets.discover().names()).contains(BonderTarget.PLATFORM);
    InventoryLoader loader = new InventoryLoader().withEnvironment(Map.of("BONDER_API_PASSWORD", "example-pass"));
    Inventory inventory = loader.load(Inventories.EXAMPLE);
    PairSpec pair = inventory.pairs().get(0);
    assertThat(pair.name()).isEqualTo("bonders");
    BonderSection section = pair.platformSection(BonderSection.class);
    assertThat(section.api().password().origin()).isEqualTo("env:BONDER_API_PASSWORD");
    assertThat(inventory.secrets()).contains(section.api().password());
    BonderTarget target = (BonderTarget) loader.targets().find("bonder").orElseThrow();
    for (NodeSpec node : pair.nodes()) {
      DesiredNode desired = target.desired(pair, node);
      assertThat(desired.resources()).as("with the connected-IP hook, the default start").hasSize(9);
    }
  }

  @Test
  void thePasswordComesOnlyFromTheEnvironment() {
    assertThat(Inventories.example()).contains("password: ${env:BONDER_API_PASSWORD}");
    InventoryException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> new InventoryLoader().withEnvironment(Map.of()).load(Inventories.EXAMPLE), InventoryException.class);
    assertThat(e.problems()).extracting(p -> p.rule()).containsExactly("secret.env-missing");
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
    assertThat(found).isGreaterThan(3);
  }
}
