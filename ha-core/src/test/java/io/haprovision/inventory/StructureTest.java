package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.change;
import static io.haprovision.inventory.InventoryTesting.fail;
import static io.haprovision.inventory.InventoryTesting.lines;
import static io.haprovision.inventory.InventoryTesting.only;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static io.haprovision.inventory.InventoryTesting.withInstanceKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.error.InventoryException;
import org.junit.jupiter.api.Test;

/** Unknown, missing and mistyped keys, duplicate names, node roles, interface references. */
class StructureTest {
  @Test
  void theBaseFixtureIsValid() {
    assertThat(InventoryTesting.load(BASE).pairs()).hasSize(1);
  }

  @Test
  void unknownKeySuggestsTheRightOne() {
    String yaml = withInstanceKeys("          nopreemt: true");
    Problem p = assertSingleProblem(yaml, "key.unknown", at(yaml, "nopreemt"), "pairs[0].vrrp.instances[0].nopreemt");
    assertThat(p.fix()).isEqualTo("did you mean `nopreempt`?");
  }

  @Test
  void unknownTopLevelKeyIsRefused() {
    String yaml = BASE + "defualts: {}\n";
    Problem p = assertSingleProblem(yaml, "key.unknown", at(yaml, "defualts"), "defualts");
    assertThat(p.fix()).contains("`defaults`");
  }

  @Test
  void missingRequiredKeyPointsAtItsParent() {
    String yaml = change(BASE, "        host: 192.0.2.12\n", "");
    Problem p = assertSingleProblem(yaml, "key.missing", at(yaml, "name: gw-b"), "pairs[0].nodes[1].host");
    assertThat(p.message()).contains("`host`").contains("pairs[0].nodes[1]");
  }

  @Test
  void wrongTypeNamesWhatIsExpected() {
    String yaml = change(BASE, "virtual_router_id: 51", "virtual_router_id: \"51\"");
    Problem p = assertSingleProblem(yaml, "type.wrong", valueAt(yaml, "virtual_router_id: \"51\""),
        "pairs[0].vrrp.instances[0].virtual_router_id");
    assertThat(p.fix()).isEqualTo("write it without quotes: 51");
  }

  @Test
  void listGivenWhereAMapBelongsIsAWrongType() {
    String yaml = withInstanceKeys("          priority: [150, 100]");
    assertSingleProblem(yaml, "type.wrong", at(yaml, "[150, 100]"), "pairs[0].vrrp.instances[0].priority");
  }

  @Test
  void duplicatePairNamesAreRefused() {
    String second = lines(
        "  - name: office",
        "    platform: test",
        "    nodes:",
        "      - { name: x-a, role: primary, host: 192.0.2.21, interfaces: { lan: 192.0.2.129/25 } }",
        "      - { name: x-b, role: secondary, host: 192.0.2.22, interfaces: { lan: 192.0.2.130/25 } }",
        "    vrrp:",
        "      instances:",
        "        - { name: LAN, interface: lan, virtual_router_id: 7, vips: [192.0.2.131/25] }");
    String yaml = BASE + second;
    Problem p = assertSingleProblem(yaml, "pair.duplicate-name", valueAt(yaml, "name: office", 2), "pairs[1].name");
    assertThat(p.message()).contains("pairs[0]");
  }

  @Test
  void duplicateNodeNamesAreRefused() {
    String yaml = change(BASE, "name: gw-b", "name: gw-a");
    assertSingleProblem(yaml, "pair.duplicate-node-name", valueAt(yaml, "name: gw-a", 2), "pairs[0].nodes[1].name");
  }

  @Test
  void duplicateInstanceNamesAreRefused() {
    String yaml = BASE + lines(
        "        - name: LAN",
        "          interface: wan",
        "          virtual_router_id: 52",
        "          vips: [203.0.113.10/29]");
    assertSingleProblem(yaml, "vrrp.instance-duplicate-name", valueAt(yaml, "name: LAN", 2),
        "pairs[0].vrrp.instances[1].name");
  }

  @Test
  void twoPrimariesAreRefused() {
    String yaml = change(BASE, "role: secondary", "role: primary");
    Problem p = assertSingleProblem(yaml, "pair.node-roles", at(yaml, "- name: gw-a"), "pairs[0].nodes");
    assertThat(p.message()).contains("2 primary and 0 secondary");
  }

  @Test
  void aPairWithOneNodeIsRefused() {
    String yaml = change(BASE, "      - name: gw-b\n        role: secondary\n        host: 192.0.2.12\n        interfaces:\n"
        + "          br-lan: 198.51.100.3/24\n          wan: 203.0.113.3/29\n", "");
    InventoryException e = fail(yaml);
    Problem p = only(e, "pair.node-count");
    assertThat(p.location()).isEqualTo(at(yaml, "- name: gw-a"));
    assertThat(p.message()).contains("found 1");
  }

  @Test
  void unknownRoleIsRefusedWithTheAllowedOnes() {
    String yaml = change(BASE, "role: secondary", "role: standby");
    Problem p = only(fail(yaml), "value.invalid");
    assertThat(p.location()).isEqualTo(valueAt(yaml, "role: standby"));
    assertThat(p.fix()).contains("primary, secondary");
  }

  @Test
  void instanceInterfaceMissingOnANodeIsRefused() {
    String yaml = change(BASE, "          wan: 203.0.113.3/29\n", "").replace("interface: br-lan", "interface: wan")
        .replace("- 198.51.100.1/24", "- 203.0.113.4/29");
    Problem p = assertSingleProblem(yaml, "vrrp.interface-missing", valueAt(yaml, "interface: wan"),
        "pairs[0].vrrp.instances[0].interface");
    assertThat(p.message()).contains("gw-b").contains("`wan`");
    assertThat(p.fix()).contains("pairs[0].nodes[1].interfaces");
  }

  @Test
  void nodeVrrpCannotSetPerInstanceValues() {
    String yaml = InventoryTesting.withSecondaryKeys("        vrrp: { garp: { master_delay: 1 } }");
    assertSingleProblem(yaml, "node.vrrp-per-instance", at(yaml, "{ master_delay"), "pairs[0].nodes[1].vrrp.garp");
  }

  @Test
  void emptyInventoryIsRefused() {
    assertThat(only(fail(""), "inventory.empty").location()).isEqualTo(new Location("inv.yml", 0, 0));
  }

  @Test
  void unknownFormatVersionIsRefused() {
    String yaml = change(BASE, "version: 1", "version: 2");
    assertSingleProblem(yaml, "inventory.version", valueAt(yaml, "version: 2"), "version");
  }

  @Test
  void everyProblemIsReportedAtOnceInFileOrder() {
    String yaml = change(change(change(BASE, "user: admin", "usr: admin"), "role: secondary", "role: secundary"),
        "virtual_router_id: 51", "virtual_router_id: 300");
    InventoryException e = fail(yaml);
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("key.unknown", "value.invalid");
    // The broken node stops the instance from being resolved, but not the instance's own shape checks.
    String two = change(BASE, "virtual_router_id: 51", "virtual_router_id: x") + "          nopreemt: true\n";
    assertThat(fail(two).problems()).extracting(Problem::rule).containsExactly("type.wrong", "key.unknown");
    assertThat(e.getMessage()).startsWith("invalid inventory: 2 problems\ninv.yml:4:5: defaults.ssh.usr:");
  }
}
