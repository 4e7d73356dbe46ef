package io.haprovision.openwrt;

import static io.haprovision.openwrt.OpenWrtTesting.at;
import static io.haprovision.openwrt.OpenWrtTesting.onlyProblem;
import static io.haprovision.openwrt.OpenWrtTesting.problems;
import static io.haprovision.openwrt.OpenWrtTesting.withSection;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.Location;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problem;
import io.haprovision.openwrt.config.ConntrackdSettings;
import io.haprovision.openwrt.config.OpenWrtSection;
import io.haprovision.openwrt.config.PackageManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Binding the {@code openwrt:} section: defaults, every key read, and every bad value
 * reported with its rule, key path and {@code file:line:column}, through the core's loader.
 */
class SectionBindingTest {

  private static OpenWrtSection section(String yaml) {
    PairSpec pair = OpenWrtTesting.load(yaml).pairs().get(0);
    return pair.platformSection(OpenWrtSection.class);
  }

  private static void assertProblem(Problem p, String rule, String keyPath, Location where, String messagePart) {
    assertThat(p.rule()).as(p.toString()).isEqualTo(rule);
    assertThat(p.keyPath()).as(p.toString()).isEqualTo(keyPath);
    assertThat(p.location()).as(p.toString()).isEqualTo(where);
    assertThat(p.message() + "; " + p.fix()).as(p.toString()).contains(messagePart);
  }

  @Test
  void withoutASectionEverythingIsOffButKeepalived() {
    OpenWrtSection s = section(OpenWrtTesting.BASE);
    assertThat(s.packageManager()).isEqualTo(PackageManager.AUTO);
    assertThat(s.conntrackd().enabled()).isFalse();
    assertThat(s.dhcp().managed()).isFalse();
    assertThat(s.dhcp().leaseSync().enabled()).isFalse();
    assertThat(s.roleHooks().vpnInterfaces()).isEmpty();
    assertThat(s.sysupgrade().keep()).isEmpty();
    assertThat(s.path()).isEqualTo("pairs[0].openwrt");
    assertThat(s.secrets()).isEmpty();
  }

  @Test
  void theFullSectionBindsEveryKey() {
    OpenWrtSection s = section(withSection(
        "      package_manager: apk",
        "      conntrackd:",
        "        interface: eth3",
        "        addresses: { primary: 198.18.0.1, secondary: 198.18.0.2 }",
        "        port: 3781",
        "        send_buffer: 2000000",
        "        receive_buffer: 3000000",
        "        checksum: false",
        "        hash_size: 8192",
        "        hash_limit: 65536",
        "        ignore_addresses: [198.51.100.7, 198.51.100.64/26]",
        "      dhcp:",
        "        interfaces:",
        "          - { interface: lan, section: lan_dhcp, instance: LAN, gateway: 192.0.2.1, dns: 192.0.2.1,",
        "              force: false, dhcp_options: [\"42,192.0.2.123\"] }",
        "        static_leases: [{ name: nas, mac: 02-00-5e-10-00-22, ip: 192.0.2.22 }]",
        "        lease_sync:",
        "          private_key: ${env:LEASE_KEY}",
        "          public_key: \"" + OpenWrtTesting.PUBLIC_KEY + "\"",
        "          authorized_keys: /root/.ssh/authorized_keys",
        "      role_hooks: { vpn_interfaces: wg0, commands: { fault: [\"logger -t x fault\"] } }",
        "      sysupgrade: { keep: /etc/wireguard/ }"));
    assertThat(s.packageManager()).isEqualTo(PackageManager.APK);
    ConntrackdSettings c = s.conntrackd();
    assertThat(c.enabled()).isTrue();
    assertThat(c.interfaceName()).isEqualTo("eth3");
    assertThat(c.addresses()).hasValueSatisfying(a -> {
      assertThat(a.primary()).isEqualTo("198.18.0.1");
      assertThat(a.secondary()).isEqualTo("198.18.0.2");
    });
    assertThat(List.of(c.port(), c.sendBuffer(), c.receiveBuffer(), c.hashSize(), c.hashLimit()))
        .containsExactly(3781, 2_000_000, 3_000_000, 8192, 65536);
    assertThat(c.checksum()).isFalse();
    assertThat(c.ignoreAddresses()).containsExactly("198.51.100.7", "198.51.100.64/26");
    assertThat(s.dhcp().interfaces()).singleElement().satisfies(d -> {
      assertThat(d.interfaceName()).isEqualTo("lan");
      assertThat(d.section()).isEqualTo("lan_dhcp");
      assertThat(d.instance()).contains("LAN");
      assertThat(d.force()).isFalse();
      assertThat(d.extraOptions()).containsExactly("42,192.0.2.123");
    });
    assertThat(s.dhcp().staticLeases()).singleElement().satisfies(l -> {
      assertThat(l.mac()).isEqualTo("02:00:5E:10:00:22");
      assertThat(l.sectionName()).isEqualTo("ha_nas");
    });
    assertThat(s.dhcp().leaseSync().authorizedKeys()).isEqualTo("/root/.ssh/authorized_keys");
    assertThat(s.dhcp().leaseSync().toString()).doesNotContain("TESTKEYMATERIAL");
    assertThat(s.secrets()).singleElement().satisfies(k -> assertThat(k.reveal()).isEqualTo(OpenWrtTesting.LEASE_KEY));
    assertThat(s.roleHooks().vpnInterfaces()).containsExactly("wg0");
    assertThat(s.roleHooks().fault()).containsExactly("logger -t x fault");
    assertThat(s.sysupgrade().keep()).containsExactly("/etc/wireguard/");
  }

