package io.haprovision.mikrotik;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problem;
import io.haprovision.spi.Targets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads test inventories through the real loader with only this platform installed. */
final class Inventories {
  /** The example inventory shipped in the repository. */
  static final Path EXAMPLE = Path.of("..", "inventories", "mikrotik-ccr.yml");

  /** A small valid pair; tests replace parts of it to break one rule at a time. */
  static final String MINIMAL = """
      version: 1
      pairs:
        - name: edge
          platform: mikrotik
          nodes:
            - name: rtr-a
              role: primary
              host: 192.0.2.31
              interfaces:
                ether1: 198.51.100.2/24
            - name: rtr-b
              role: secondary
              host: 192.0.2.32
              interfaces:
                ether1: 198.51.100.3/24
          vrrp:
            instances:
              - name: LAN
                interface: ether1
                virtual_router_id: 42
                vips: [198.51.100.1/24]
          mikrotik:
            routeros: 7
            rescue_ports: [ether7]
            ha_link:
              mac:
                primary: "00:00:5E:00:53:0A"
                secondary: "00:00:5E:00:53:0B"
      """;

  private Inventories() {}

  static InventoryLoader loader() {
    return new InventoryLoader().withTargets(Targets.of(new MikrotikTarget())).withEnvironment(Map.of());
  }

  static Inventory load(String yaml) {
    return loader().load(yaml, "test.yml", null);
  }

  static PairSpec pair(String yaml) {
    return load(yaml).pairs().get(0);
  }

  static String example() {
    try {
      return Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every problem loading {@code yaml} reports; fails when it loads. */
  static List<Problem> problems(String yaml) {
    InventoryException[] caught = new InventoryException[1];
    assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(InventoryException.class, e -> caught[0] = e);
    return caught[0].problems();
  }

  /** {@code text} with {@code from} replaced once; fails the test when {@code from} is not there. */
  static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new AssertionError("test inventory does not contain: " + from);
    }
    return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }
}
