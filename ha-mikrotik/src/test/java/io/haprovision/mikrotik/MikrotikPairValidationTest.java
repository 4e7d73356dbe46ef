package io.haprovision.mikrotik;

import static io.haprovision.mikrotik.Inventories.MINIMAL;
import static io.haprovision.mikrotik.Inventories.problems;
import static io.haprovision.mikrotik.Inventories.replace;
import static io.haprovision.mikrotik.MikrotikSectionTest.assertAt;
import static io.haprovision.mikrotik.MikrotikSectionTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.Problem;
import org.junit.jupiter.api.Test;

/** What RouterOS pairs refuse beyond the core's VRRP rules, each with its own rule id and place. */
class MikrotikPairValidationTest {

  @Test
  void aPairWithoutServiceVrrpIsCompleteAndItsRouterOnlyGetsTheHeartbeat() {
    String yaml = replace(replace(MINIMAL, "    vrrp:\n      instances:\n        - name: LAN\n          interface: ether1\n"
        + "          virtual_router_id: 42\n          vips: [198.51.100.1/24]\n", ""),
        "      rescue_ports: [ether7]\n", "      rescue_ports: [ether7]\n      replaces: ha-mikrotik\n");
    io.haprovision.inventory.PairSpec pair = Inventories.pair(yaml); // loads and validates, or throws
    assertThat(pair.vrrp().instances()).isEmpty();
    java.util.List<String> ids = MikrotikDesiredState.forNode(pair, pair.primary()).resources().stream()
        .map(r -> r.id().key()).toList();
    assertThat(ids).contains("/interface vrrp name=HA_VRRP", "/system scheduler name=ha_startup",
        "/system script name=ha_config_base").noneMatch(id -> id.startsWith("/interface vrrp name=LAN"));
  }

  @Test
  void unicastIsRefusedBecauseRouterOsVrrpIsMulticastOnly() {
    String yaml = replace(MINIMAL, "          vips: [198.51.100.1/24]\n",
        "          vips: [198.51.100.1/24]\n          unicast: true\n");
    assertAt(only(problems(yaml), "mikrotik.vrrp-unicast"), "pairs[0].vrrp.instances[0].unicast", yaml, "unicast:");
  }

  @Test
  void keepalivedOnlyFeaturesAreRefusedEachAtItsKey() {
    String yaml = replace(MINIMAL, "          vips: [198.51.100.1/24]\n", """
                  vips: [198.51.100.1/24]
                  track_interfaces: [ether1]
                  virtual_routes:
                    - { to: 0.0.0.0/0, via: 198.51.100.254 }
                  notify: { master: /usr/local/bin/x }
        """);
    assertThat(problems(yaml)).filteredOn(p -> p.rule().equals("mikrotik.vrrp-feature-unsupported"))
        .extracting(Problem::keyPath)
        .containsExactlyInAnyOrder("pairs[0].vrrp.instances[0].track_interfaces",
            "pairs[0].vrrp.instances[0].virtual_routes", "pairs[0].vrrp.instances[0].notify");
  }

  @Test
  void vipLabelAndForeignDeviceAreRefused() {
    String label = replace(MINIMAL, "vips: [198.51.100.1/24]", "vips: [{ address: 198.51.100.1/24, label: \"ether1:gw\" }]");
    assertAt(only(problems(label), "mikrotik.vip-label"), "pairs[0].vrrp.instances[0].vips[0]", label, "label:");

    String device = replace(replace(replace(MINIMAL,
        "ether1: 198.51.100.2/24", "ether1: 198.51.100.2/24\n          ether3: 203.0.113.2/29"),
        "ether1: 198.51.100.3/24", "ether1: 198.51.100.3/24\n          ether3: 203.0.113.3/29"),
        "vips: [198.51.100.1/24]", "vips: [198.51.100.1/24, { address: 203.0.113.1/29, device: ether3 }]");
    Problem p = only(problems(device), "mikrotik.vip-device");
    assertThat(p.keyPath()).isEqualTo("pairs[0].vrrp.instances[0].vips[1]");
    assertThat(p.message()).contains("/32 on its VRRP interface");
  }

  @Test
  void ipv6VipIsRefused() {
    String yaml = replace(replace(replace(MINIMAL,
        "ether1: 198.51.100.2/24", "ether1: 2001:db8::2/64"),
        "ether1: 198.51.100.3/24", "ether1: 2001:db8::3/64"),
        "vips: [198.51.100.1/24]", "vips: [\"2001:db8::1/64\"]");
    assertThat(only(problems(yaml), "mikrotik.vip-ipv6").keyPath()).isEqualTo("pairs[0].vrrp.instances[0].vips[0]");
  }

  @Test
  void serviceInstanceMustStayOffTheHaLink() {
    String yaml = replace(replace(replace(MINIMAL,
        "ether1: 198.51.100.2/24", "ether8: 198.51.100.2/24"),
        "ether1: 198.51.100.3/24", "ether8: 198.51.100.3/24"),
        "interface: ether1", "interface: ether8");
    var all = problems(yaml);
    assertThat(only(all, "mikrotik.vrrp-on-ha-link").keyPath()).isEqualTo("pairs[0].vrrp.instances[0].interface");
    assertThat(all).filteredOn(p -> p.rule().equals("mikrotik.interface-is-ha-link")).extracting(Problem::keyPath)
        .containsExactlyInAnyOrder("pairs[0].nodes[0].interfaces.ether8", "pairs[0].nodes[1].interfaces.ether8");
  }

  @Test
  void instanceNamedLikeTheHeartbeatIsRefused() {
    String yaml = replace(MINIMAL, "- name: LAN", "- name: HA_VRRP");
    assertAt(only(problems(yaml), "mikrotik.name-clash"), "pairs[0].vrrp.instances[0].name", yaml, "name: HA_VRRP");
  }

  @Test
  void serviceSubnetOverlappingTheHaNetworkIsRefused() {
    String yaml = replace(replace(replace(MINIMAL,
        "ether1: 198.51.100.2/24", "ether1: 169.254.0.2/16"),
        "ether1: 198.51.100.3/24", "ether1: 169.254.0.3/16"),
        "vips: [198.51.100.1/24]", "vips: [169.254.0.1/16]");
    assertThat(problems(yaml)).filteredOn(p -> p.rule().equals("mikrotik.ha-network-overlap")).hasSize(2);
  }

  @Test
  void sshThroughAPortTheBackupDisablesIsRefusedUnlessItIsARescuePort() {
    String yaml = replace(MINIMAL, "host: 192.0.2.32", "host: 198.51.100.3");
    Problem p = only(problems(yaml), "mikrotik.ssh-through-traffic-port");
    assertAt(p, "pairs[0].nodes[1].host", yaml, "host: 198.51.100.3");
    assertThat(p.fix()).contains("rescue_ports").contains("169.254.23.2");

    String rescued = replace(yaml, "rescue_ports: [ether7]", "rescue_ports: [ether7, ether1]");
    assertThat(Inventories.load(rescued).pairs()).hasSize(1);
  }

  @Test
  void vrrpV3WithAuthenticationIsRefusedByTheCoreForMikrotikToo() {
    String yaml = replace(MINIMAL, "          vips: [198.51.100.1/24]\n",
        "          vips: [198.51.100.1/24]\n          version: 3\n"
            + "          authentication: { type: PASS, password: secret1 }\n");
    assertThat(problems(yaml)).extracting(Problem::rule).contains("vrrp.auth-with-v3");
  }
}
