package io.haprovision.mikrotik;

import static io.haprovision.mikrotik.Inventories.MINIMAL;
import static io.haprovision.mikrotik.Inventories.problems;
import static io.haprovision.mikrotik.Inventories.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problem;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding the {@code mikrotik:} section: defaults, and every problem with its rule, key path and line. */
class MikrotikSectionTest {

  /** The problem with {@code rule}; fails listing all problems when there is none or several. */
  static Problem only(List<Problem> problems, String rule) {
    List<Problem> matching = problems.stream().filter(p -> p.rule().equals(rule)).toList();
    assertThat(matching).as("problems with rule %s among %s", rule, problems).hasSize(1);
    return matching.get(0);
  }

  /** The 1-based line of the first line of {@code yaml} holding {@code marker}. */
  static int lineOf(String yaml, String marker) {
    List<String> lines = yaml.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line holds " + marker);
  }

  static void assertAt(Problem p, String keyPath, String yaml, String marker) {
    assertThat(p.keyPath()).isEqualTo(keyPath);
    assertThat(p.location().file()).isEqualTo("test.yml");
    assertThat(p.location().line()).as("line of %s", p).isEqualTo(lineOf(yaml, marker));
    assertThat(p.fix()).isNotBlank();
  }

  @Test
  void minimalSectionGetsTheHaMikrotikDefaults() {
    PairSpec pair = Inventories.pair(MINIMAL);
    MikrotikSection s = pair.platformSection(MikrotikSection.class);
    assertThat(s.routerOs()).isEqualTo(7);
    assertThat(s.haLink().interfaceName()).isEqualTo("ether8");
    assertThat(s.haLink().bridge()).isEqualTo("bridge-ether8");
    assertThat(s.haLink().network().cidr()).isEqualTo("169.254.23.0/24");
    assertThat(s.haLink().address().primary()).isEqualTo("169.254.23.1");
    assertThat(s.haLink().address().secondary()).isEqualTo("169.254.23.2");
    assertThat(s.haLink().addressCidr(NodeRole.SECONDARY)).isEqualTo("169.254.23.2/24");
    assertThat(s.haLink().mac().primary()).isEqualTo("00:00:5E:00:53:0A");
    Heartbeat hb = s.heartbeat();
    assertThat(hb.name()).isEqualTo("HA_VRRP");
    assertThat(hb.vrid()).isEqualTo(1);
    assertThat(hb.version()).isEqualTo(3);
    assertThat(hb.interval()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(hb.address()).isEqualTo("169.254.23.10");
    assertThat(hb.priority(NodeRole.PRIMARY)).isEqualTo(150);
    assertThat(hb.priority(NodeRole.SECONDARY)).isEqualTo(100);
    assertThat(s.bgp()).isTrue();
    assertThat(s.rescuePorts()).containsExactly("ether7");
    assertThat(s.nodeIdentity(pair.name(), NodeRole.PRIMARY)).isEqualTo("edge_HA_A");
    assertThat(s.nodeIdentity(pair.name(), NodeRole.SECONDARY)).isEqualTo("edge_HA_B");
    assertThat(s.versionPolicy().allowed().toString()).isEqualTo("7.1..7");
    assertThat(s.versionPolicy().allowUnsupported()).isFalse();
  }

  @Test
  void derivedAddressesFollowAnotherHaNetwork() {
    String yaml = replace(MINIMAL, "    ha_link:\n", "    ha_link:\n        network: 198.18.7.0/24\n");
    MikrotikSection s = Inventories.pair(yaml).platformSection(MikrotikSection.class);
    assertThat(s.haLink().address().primary()).isEqualTo("198.18.7.1");
    assertThat(s.haLink().address().secondary()).isEqualTo("198.18.7.2");
    assertThat(s.heartbeat().address()).isEqualTo("198.18.7.10");
  }

  @Test
  void unknownKeyIsRefusedWithSuggestionAtTheKey() {
    String yaml = replace(MINIMAL, "    rescue_ports: [ether7]", "    rescue_port: [ether7]");
    Problem p = only(problems(yaml), "key.unknown");
    assertAt(p, "pairs[0].mikrotik.rescue_port", yaml, "rescue_port:");
    assertThat(p.location().column()).isEqualTo(7);
    assertThat(p.fix()).contains("did you mean `rescue_ports`");
  }

  @Test
  void unknownKeyInsideHeartbeatIsRefused() {
    String yaml = MINIMAL + "      heartbeat: { vird: 5 }\n";
    Problem p = only(problems(yaml), "key.unknown");
    assertThat(p.keyPath()).isEqualTo("pairs[0].mikrotik.heartbeat.vird");
    assertThat(p.fix()).contains("`vrid`");
  }

  @Test
  void missingSectionIsRefused() {
    String yaml = MINIMAL.substring(0, MINIMAL.indexOf("    mikrotik:"));
    Problem p = only(problems(yaml), "mikrotik.section-missing");
    assertThat(p.keyPath()).isEqualTo("pairs[0].mikrotik");
    assertThat(p.message()).contains("routeros");
  }

  @Test
  void routerOsIsRequiredAndMustBeSixOrSeven() {
    String missing = replace(MINIMAL, "      routeros: 7\n", "");
    Problem p = only(problems(missing), "key.missing");
    assertThat(p.keyPath()).isEqualTo("pairs[0].mikrotik.routeros");

    String eight = replace(MINIMAL, "routeros: 7", "routeros: 8");
    Problem range = only(problems(eight), "value.range");
    assertAt(range, "pairs[0].mikrotik.routeros", eight, "routeros: 8");
    assertThat(range.fix()).contains("6..7");
  }

  @Test
  void macsAreRequiredWellFormedUnicastAndDistinct() {
    String missing = MINIMAL.substring(0, MINIMAL.indexOf("      mac:")) ;
    Problem p = only(problems(missing + "        interface: ether8\n"), "mikrotik.mac-missing");
    assertThat(p.keyPath()).isEqualTo("pairs[0].mikrotik.ha_link.mac");
    assertThat(p.fix()).contains("orig-mac-address");

    String malformed = replace(MINIMAL, "\"00:00:5E:00:53:0B\"", "\"00:00:5E:00:53\"");
    assertAt(only(problems(malformed), "mikrotik.mac-invalid"), "pairs[0].mikrotik.ha_link.mac.secondary",
        malformed, "00:00:5E:00:53\"");

    String multicast = replace(MINIMAL, "\"00:00:5E:00:53:0A\"", "\"01:00:5E:00:00:12\"");
    assertThat(only(problems(multicast), "mikrotik.mac-invalid").message()).contains("multicast");

    String duplicate = replace(MINIMAL, "\"00:00:5E:00:53:0B\"", "\"00:00:5e:00:53:0a\"");
    assertAt(only(problems(duplicate), "mikrotik.mac-duplicate"), "pairs[0].mikrotik.ha_link.mac.secondary",
        duplicate, "00:00:5e:00:53:0a");
  }

  @Test
  void haAddressesMustLieInTheNetworkAndDiffer() {
    String outside = replace(MINIMAL, "    ha_link:\n", "    ha_link:\n        address: { primary: 169.254.24.1 }\n");
    assertAt(only(problems(outside), "mikrotik.ha-address-outside"), "pairs[0].mikrotik.ha_link.address.primary",
        outside, "169.254.24.1");

    String same = replace(MINIMAL, "    ha_link:\n",
        "    ha_link:\n        address: { primary: 169.254.23.5, secondary: 169.254.23.5 }\n");
    assertThat(only(problems(same), "mikrotik.ha-address-duplicate").keyPath())
        .isEqualTo("pairs[0].mikrotik.ha_link.address");

    String broadcast = replace(MINIMAL, "    ha_link:\n", "    ha_link:\n        address: { secondary: 169.254.23.255 }\n");
    assertThat(only(problems(broadcast), "mikrotik.ha-address-reserved").keyPath())
        .isEqualTo("pairs[0].mikrotik.ha_link.address.secondary");

    String clash = MINIMAL + "      heartbeat: { address: 169.254.23.2 }\n";
    assertAt(only(problems(clash), "mikrotik.heartbeat-address-clash"), "pairs[0].mikrotik.heartbeat.address",
        clash, "heartbeat: { address");
  }

  @Test
  void haNetworkMustBeAnIpv4NetworkWithRoom() {
    String hostBits = replace(MINIMAL, "    ha_link:\n", "    ha_link:\n        network: 169.254.23.7/24\n");
    Problem p = only(problems(hostBits), "mikrotik.ha-network-host-bits");
    assertThat(p.fix()).contains("169.254.23.0/24");

    String small = replace(MINIMAL, "    ha_link:\n", "    ha_link:\n        network: 169.254.23.0/30\n");
    only(problems(small), "mikrotik.ha-network-small");

    String eight = replace(MINIMAL, "    ha_link:\n", "    ha_link:\n        network: 198.18.9.8/29\n");
    MikrotikSection s = Inventories.pair(eight).platformSection(MikrotikSection.class);
    assertThat(s.haLink().address().primary()).isEqualTo("198.18.9.9");
    assertThat(s.haLink().address().secondary()).isEqualTo("198.18.9.10");
    assertThat(s.heartbeat().address()).isEqualTo("198.18.9.11");
  }

  @Test
  void versionRangeMustMatchTheDialectAndTheSupportedSixRange() {
    String garbage = replace(MINIMAL, "    routeros: 7\n", "    routeros: 7\n      versions: seven\n");
    assertAt(only(problems(garbage), "mikrotik.versions-invalid"), "pairs[0].mikrotik.versions", garbage,
        "versions: seven");

    String wrongMajor = replace(MINIMAL, "    routeros: 7\n", "    routeros: 7\n      versions: 6.44..6.49\n");
    only(problems(wrongMajor), "mikrotik.versions-dialect");

    String backwards = replace(MINIMAL, "    routeros: 7\n", "    routeros: 7\n      versions: 7.16..7.12\n");
    only(problems(backwards), "mikrotik.versions-empty");

    String tooOld = replace(MINIMAL, "    routeros: 7\n", "    routeros: 6\n      versions: 6.40..6.49\n");
    Problem p = only(problems(tooOld), "mikrotik.versions-unsupported");
    assertThat(p.fix()).contains("allow_unsupported_version");

    String sixAll = replace(MINIMAL, "    routeros: 7\n", "    routeros: 6\n      versions: 6.44..6\n");
    only(problems(sixAll), "mikrotik.versions-unsupported");

    String overridden = replace(tooOld, "    routeros: 6\n", "    routeros: 6\n      allow_unsupported_version: true\n");
    MikrotikSection s = Inventories.pair(overridden).platformSection(MikrotikSection.class);
    assertThat(s.versionPolicy().allowed().toString()).isEqualTo("6.40..6.49");
    assertThat(s.versionPolicy().allowUnsupported()).isTrue();

    String narrowSix = replace(MINIMAL, "    routeros: 7\n", "    routeros: 6\n      versions: 6.45..6.48\n");
    assertThat(Inventories.pair(narrowSix).platformSection(MikrotikSection.class).versionPolicy().allowed().toString())
        .isEqualTo("6.45..6.48");
  }

  @Test
  void heartbeatIntervalFollowsItsVrrpVersion() {
    String v2Fraction = MINIMAL + "      heartbeat: { version: 2, interval: 0.5 }\n";
    assertThat(only(problems(v2Fraction), "mikrotik.heartbeat-interval").fix()).contains("whole seconds");

    String v3TooFine = MINIMAL + "      heartbeat: { interval: 0.005 }\n";
    only(problems(v3TooFine), "mikrotik.heartbeat-interval");

    String v3Fast = MINIMAL + "      heartbeat: { interval: 0.05 }\n";
    assertThat(Inventories.pair(v3Fast).platformSection(MikrotikSection.class).heartbeat().interval())
        .isEqualByComparingTo("0.05");

    String badVrid = MINIMAL + "      heartbeat: { vrid: 0 }\n";
    assertThat(only(problems(badVrid), "value.range").keyPath()).isEqualTo("pairs[0].mikrotik.heartbeat.vrid");
  }

  @Test
  void preferredRouterSetsHeartbeatPriorities() {
    MikrotikSection none = Inventories.pair(MINIMAL + "      heartbeat: { preferred: none }\n")
        .platformSection(MikrotikSection.class);
    assertThat(none.heartbeat().priority(NodeRole.PRIMARY)).isEqualTo(100);
    assertThat(none.heartbeat().priority(NodeRole.SECONDARY)).isEqualTo(100);
    assertThat(none.heartbeat().preempts()).isFalse();

    MikrotikSection secondary = Inventories.pair(MINIMAL + "      heartbeat: { preferred: secondary }\n")
        .platformSection(MikrotikSection.class);
    assertThat(secondary.heartbeat().priority(NodeRole.SECONDARY)).isEqualTo(150);
    assertThat(secondary.heartbeat().priority(NodeRole.PRIMARY)).isEqualTo(100);

    Problem p = only(problems(MINIMAL + "      heartbeat: { preferred: primry }\n"), "value.invalid");
    assertThat(p.fix()).contains("did you mean `primary`");
  }

  @Test
  void rescuePortsMustNotBeTheHaLinkNorRepeat() {
    String haLink = replace(MINIMAL, "rescue_ports: [ether7]", "rescue_ports: [ether7, ether8]");
    assertThat(only(problems(haLink), "mikrotik.rescue-port-ha-link").keyPath())
        .isEqualTo("pairs[0].mikrotik.rescue_ports[1]");
    String twice = replace(MINIMAL, "rescue_ports: [ether7]", "rescue_ports: [ether7, ether7]");
    only(problems(twice), "mikrotik.rescue-port-duplicate");
  }

  @Test
  void namesMustBeSafeRouterOsNames() {
    String identity = replace(MINIMAL, "    routeros: 7\n", "    routeros: 7\n      identity: \"core router\"\n");
    assertAt(only(problems(identity), "mikrotik.identity-invalid"), "pairs[0].mikrotik.identity", identity,
        "identity:");
    String bridge = replace(MINIMAL, "    ha_link:\n", "    ha_link:\n        bridge: \"ha;bridge\"\n");
    assertThat(only(problems(bridge), "mikrotik.name-invalid").keyPath()).isEqualTo("pairs[0].mikrotik.ha_link.bridge");
    String sameAsPort = replace(MINIMAL, "    ha_link:\n", "    ha_link:\n        bridge: ether8\n");
    only(problems(sameAsPort), "mikrotik.bridge-is-port");
  }

  @Test
  void everyProblemOfOneBrokenSectionIsReportedInOnePass() {
    String yaml = replace(replace(replace(MINIMAL, "routeros: 7", "routeros: 9"),
        "\"00:00:5E:00:53:0B\"", "\"00:00:5E:00:53:0A\""), "rescue_ports: [ether7]", "rescue_ports: [ether8]");
    List<Problem> all = problems(yaml);
    assertThat(all).extracting(Problem::rule)
        .contains("value.range", "mikrotik.mac-duplicate", "mikrotik.rescue-port-ha-link");
    assertThat(all).allSatisfy(p -> assertThat(p.location().line()).isPositive());
  }
}
