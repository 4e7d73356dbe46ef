package io.haprovision.openwrt;

import static io.haprovision.openwrt.OpenWrtTesting.BASE;
import static io.haprovision.openwrt.OpenWrtTesting.at;
import static io.haprovision.openwrt.OpenWrtTesting.onlyProblem;
import static io.haprovision.openwrt.OpenWrtTesting.withSection;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.Location;
import io.haprovision.inventory.Problem;
import org.junit.jupiter.api.Test;

/**
 * The rules that check the {@code openwrt:} section against the pair's nodes and VRRP
 * instances, one test per rule, each asserting the rule id, key path and location.
 */
class PairRulesTest {

  private static void assertProblem(Problem p, String rule, String keyPath, Location where, String messagePart) {
    assertThat(p.rule()).as(p.toString()).isEqualTo(rule);
    assertThat(p.keyPath()).as(p.toString()).isEqualTo(keyPath);
    assertThat(p.location()).as(p.toString()).isEqualTo(where);
    assertThat(p.message() + "; " + p.fix()).as(p.toString()).contains(messagePart);
  }

  private static String replace(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  @Test
  void theFullFixtureIsValid() {
    assertThat(OpenWrtTesting.load(OpenWrtTesting.FULL).pairs()).hasSize(1);
  }

  @Test
  void theSnatInstanceMustExist() {
    String yaml = withSection("      snat: { instance: WNA }");
    assertProblem(onlyProblem(yaml), "openwrt.snat-instance-unknown", "pairs[0].openwrt.snat.instance",
        at(yaml, "WNA"), "did you mean `WAN`?");
  }

  @Test
  void anIpv6SnatSourceIsRefused() {
    String yaml = withSection("      snat: { instance: WAN, sources: [\"2001:db8::/64\"] }");
    Problem p = onlyProblem(yaml);
    assertThat(p.keyPath()).isEqualTo("pairs[0].openwrt.snat.sources[0]");
    assertThat(p.message()).contains("IPv6");
  }

  @Test
  void snatDefaultsToTheOtherInstancesSubnetsAndTheWanVip() {
    var pair = OpenWrtTesting.load(withSection("      snat: { instance: WAN }")).pairs().get(0);
    var section = pair.platformSection(io.haprovision.openwrt.config.OpenWrtSection.class);
    assertThat(io.haprovision.openwrt.config.PairResolution.resolveSnat(pair, section.snat())).containsExactly(
        new io.haprovision.openwrt.config.PairResolution.ResolvedSnat("ha_snat_wan", "192.0.2.0/24", "wan",
            "203.0.113.22"));
  }

  @Test
  void aDhcpInterfaceNeedsAVrrpInstance() {
    String yaml = withSection("      dhcp: { interfaces: [guest] }");
    assertProblem(onlyProblem(yaml), "openwrt.dhcp-no-instance", "pairs[0].openwrt.dhcp.interfaces[0]",
        at(yaml, "guest"), "add `instance: NAME`");
  }

  @Test
  void aNamedInstanceMustExist() {
    String yaml = withSection("      dhcp: { interfaces: [{ interface: lan, instance: LNA }] }");
    assertProblem(onlyProblem(yaml), "openwrt.dhcp-instance-unknown", "pairs[0].openwrt.dhcp.interfaces[0].instance",
        at(yaml, "LNA"), "did you mean `LAN`?");
  }

  @Test
  void twoInstancesOnTheNetworkAreAmbiguous() {
    String yaml = replace(withSection("      dhcp: { interfaces: [lan] }"), "interface: wan\n", "interface: lan\n");
    yaml = yaml.replace("wan: 203.0.113.18/29", "lan: 203.0.113.18/29").replace("wan: 203.0.113.19/29",
        "lan: 203.0.113.19/29");
    assertProblem(onlyProblem(yaml), "openwrt.dhcp-instance-ambiguous", "pairs[0].openwrt.dhcp.interfaces[0]",
        at(yaml, "lan] }"), "LAN, WAN");
  }

  @Test
  void theGatewayAndDnsMustBeVipsOfTheInstance() {
    String gw = withSection("      dhcp: { interfaces: [{ interface: lan, gateway: 192.0.2.2 }] }");
    assertProblem(onlyProblem(gw), "openwrt.dhcp-gateway-not-vip", "pairs[0].openwrt.dhcp.interfaces[0].gateway",
        at(gw, "192.0.2.2 }"), "use one of its VIPs: 192.0.2.1");
    String dns = withSection("      dhcp: { interfaces: [{ interface: lan, dns: 203.0.113.22 }] }");
    assertProblem(onlyProblem(dns), "openwrt.dhcp-dns-not-vip", "pairs[0].openwrt.dhcp.interfaces[0].dns",
        at(dns, "203.0.113.22 }"), "not a VIP of instance LAN");
  }

  @Test
  void anInstanceWithoutIpv4VipCannotBeTheGateway() {
    String yaml = withSection("      dhcp: { interfaces: [lan] }")
        .replace("br-lan: 192.0.2.2/24", "br-lan: 2001:db8::2/64")
        .replace("br-lan: 192.0.2.3/24", "br-lan: 2001:db8::3/64")
        .replace("vips: [192.0.2.1/24]", "vips: [\"2001:db8::1/64\"]");
    assertProblem(onlyProblem(yaml), "openwrt.dhcp-no-ipv4-vip", "pairs[0].openwrt.dhcp.interfaces[0]",
        at(yaml, "lan] }"), "no IPv4 VIP");
  }

  @Test
  void aStaticLeaseMustBeInsideAServedNetwork() {
    String yaml = withSection("      dhcp: { interfaces: [lan], static_leases: [{ name: nas, mac: \"02:00:5E:10:00:22\", ip: 198.51.100.22 }] }");
    assertProblem(onlyProblem(yaml), "openwrt.lease-outside-dhcp", "pairs[0].openwrt.dhcp.static_leases[0].ip",
        at(yaml, "198.51.100.22"), "outside every network DHCP is served on (192.0.2.0/24)");
  }

  @Test
  void aStaticLeaseMustNotTakeARouterAddress() {
    String yaml = withSection("      dhcp: { interfaces: [lan], static_leases: [{ name: nas, mac: \"02:00:5E:10:00:22\", ip: 192.0.2.1 }] }");
    assertProblem(onlyProblem(yaml), "openwrt.lease-address-taken", "pairs[0].openwrt.dhcp.static_leases[0].ip",
        at(yaml, "192.0.2.1 }"), "a node address or a VIP");
  }

  @Test
  void conntrackdNeedsAnAddressOnTheSyncLink() {
    String yaml = withSection("      conntrackd: { interface: eth3 }");
    java.util.List<Problem> all = OpenWrtTesting.problems(yaml);
    assertThat(all).extracting(Problem::rule)
        .containsExactly("openwrt.conntrackd-no-address", "openwrt.conntrackd-no-address");
    assertProblem(all.get(0), "openwrt.conntrackd-no-address", "pairs[0].openwrt.conntrackd.interface",
        at(yaml, "eth3"), "node gw-a has no address on the sync link `eth3`");
    assertThat(all.get(1).message()).contains("node gw-b");
  }

  @Test
  void explicitSyncAddressesMustBeOnTheLink() {
    String yaml = withSection("      conntrackd: { addresses: { primary: 198.18.0.1, secondary: 198.18.0.9 } }");
    java.util.List<Problem> all = OpenWrtTesting.problems(yaml);
    assertThat(all).extracting(Problem::rule)
        .containsExactlyInAnyOrder("openwrt.conntrackd-address-off-link", "openwrt.conntrackd-not-same-link");
    Problem off = all.stream().filter(p -> p.rule().endsWith("off-link")).findFirst().orElseThrow();
    assertProblem(off, "openwrt.conntrackd-address-off-link", "pairs[0].openwrt.conntrackd.addresses.secondary",
        at(yaml, "198.18.0.9"), "not on the sync link sync (198.18.0.0/30)");
  }

  @Test
  void syncAddressesMustDifferAndShareAFamily() {
    String same = withSection("      conntrackd: { interface: eth3, addresses: { primary: 198.18.0.1, secondary: 198.18.0.1 } }");
    assertProblem(onlyProblem(same), "openwrt.conntrackd-same-address", "pairs[0].openwrt.conntrackd.addresses",
        at(same, "{ primary: 198"), "same address 198.18.0.1");
    String mixed = withSection("      conntrackd: { interface: eth3, addresses: { primary: 198.18.0.1, secondary: \"2001:db8::2\" } }");
    assertProblem(onlyProblem(mixed), "openwrt.conntrackd-address-family", "pairs[0].openwrt.conntrackd.addresses",
        at(mixed, "{ primary: 198"), "different IP versions");
  }

  @Test
  void aSyncAddressMustNotBeAVip() {
    String yaml = withSection("      conntrackd: { interface: eth3, addresses: { primary: 192.0.2.1, secondary: 198.18.0.2 } }");
    assertProblem(onlyProblem(yaml), "openwrt.conntrackd-address-is-vip", "pairs[0].openwrt.conntrackd.addresses",
        at(yaml, "{ primary: 192"), "is a VIP of instance LAN");
  }

  @Test
  void ownNotifyCommandsMustStillCallTheRoleHook() {
    String yaml = withSection("      dhcp: { interfaces: [lan] }").replace(
        "track_scripts: [wan_ping] }",
        "track_scripts: [wan_ping], notify: { master: \"/usr/local/bin/mine master\" } }");
    assertProblem(onlyProblem(yaml), "openwrt.notify-bypasses-role-hook", "pairs[0].vrrp.sync_group.notify",
        at(yaml, "{ master: \"/usr"), "openwrt.role_hooks.commands");
    String calling = yaml.replace("/usr/local/bin/mine master", "/usr/libexec/ha-provision/role-hook master");
    assertThat(OpenWrtTesting.load(calling).pairs()).hasSize(1);
    String idle = BASE.replace("track_scripts: [wan_ping] }",
        "track_scripts: [wan_ping], notify: { master: \"/usr/local/bin/mine master\" } }");
    assertThat(OpenWrtTesting.load(idle).pairs()).as("a hook with nothing to do need not run").hasSize(1);
  }

  @Test
  void aRoleHookWithWorkNeedsEveryInstanceInTheSyncGroup() {
    String yaml = withSection("      dhcp: { interfaces: [lan] }").replace(
        "      sync_group: { name: OFFICE, instances: [LAN, WAN], track_scripts: [wan_ping] }\n", "");
    assertProblem(onlyProblem(yaml), "openwrt.role-hook-needs-sync-group", "pairs[0].vrrp",
        at(yaml, "instances:\n"), "add `sync_group:");
  }
  @Test
  void aSyncZoneOfOurOwnOnAVrrpInterfaceIsRefused() {
    String yaml = withSection("      conntrackd: { interface: br-lan }");
    assertProblem(onlyProblem(yaml), "openwrt.firewall-sync-zone-shared", "pairs[0].openwrt.firewall.sync_zone",
        at(yaml, "conntrackd:"), "sync_zone_exists: true");
    assertThat(OpenWrtTesting.load(withSection("      conntrackd: { interface: br-lan }",
        "      firewall: { sync_zone: lan, sync_zone_exists: true }")).pairs()).hasSize(1);
  }

  @Test
  void anExistingSyncZoneMustBeNamed() {
    String yaml = withSection("      conntrackd: { interface: sync }", "      firewall: { sync_zone_exists: true }");
    assertProblem(onlyProblem(yaml), "key.missing", "pairs[0].openwrt.firewall.sync_zone", at(yaml, "{ sync_zone_e"),
        "name the zone");
  }

  @Test
  void aSyncZoneNameMustBeAZoneName() {
    String yaml = withSection("      conntrackd: { interface: sync }", "      firewall: { sync_zone: \"ha sync\" }");
    assertProblem(onlyProblem(yaml), "value.invalid", "pairs[0].openwrt.firewall.sync_zone", at(yaml, "\"ha sync\""),
        "is not a firewall zone name");
  }

  @Test
  void aNodeWithoutAnAddressOnAVrrpInterfaceIsRefusedSoEveryVrrpRuleNamesThePeer() {
    String yaml = BASE.replaceFirst(" *wan: 203\\.0\\.113\\.19/29\n", "");
    assertThat(yaml).isNotEqualTo(BASE);
    assertThat(OpenWrtTesting.problems(yaml)).anySatisfy(p -> assertProblem(p, "vrrp.interface-missing",
        "pairs[0].vrrp.instances[1].interface", p.location(), "node gw-b has no address"));
  }
}
