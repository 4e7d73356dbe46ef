package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.change;
import static io.haprovision.inventory.InventoryTesting.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code verify} section: a probe host reached like a node, and check overrides, inherited from the defaults. */
class VerifySectionTest {
  /** BASE with lines added to the pair (indented by 4 spaces), after its platform. */
  private static String withPairKeys(String... pairLines) {
    return change(BASE, "    platform: test\n", "    platform: test\n" + lines(pairLines));
  }

  /** BASE with lines added to the top-level {@code defaults} (indented by 2 spaces). */
  private static String withTopDefaults(String... defaultsLines) {
    return change(BASE, "defaults:\n", "defaults:\n" + lines(defaultsLines));
  }

  private static VerifySpec verify(String yaml) {
    return InventoryTesting.load(yaml).pairs().get(0).verify();
  }

  @Test
  void withoutAVerifySectionThePairHasNoProbeAndNoOverrides() {
    assertThat(verify(BASE)).isEqualTo(VerifySpec.empty());
  }

  @Test
  void aPairNamesItsProbeHostWhoseSshInheritsTheDefaultsLikeANode() {
    String yaml = withPairKeys(
        "    verify:",
        "      probe:",
        "        name: office-client",
        "        host: 198.51.100.50",
        "        ssh: { port: 2200, connect_timeout: 3s }",
        "      vip_answers: true",
        "      ping_count: 5",
        "      keepalived_running: false");
    VerifySpec v = verify(yaml);
    ProbeSpec probe = v.probe().orElseThrow();
    assertThat(probe.name()).isEqualTo("office-client");
    assertThat(probe.host()).isEqualTo("198.51.100.50");
    assertThat(probe.path()).isEqualTo("pairs[0].verify.probe");
    assertThat(probe.ssh().user()).as("from defaults.ssh").isEqualTo("admin");
    assertThat(probe.ssh().identityFile()).contains(Path.of("/home/tester/.ssh/id_ed25519"));
    assertThat(probe.ssh().port()).isEqualTo(2200);
    assertThat(probe.ssh().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(probe.ssh().hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
    assertThat(probe.target()).isEqualTo("admin@198.51.100.50:2200");
    assertThat(v.vipAnswers()).contains(true);
    assertThat(v.pingCount()).contains(5);
    assertThat(v.keepalivedRunning()).contains(false);
    assertThat(v.singleMaster()).isEmpty();
  }

  @Test
  void theProbeIsNamedByItsHostWhenItHasNoName() {
    ProbeSpec probe = verify(withPairKeys("    verify: { probe: { host: lan-probe.example.net } }")).probe().orElseThrow();
    assertThat(probe.name()).isEqualTo("lan-probe.example.net");
  }

  @Test
  void verifyIsInheritedFromTheTopAndPairDefaultsKeyByKey() {
    String top = withTopDefaults(
        "  verify:",
        "    ping_count: 2",
        "    single_master: false",
        "    probe: { host: 198.51.100.50, ssh: { user: probe } }");
    String yaml = change(top, "    platform: test\n", "    platform: test\n" + lines(
        "    defaults:",
        "      ssh: { port: 2222 }",
        "      verify: { ping_count: 4 }",
        "    verify:",
        "      probe: { name: lan }"));
    VerifySpec v = verify(yaml);
    ProbeSpec probe = v.probe().orElseThrow();
    assertThat(probe.name()).isEqualTo("lan");
    assertThat(probe.host()).isEqualTo("198.51.100.50");
    assertThat(probe.ssh().user()).isEqualTo("probe");
    assertThat(probe.ssh().port()).as("the pair's defaults.ssh").isEqualTo(2222);
    assertThat(v.pingCount()).contains(4);
    assertThat(v.singleMaster()).contains(false);
  }

  @Test
  void anUnknownKeySaysWhereItIsAndWhatWasMeant() {
    String yaml = withPairKeys("    verify:", "      vip_answer: true");
    Problem p = assertSingleProblem(yaml, "key.unknown", at(yaml, "vip_answer"), "pairs[0].verify.vip_answer");
    assertThat(p.fix()).isEqualTo("did you mean `vip_answers`?");
  }

  @Test
  void anUnknownProbeKeyInTheDefaultsIsReportedOnceWhereItIsWritten() {
    String yaml = withTopDefaults("  verify:", "    probe: { hots: 198.51.100.50 }");
    InventoryTesting.fail(yaml);
    Problem p = InventoryTesting.only(InventoryTesting.fail(yaml), "key.unknown");
    assertThat(p.location()).isEqualTo(at(yaml, "hots"));
    assertThat(p.keyPath()).isEqualTo("defaults.verify.probe.hots");
    assertThat(p.fix()).isEqualTo("did you mean `host`?");
  }

  @Test
  void anUnknownProbeSshKeyIsReported() {
    String yaml = withPairKeys("    verify: { probe: { host: 198.51.100.50, ssh: { prot: 22 } } }");
    Problem p = assertSingleProblem(yaml, "key.unknown", at(yaml, "prot"), "pairs[0].verify.probe.ssh.prot");
    assertThat(p.fix()).isEqualTo("did you mean `port`?");
  }

  @Test
  void aProbeNeedsAValidHost() {
    String missing = withPairKeys("    verify: { probe: { name: lan } }");
    InventoryTesting.only(InventoryTesting.fail(missing), "key.missing");
    String bad = withPairKeys("    verify: { probe: { host: 'not a host' } }");
    assertSingleProblem(bad, "value.invalid", at(bad, "'not a host'"), "pairs[0].verify.probe.host");
  }

  @Test
  void valuesAreTypeAndRangeChecked() {
    String count = withPairKeys("    verify: { ping_count: 0 }");
    assertSingleProblem(count, "value.range", at(count, "0 }"), "pairs[0].verify.ping_count");
    String flag = withPairKeys("    verify: { one_master: true, single_master: often }");
    InventoryTesting.only(InventoryTesting.fail(flag), "type.wrong");
    assertThat(InventoryTesting.only(InventoryTesting.fail(flag), "key.unknown").keyPath())
        .isEqualTo("pairs[0].verify.one_master");
  }

  @Test
  void verifyMustBeAMap() {
    String yaml = withPairKeys("    verify: yes-please");
    assertSingleProblem(yaml, "type.wrong", at(yaml, "yes-please"), "pairs[0].verify");
  }

  @Test
  void theEmptySectionChangesNoDefault() {
    assertThat(VerifySpec.empty().probe()).isEqualTo(Optional.empty());
  }
}
