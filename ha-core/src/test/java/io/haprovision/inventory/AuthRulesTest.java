package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static io.haprovision.inventory.InventoryTesting.withDefaultVrrp;
import static io.haprovision.inventory.InventoryTesting.withInstanceKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code vrrp.auth-too-long}, {@code vrrp.auth-with-v3}, {@code vrrp.auth-mismatch}. */
class AuthRulesTest {
  private static final String INSTANCE = "pairs[0].vrrp.instances[0]";

  @Test
  void passwordOverEightCharactersIsRefusedWithoutShowingIt() {
    String yaml = withInstanceKeys("          authentication: { type: PASS, password: ninechars }");
    Problem p = assertSingleProblem(yaml, "vrrp.auth-too-long", valueAt(yaml, "password: ninechars"),
        INSTANCE + ".authentication.password");
    assertThat(p.toString()).doesNotContain("ninechars").contains("8");
  }

  @Test
  void eightCharactersAreFine() {
    Inventory inv = InventoryTesting.load(withInstanceKeys("          authentication: { type: AH, password: eightchr }"));
    VrrpAuth auth = inv.pairs().get(0).vrrp().instances().get(0).nodes().primary().auth().value().orElseThrow();
    assertThat(auth.type()).isEqualTo(AuthType.AH);
  }

  @Test
  void authenticationWithVrrpV3IsRefused() {
    String yaml = withInstanceKeys("          version: 3", "          authentication: { password: abc }");
    Problem p = assertSingleProblem(yaml, "vrrp.auth-with-v3", at(yaml, "{ password: abc }"),
        INSTANCE + ".authentication");
    assertThat(p.message()).contains(INSTANCE + ".version");
  }

  @Test
  void authenticationNoneOverridesInheritedAuthentication() {
    String yaml = withDefaultVrrp("    authentication: { password: \"${env:VRRP_PASS}\" }")
        + "          version: 3\n          authentication: none\n";
    InstanceNodeSettings s = InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0).nodes().secondary();
    assertThat(s.auth()).isEqualTo(new Sourced<>(Optional.empty(), INSTANCE + ".authentication"));
  }

  @Test
  void passwordDifferingBetweenTheNodesIsRefusedWithoutShowingEither() {
    String yaml = withDefaultVrrp("    authentication: { type: PASS, password: \"${env:VRRP_PASS}\" }")
        .replace("        host: 192.0.2.12\n", "        host: 192.0.2.12\n        vrrp: { authentication: { password: Xq9zPw } }\n");
    Problem p = assertSingleProblem(yaml, "vrrp.auth-mismatch", at(yaml, "{ password: Xq9zPw }"),
        "pairs[0].nodes[1].vrrp.authentication");
    assertThat(p.toString()).doesNotContain("Xq9zPw").doesNotContain("s3cret")
        .contains("passwords differ").contains("env:VRRP_PASS").contains("literal");
  }

  @Test
  void authenticationOnOneNodeOnlyIsRefused() {
    String yaml = InventoryTesting.withPrimaryKeys("        vrrp:", "          authentication:", "            password: abc");
    Problem p = assertSingleProblem(yaml, "vrrp.auth-mismatch", at(yaml, "password: abc"),
        "pairs[0].nodes[0].vrrp.authentication");
    assertThat(p.message()).contains("primary uses PASS authentication").contains("secondary uses no authentication");
  }
}
