package io.haprovision.bonder;

import static io.haprovision.bonder.Inventories.assertAt;
import static io.haprovision.bonder.Inventories.example;
import static io.haprovision.bonder.Inventories.only;
import static io.haprovision.bonder.Inventories.problems;
import static io.haprovision.bonder.Inventories.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.error.InventoryException;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problem;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding the {@code bonder:} section: defaults, and every problem with its rule, key path and line. */
class BonderSectionTest {

  /** The example with its optional API keys removed, to see the defaults. */
  private static String minimal() {
    String yaml = example();
    for (String key : new String[] {"        port: 443", "        verify_tls: true", "        timeout: 10s",
        "        attempts: 3", "        attempt_delay: 5s", "        preflight: true", "      track_command: bondsh node ping",
        "      track_interval: 2", "      keepalived_start: connected-ip-hook", "        version: auto"}) {
      int start = yaml.indexOf(key);
      yaml = yaml.substring(0, start) + yaml.substring(yaml.indexOf('\n', start) + 1);
    }
    return yaml;
  }

  @Test
  void defaultsFollowTheBonderFacts() {
    BonderSection s = Inventories.pair(minimal()).platformSection(BonderSection.class);
    ManagementApi api = s.api();
    assertThat(api.baseUrl()).isEqualTo("https://198.51.100.20");
    assertThat(api.verifyTls()).isTrue();
    assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(api.attempts()).isEqualTo(3);
    assertThat(api.attemptDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(api.password().reveal()).isEqualTo(Inventories.PASSWORD);
    assertThat(api.toString()).doesNotContain(Inventories.PASSWORD);
    assertThat(s.trackCommand()).isEqualTo("bondsh node ping");
    assertThat(s.trackInterval()).isEqualTo(2);
    assertThat(s.keepalivedStart()).as("issue 18: started by bonding's connected-IP hook by default")
        .isEqualTo(KeepalivedStart.CONNECTED_IP_HOOK);
    assertThat(api.version()).as("issue 18: the current version the server offers").isEqualTo(ApiVersion.AUTO);
    assertThat(s.secrets()).containsExactly(api.password());
    assertThat(api.preflight()).isTrue();
    assertThat(api.controlCaFile()).isEmpty();
    Bond a = s.bonds().primary();
    assertThat(a.id()).isEqualTo("12");
    assertThat(a.connectedIps()).containsExactly("101", "102");
    assertThat(a.objects()).containsExactly("connected_ips/101", "connected_ips/102", "routes/201", "routes/202",
        "cpe_nat_ips/301");
  }

  @Test
  void controlCaFileIsAReadableFileOnTheControlHost(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path ca = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    String ok = replace(example(), "        verify_tls: true", "        control_ca_file: " + ca + "\n        verify_tls: true");
    assertThat(Inventories.pair(ok).platformSection(BonderSection.class).api().controlCaFile()).contains(ca);
    String missing = replace(example(), "        verify_tls: true",
        "        control_ca_file: " + dir.resolve("nope.pem") + "\n        verify_tls: true");
    Problem p = only(problems(missing), "bonder.control-ca-file-unreadable");
    assertAt(p, "pairs[0].bonder.api.control_ca_file", missing, "nope.pem");
  }

  @Test
  void preflightCanBeTurnedOff() {
    String yaml = replace(example(), "preflight: true", "preflight: false");
    assertThat(Inventories.pair(yaml).platformSection(BonderSection.class).api().preflight()).isFalse();
  }

  @Test
  void idListsMayBeCommaSeparatedOrEmpty() {
    String yaml = replace(replace(example(), "connected_ips: [101, 102]", "connected_ips: \"101, 102\""),
        "cpe_nat_ips: [301]", "cpe_nat_ips: \"\"");
    Bond a = Inventories.pair(yaml).platformSection(BonderSection.class).bonds().primary();
    assertThat(a.connectedIps()).containsExactly("101", "102");
    assertThat(a.cpeNatIps()).isEmpty();
  }

  @Test
  void unknownKeyIsRefusedWithSuggestion() {
    String yaml = replace(example(), "verify_tls: true", "verify_tsl: true");
    Problem p = only(problems(yaml), "key.unknown");
    assertAt(p, "pairs[0].bonder.api.verify_tsl", yaml, "verify_tsl");
    assertThat(p.fix()).contains("did you mean `verify_tls`");
  }

  @Test
  void missingSectionIsRefused() {
    String yaml = example().substring(0, example().indexOf("    bonder:"));
    assertThat(only(problems(yaml), "bonder.section-missing").keyPath()).isEqualTo("pairs[0].bonder");
  }

  @Test
  void missingPasswordVariableNamesTheVariableOnly() {
    InventoryException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> Inventories.loader().withEnvironment(Map.of()).load(example(), "test.yml", null),
        InventoryException.class);
    Problem p = only(e.problems(), "secret.env-missing");
    assertThat(p.keyPath()).isEqualTo("pairs[0].bonder.api.password");
    assertThat(p.message()).contains("BONDER_API_PASSWORD");
  }

  @Test
  void idsMustBeNumeric() {
    String yaml = replace(example(), "routes: [201, 202]", "routes: [201, r202]");
    assertAt(only(problems(yaml), "bonder.id-invalid"), "pairs[0].bonder.bonds.primary.routes[1]", yaml, "r202");
    String bond = replace(example(), "bond: 13", "bond: thirteen");
    assertAt(only(problems(bond), "bonder.id-invalid"), "pairs[0].bonder.bonds.secondary.bond", bond, "thirteen");
    String twice = replace(example(), "routes: [203, 204]", "routes: [203, 203]");
    only(problems(twice), "bonder.id-duplicate");
  }

