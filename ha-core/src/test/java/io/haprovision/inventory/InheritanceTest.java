package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Top defaults, then pair defaults, then the node's own keys; the instance's own value wins. */
class InheritanceTest {
  private static final String PAIR_DEFAULTS = """
          defaults:
            ssh:
              port: 2222
              connect_timeout: 3s
            vrrp:
              authentication:
                password: "${env:VRRP_PASS}"
              garp:
                master_delay: 2
      """;

  private static String withPairDefaults(String yaml) {
    return change(yaml, "    platform: test\n", "    platform: test\n" + PAIR_DEFAULTS);
  }

  @Test
  void sshMergesKeyByKeyFromTopToPairToNode() {
    String yaml = withPairDefaults(InventoryTesting.withSecondaryKeys(
        "        ssh: { user: ops, host_key_policy: accept-new, command_timeout: 2m }"));
    PairSpec pair = InventoryTesting.load(yaml).pairs().get(0);
    SshSpec a = pair.primary().ssh();
    SshSpec b = pair.secondary().ssh();
    assertThat(a.user()).isEqualTo("admin");
    assertThat(a.port()).isEqualTo(2222);
    assertThat(a.identityFile()).contains(Path.of("/home/tester/.ssh/id_ed25519"));
    assertThat(a.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(a.commandTimeout()).isEqualTo(SshSpec.DEFAULT_COMMAND_TIMEOUT);
    assertThat(a.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
    assertThat(b.user()).isEqualTo("ops");
    assertThat(b.port()).isEqualTo(2222);
    assertThat(b.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(b.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void requireStrictKexIsOffByDefaultAndAPerHostChoice() {
    PairSpec plain = InventoryTesting.load(BASE).pairs().get(0);
    assertThat(plain.primary().ssh().requireStrictKex()).isFalse();
    assertThat(plain.secondary().ssh().requireStrictKex()).isFalse();

    // Required for every host by the top defaults, except the node with an older dropbear.
    String yaml = change(InventoryTesting.withSecondaryKeys("        ssh: { require_strict_kex: false }"),
        "    user: admin\n", "    user: admin\n    require_strict_kex: true\n");
    PairSpec pair = InventoryTesting.load(yaml).pairs().get(0);
    assertThat(pair.primary().ssh().requireStrictKex()).isTrue();
    assertThat(pair.secondary().ssh().requireStrictKex()).isFalse();
  }

  @Test
  void requireStrictKexMustBeABoolean() {
    String yaml = InventoryTesting.withPrimaryKeys("        ssh: { require_strict_kex: sometimes }");
    InventoryTesting.assertSingleProblem(yaml, "type.wrong", InventoryTesting.at(yaml, "sometimes"),
        "pairs[0].nodes[0].ssh.require_strict_kex");
  }

  @Test
  void nestedVrrpMapsMergeAcrossLevels() {
    // The top sets the type, the pair the password: both nodes get both.
    String yaml = withPairDefaults(InventoryTesting.withDefaultVrrp("    authentication: { type: AH }"));
    VrrpInstanceSpec i = InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0);
    VrrpAuth auth = i.nodes().secondary().auth().value().orElseThrow();
    assertThat(auth.type()).isEqualTo(AuthType.AH);
    assertThat(auth.password().reveal()).isEqualTo("s3cret");
    assertThat(i.nodes().secondary().auth().path()).isEqualTo("pairs[0].defaults.vrrp.authentication");
    assertThat(i.garp().masterDelay()).contains(2);
    assertThat(i.garp().masterRepeat()).isEmpty();
  }

  @Test
  void theNodeOverridesTheDefaultsAndTheInstanceOverridesTheNode() {
    String node = InventoryTesting.withPrimaryKeys("        vrrp: { version: 3, advert_int: 0.5 }");
    String yaml = change(node, "          unicast: true\n", "          unicast: true\n          version: 3\n");
    // Only the primary says advert_int 0.5: the nodes differ, and the error names where each came from.
    Problem p = InventoryTesting.only(InventoryTesting.fail(yaml), "vrrp.advert-int-mismatch");
    assertThat(p.keyPath()).isEqualTo("pairs[0].nodes[0].vrrp.advert_int");

    String both = yaml + "          advert_int: 0.25\n";
    InstanceNodeSettings s = InventoryTesting.load(both).pairs().get(0).vrrp().instances().get(0).nodes().primary();
    assertThat(s.advertInt()).isEqualTo(new Sourced<>(new BigDecimal("0.25"), "pairs[0].vrrp.instances[0].advert_int"));
    assertThat(s.version()).isEqualTo(new Sourced<>(3, "pairs[0].vrrp.instances[0].version"));
  }

  @Test
  void builtInDefaultsApplyWhenNothingIsWritten() {
    String yaml = change(change(BASE, "    advert_int: 1\n", ""), "    version: 2\n", "");
    InstanceNodeSettings s = InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0).nodes().primary();
    assertThat(s.advertInt().value()).isEqualByComparingTo("1");
    assertThat(s.version().value()).isEqualTo(2);
    assertThat(s.auth().value()).isEqualTo(Optional.empty());
  }

  @Test
  void yamlAnchorsCanShareNodeSettings() {
    String yaml = change(BASE, "        host: 192.0.2.11\n", "        host: 192.0.2.11\n        ssh: &ssh { port: 2200 }\n")
        .replace("        host: 192.0.2.12\n", "        host: 192.0.2.12\n        ssh: *ssh\n");
    PairSpec pair = InventoryTesting.load(yaml).pairs().get(0);
    assertThat(pair.secondary().ssh().port()).isEqualTo(2200);
  }
}
