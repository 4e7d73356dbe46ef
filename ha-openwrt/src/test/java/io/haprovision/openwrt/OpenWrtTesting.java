package io.haprovision.openwrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.Location;
import io.haprovision.inventory.Problem;
import io.haprovision.spi.Targets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fixtures for OpenWrt tests: a valid two-instance pair (LAN, WAN, a sync link) to which
 * tests append an {@code openwrt:} section, loading through the core's loader with the
 * OpenWrt platform, and locating markers in the text to compare with problem locations.
 */
final class OpenWrtTesting {
  private OpenWrtTesting() {}

  static final String FILE = "office.yml";
  static final String VRRP_PASS = "pw0ffice";
  static final String LEASE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nTESTKEYMATERIAL\n-----END OPENSSH PRIVATE KEY-----";
  static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITESTKEYtestkeyTESTKEYtestkey lease-sync";
  static final Map<String, String> ENV = Map.of("VRRP_PASS", VRRP_PASS, "LEASE_KEY", LEASE_KEY);

  /** A valid pair without an {@code openwrt:} section; the last line is the sync group's. */
  static final String BASE = """
      version: 1
      defaults:
        vrrp:
          authentication: { type: PASS, password: "${env:VRRP_PASS}" }
      pairs:
        - name: office
          platform: openwrt
          nodes:
            - name: gw-a
              role: primary
              host: 192.0.2.2
              interfaces:
                br-lan: 192.0.2.2/24
                wan: 203.0.113.18/29
                sync: 198.18.0.1/30
            - name: gw-b
              role: secondary
              host: 192.0.2.3
              interfaces:
                br-lan: 192.0.2.3/24
                wan: 203.0.113.19/29
                sync: 198.18.0.2/30
          vrrp:
            instances:
              - name: LAN
                interface: br-lan
                virtual_router_id: 51
                vips: [192.0.2.1/24]
                unicast: true
              - name: WAN
                interface: wan
                virtual_router_id: 52
                vips: [203.0.113.22/29]
                unicast: true
            track_scripts:
              - { name: wan_ping, script: "/bin/ping -c1 -W1 203.0.113.17", interval: 2, weight: 0, fall: 2, rise: 2 }
            sync_group: { name: OFFICE, instances: [LAN, WAN], track_scripts: [wan_ping] }
      """;

  /** BASE with {@code openwrt:} holding these lines (each indented by 6 spaces already). */
  static String withSection(String... sectionLines) {
    return BASE + "    openwrt:\n" + String.join("\n", sectionLines) + "\n";
  }

  /** A full section: conntrackd, DHCP with leases and lease sync, VPN, commands, sysupgrade, SNAT, the drill. */
  static final String FULL = withSection(
      "      conntrackd: { interface: sync }",
      "      dhcp:",
      "        interfaces: [lan]",
      "        static_leases:",
      "          - { name: printer, mac: \"02:00:5e:10:00:21\", ip: 192.0.2.21 }",
      "        lease_sync:",
      "          private_key: ${env:LEASE_KEY}",
      "          public_key: \"" + PUBLIC_KEY + "\"",
      "      role_hooks:",
      "        vpn_interfaces: [wg0]",
      "        commands: { master: [\"/etc/init.d/ddns start\"], backup: \"/etc/init.d/ddns stop\" }",
      "      sysupgrade: { keep: [/etc/wireguard/] }",
      "      snat: { instance: WAN }",
      "      connection_drill: { upstream: 203.0.113.17, port: 7 }");

  static InventoryLoader loader() {
    return new InventoryLoader().withTargets(Targets.of(new OpenWrtTarget())).withEnvironment(ENV)
        .withHomeDir(Path.of("/home/tester"));
  }

  static Inventory load(String yaml) {
    return loader().load(yaml, FILE, Path.of("/nonexistent-inventory-dir"));
  }

  /** Loading must fail; returns every problem. */
  static List<Problem> problems(String yaml) {
    InventoryException e = catchThrowableOfType(InventoryException.class,
        () -> loader().load(yaml, FILE, Path.of("/nonexistent-inventory-dir")));
    assertThat(e).as("loading should fail:\n" + yaml).isNotNull();
    return e.problems();
  }

  /** The one problem loading {@code yaml} reports; fails when there are none or several. */
  static Problem onlyProblem(String yaml) {
    List<Problem> all = problems(yaml);
    assertThat(all).as("exactly one problem").hasSize(1);
    return all.get(0);
  }

  /** Where the {@code occurrence}-th {@code marker} appears in {@code text}, 1-based, as the loader reports it. */
  static Location at(String text, String marker, int occurrence) {
    int index = -1;
    for (int i = 0; i < occurrence; i++) {
      index = text.indexOf(marker, index + 1);
      assertThat(index).as("text holds `" + marker + "` " + occurrence + " time(s)").isGreaterThanOrEqualTo(0);
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Location(FILE, line, index - lineStart + 1);
  }

  /** Where {@code marker} first appears. */
  static Location at(String text, String marker) {
    return at(text, marker, 1);
  }
}