  @Test
  void eachBondMustCarrySomethingOfItsOwn() {
    String empty = replace(replace(replace(example(), "connected_ips: [103, 104]", "connected_ips: []"),
        "routes: [203, 204]", "routes: []"), "cpe_nat_ips: [302]", "cpe_nat_ips: []");
    Problem p = only(problems(empty), "bonder.bond-empty");
    assertThat(p.keyPath()).isEqualTo("pairs[0].bonder.bonds.secondary");
    String sameBond = replace(example(), "bond: 13", "bond: 12");
    assertThat(only(problems(sameBond), "bonder.bond-duplicate").keyPath())
        .isEqualTo("pairs[0].bonder.bonds.secondary.bond");
    String shared = replace(example(), "routes: [203, 204]", "routes: [203, 201]");
    assertThat(only(problems(shared), "bonder.object-shared").message()).contains("routes 201");
  }

  @Test
  void apiSettingsAreChecked() {
    String url = replace(example(), "host: 198.51.100.20", "host: https://198.51.100.20/api");
    assertAt(only(problems(url), "bonder.api-host-invalid"), "pairs[0].bonder.api.host", url, "https://");
    String user = replace(example(), "user: ha-failover@example.net", "user: \"ha:failover\"");
    only(problems(user), "bonder.api-user-invalid");
    String fraction = replace(example(), "timeout: 10s", "timeout: 2500ms");
    assertAt(only(problems(fraction), "bonder.seconds"), "pairs[0].bonder.api.timeout", fraction, "2500ms");
    String attempts = replace(example(), "attempts: 3", "attempts: 0");
    assertThat(only(problems(attempts), "value.range").keyPath()).isEqualTo("pairs[0].bonder.api.attempts");
    String start = replace(example(), "keepalived_start: connected-ip-hook", "keepalived_start: connected-ip-hok");
    assertThat(only(problems(start), "value.invalid").fix()).contains("connected-ip-hook");
    String noPassword = replace(example(), "password: ${env:BONDER_API_PASSWORD}", "pasword: x");
    assertThat(problems(noPassword)).extracting(Problem::rule).contains("key.unknown", "key.missing");
  }

  @Test
  void theConnectedIpHookNeedsThePrivateLinksConnectedIpNotAFloatingOne() {
    BonderSection s = Inventories.pair(example()).platformSection(BonderSection.class);
    assertThat(s.keepalivedStart()).isEqualTo(KeepalivedStart.CONNECTED_IP_HOOK);
    assertThat(s.bonds().secondary().hookConnectedIp()).contains("106");

    // A floating connected IP is disabled on the BACKUP's bond: its hook would stop keepalived there.
    String floating = replace(example(), "hook_connected_ip: 106", "hook_connected_ip: 103");
    Problem p = only(problems(floating), "bonder.hook-connected-ip-floating");
    assertAt(p, "pairs[0].bonder.bonds.secondary.hook_connected_ip", floating, "hook_connected_ip: 103");
    assertThat(p.message()).contains("could never take over");

    // The default start needs it; systemd does not.
    String none = replace(example(), "          hook_connected_ip: 106", "          # no hook id");
    Problem missing = only(problems(none), "bonder.hook-connected-ip-missing");
    assertThat(missing.keyPath()).isEqualTo("pairs[0].bonder.bonds.secondary.hook_connected_ip");
    assertThat(missing.fix()).contains("private link").contains("keepalived_start: systemd");
    String defaulted = replace(none, "      keepalived_start: connected-ip-hook", "      # default start");
    assertThat(only(problems(defaulted), "bonder.hook-connected-ip-missing").message()).contains("(the default)");
    Inventories.pair(replace(none, "keepalived_start: connected-ip-hook", "keepalived_start: systemd"));
  }

  @Test
  void anApiUserThatIsNotAnEmailAddressIsAcceptedWithAWarningNamingTheDeprecation() {
    assertThat(Inventories.load(example()).warnings()).isEmpty();
    String byName = replace(example(), "user: ha-failover@example.net", "user: ha-failover");
    io.haprovision.inventory.Inventory inventory = Inventories.load(byName);
    assertThat(inventory.pairs()).hasSize(1);
    Problem w = only(inventory.warnings(), "bonder.api-user-not-email");
    assertAt(w, "pairs[0].bonder.api.user", byName, "user: ha-failover ");
    assertThat(w.message()).contains("deprecates logging in by user name").contains("2015.4");
    assertThat(w.toString()).doesNotContain(Inventories.PASSWORD);
  }

  @Test
  void theApiVersionIsAutoV3OrV4() {
    for (String v : new String[] {"v3", "v4", "auto"}) {
      ManagementApi api = Inventories.pair(replace(example(), "version: auto", "version: " + v))
          .platformSection(BonderSection.class).api();
      assertThat(api.version().segment()).isEqualTo(v);
    }
    String wrong = replace(example(), "version: auto", "version: v5");
    assertThat(only(problems(wrong), "value.invalid").fix()).contains("auto, v3, v4");
  }

  @Test
  void passwordWithALineBreakIsRefusedWithoutShowingIt() {
    String marker = "line1\nline2secret";
    InventoryException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> Inventories.loader().withEnvironment(Map.of("BONDER_API_PASSWORD", marker)).load(example(), "t.yml", null),
        InventoryException.class);
    assertThat(only(e.problems(), "bonder.api-password-invalid").message()).contains("env:BONDER_API_PASSWORD");
    assertThat(e.getMessage()).doesNotContain("line2secret");
  }
}