  @Test
  void anUnknownKeySuggestsTheClosestOne() {
    String yaml = withSection("      conntrackd: { interface: sync, hash_sise: 1024 }");
    assertProblem(onlyProblem(yaml), "key.unknown", "pairs[0].openwrt.conntrackd.hash_sise",
        at(yaml, "hash_sise"), "did you mean `hash_size`?");
    String top = withSection("      dhpc: { interfaces: [lan] }");
    assertProblem(onlyProblem(top), "key.unknown", "pairs[0].openwrt.dhpc", at(top, "dhpc"), "did you mean `dhcp`?");
    String lease = withSection("      dhcp: { interfaces: [lan], static_leases: [{ name: nas, mca: x, ip: 192.0.2.9 }] }");
    assertThat(problems(lease)).anySatisfy(p -> assertProblem(p, "key.unknown",
        "pairs[0].openwrt.dhcp.static_leases[0].mca", at(lease, "mca"), "did you mean `mac`?"));
  }

  @Test
  void badValuesAreReportedWhereTheyAre() {
    String manager = withSection("      package_manager: ipkg");
    assertProblem(onlyProblem(manager), "value.invalid", "pairs[0].openwrt.package_manager", at(manager, "ipkg"),
        "auto, opkg, apk");
    String port = withSection("      conntrackd: { interface: sync, port: 70000 }");
    assertProblem(onlyProblem(port), "value.range", "pairs[0].openwrt.conntrackd.port", at(port, "70000"),
        "1..65535");
    String iface = withSection("      conntrackd: { interface: \"eth 3\" }");
    assertProblem(onlyProblem(iface), "value.invalid", "pairs[0].openwrt.conntrackd.interface",
        at(iface, "\"eth 3\""), "not an interface name");
    String ignore = withSection("      conntrackd: { ignore_addresses: [198.51.100.300] }");
    assertProblem(onlyProblem(ignore), "value.invalid", "pairs[0].openwrt.conntrackd.ignore_addresses[0]",
        at(ignore, "198.51.100.300"), "not an IP address");
    String checksum = withSection("      conntrackd: { checksum: yes please }");
    assertProblem(onlyProblem(checksum), "type.wrong", "pairs[0].openwrt.conntrackd.checksum",
        at(checksum, "yes please"), "true or false");
  }

  @Test
  void macsAndLeaseAddressesMustBeWellFormed() {
    String mac = withSection("      dhcp: { interfaces: [lan], static_leases: [{ name: nas, mac: \"02:00:5E:10:00\", ip: 192.0.2.22 }] }");
    assertProblem(onlyProblem(mac), "value.invalid", "pairs[0].openwrt.dhcp.static_leases[0].mac",
        at(mac, "\"02:00:5E:10:00\""), "not a MAC address");
    String ip = withSection("      dhcp: { interfaces: [lan], static_leases: [{ name: nas, mac: \"02:00:5E:10:00:22\", ip: 192.0.2 }] }");
    assertProblem(onlyProblem(ip), "value.invalid", "pairs[0].openwrt.dhcp.static_leases[0].ip",
        at(ip, "192.0.2 }"), "not an IP address");
    String name = withSection("      dhcp: { interfaces: [lan], static_leases: [{ name: my_nas, mac: \"02:00:5E:10:00:22\", ip: 192.0.2.22 }] }");
    assertProblem(onlyProblem(name), "value.invalid", "pairs[0].openwrt.dhcp.static_leases[0].name",
        at(name, "my_nas"), "not a host name");
    String v6 = withSection("      dhcp: { interfaces: [lan], static_leases: [{ name: nas, mac: \"02:00:5E:10:00:22\", ip: \"2001:db8::5\" }] }");
    assertProblem(onlyProblem(v6), "value.invalid", "pairs[0].openwrt.dhcp.static_leases[0].ip",
        at(v6, "\"2001:db8::5\""), "IPv6");
  }

  @Test
  void duplicateLeasesAndSectionsAreRefused() {
    String yaml = withSection(
        "      dhcp:",
        "        interfaces: [lan, lan]",
        "        static_leases:",
        "          - { name: nas, mac: \"02:00:5E:10:00:22\", ip: 192.0.2.22 }",
        "          - { name: NAS, mac: \"02:00:5e:10:00:22\", ip: 192.0.2.22 }");
    List<Problem> all = problems(yaml);
    assertThat(all).extracting(Problem::rule).containsExactly(
        "openwrt.dhcp-duplicate", "openwrt.lease-duplicate", "openwrt.lease-duplicate", "openwrt.lease-duplicate");
    assertProblem(all.get(0), "openwrt.dhcp-duplicate", "pairs[0].openwrt.dhcp.interfaces[1]", at(yaml, "lan]"),
        "listed twice");
    assertThat(all.get(1).keyPath()).isEqualTo("pairs[0].openwrt.dhcp.static_leases[1].name");
    assertThat(all.get(2).message()).contains("MAC address 02:00:5E:10:00:22");
    assertThat(all.get(3).message()).contains("192.0.2.22").contains("first at pairs[0].openwrt.dhcp.static_leases[0].ip");
  }

  @Test
  void dhcpOptionsThreeAndSixAreOwnedByTheVip() {
    String yaml = withSection("      dhcp: { interfaces: [{ interface: lan, dhcp_options: [\"3,192.0.2.254\"] }] }");
    assertProblem(onlyProblem(yaml), "openwrt.dhcp-option-managed",
        "pairs[0].openwrt.dhcp.interfaces[0].dhcp_options[0]", at(yaml, "\"3,192.0.2.254\""), "set from the VIP");
    String bad = withSection("      dhcp: { interfaces: [{ interface: lan, dhcp_options: [\"ntp 192.0.2.5\"] }] }");
    assertProblem(onlyProblem(bad), "value.invalid", "pairs[0].openwrt.dhcp.interfaces[0].dhcp_options[0]",
        at(bad, "\"ntp 192.0.2.5\""), "NUMBER,VALUE");
  }

  @Test
  void leasesAndLeaseSyncNeedADhcpInterface() {
    String leases = withSection("      dhcp: { static_leases: [{ name: nas, mac: \"02:00:5E:10:00:22\", ip: 192.0.2.22 }] }");
    assertProblem(onlyProblem(leases), "openwrt.lease-without-dhcp", "pairs[0].openwrt.dhcp.static_leases",
        at(leases, "[{ name"), "interfaces: [lan]");
    String sync = withSection("      dhcp: { lease_sync: { private_key: \"${env:LEASE_KEY}\", public_key: \""
        + OpenWrtTesting.PUBLIC_KEY + "\" } }");
    assertProblem(onlyProblem(sync), "openwrt.lease-sync-without-dhcp", "pairs[0].openwrt.dhcp.lease_sync",
        at(sync, "{ private_key"), "no DHCP interface");
  }

  @Test
  void leaseSyncNeedsAResolvableKeyAndAPublicKeyLine() {
    String missingEnv = withSection("      dhcp: { interfaces: [lan], lease_sync: { private_key: \"${env:NO_SUCH_KEY}\", public_key: \""
        + OpenWrtTesting.PUBLIC_KEY + "\" } }");
    Problem p = onlyProblem(missingEnv);
    assertThat(p.rule()).isEqualTo("secret.env-missing");
    assertThat(p.message()).contains("NO_SUCH_KEY");
    String badPub = withSection("      dhcp: { interfaces: [lan], lease_sync: { private_key: \"${env:LEASE_KEY}\", public_key: \"not a key\" } }");
    assertProblem(onlyProblem(badPub), "value.invalid", "pairs[0].openwrt.dhcp.lease_sync.public_key",
        at(badPub, "\"not a key\""), "OpenSSH public key");
    String noKey = withSection("      dhcp: { interfaces: [lan], lease_sync: { enabled: true } }");
    assertThat(problems(noKey)).extracting(Problem::rule).containsExactly("key.missing", "key.missing");
    String off = withSection("      dhcp: { interfaces: [lan], lease_sync: { enabled: false, private_key: \"${env:NO_SUCH_KEY}\" } }");
    assertThat(section(off).dhcp().leaseSync().enabled()).isFalse();
  }

  @Test
  void roleHookAndSysupgradeValuesAreChecked() {
    String vpn = withSection("      role_hooks: { vpn_interfaces: [wg0, \"wg-1\", wg0] }");
    List<Problem> all = problems(vpn);
    assertThat(all).extracting(Problem::rule).containsExactly("value.invalid", "openwrt.vpn-duplicate");
    assertProblem(all.get(0), "value.invalid", "pairs[0].openwrt.role_hooks.vpn_interfaces[1]", at(vpn, "\"wg-1\""),
        "not an OpenWrt network name");
    String cmd = withSection("      role_hooks: { commands: { master: [\"\"], standby: [x] } }");
    assertThat(problems(cmd)).extracting(Problem::rule).containsExactlyInAnyOrder("value.invalid", "key.unknown");
    String keep = withSection("      sysupgrade: { keep: [etc/wireguard] }");
    assertProblem(onlyProblem(keep), "value.invalid", "pairs[0].openwrt.sysupgrade.keep[0]", at(keep, "etc/wireguard"),
        "absolute path");
  }
}
