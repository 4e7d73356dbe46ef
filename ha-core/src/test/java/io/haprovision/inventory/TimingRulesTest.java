package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static io.haprovision.inventory.InventoryTesting.withDefaultVrrp;
import static io.haprovision.inventory.InventoryTesting.withInstanceKeys;
import static io.haprovision.inventory.InventoryTesting.withSecondaryKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@code vrrp.advert-int-mismatch}, {@code vrrp.version-mismatch}, {@code vrrp.advert-int-range}. */
class TimingRulesTest {
  private static final String INSTANCE = "pairs[0].vrrp.instances[0]";

  @Test
  void advertIntDifferingBetweenTheNodesIsRefusedNamingBothOrigins() {
    String yaml = withSecondaryKeys("        vrrp: { advert_int: 2 }");
    Problem p = assertSingleProblem(yaml, "vrrp.advert-int-mismatch", valueAt(yaml, "advert_int: 2"),
        "pairs[0].nodes[1].vrrp.advert_int");
    assertThat(p.message())
        .contains("primary 1 s from defaults.vrrp.advert_int (" + valueAt(yaml, "advert_int: 1") + ")")
        .contains("secondary 2 s from pairs[0].nodes[1].vrrp.advert_int (" + valueAt(yaml, "advert_int: 2") + ")");
  }

  @Test
  void theInstancesOwnAdvertIntWinsForBothNodes() {
    String yaml = withSecondaryKeys("        vrrp: { advert_int: 2 }").concat("          advert_int: 3\n");
    InstanceNodeSettings secondary = InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0).nodes().secondary();
    assertThat(secondary.advertInt()).isEqualTo(new Sourced<>(new BigDecimal("3"), INSTANCE + ".advert_int"));
  }

  @Test
  void versionDifferingBetweenTheNodesIsRefusedNamingBothOrigins() {
    String yaml = withSecondaryKeys("        vrrp: { version: 3 }");
    Problem p = assertSingleProblem(yaml, "vrrp.version-mismatch", valueAt(yaml, "version: 3"),
        "pairs[0].nodes[1].vrrp.version");
    assertThat(p.message()).contains("primary 2 from defaults.vrrp.version")
        .contains("secondary 3 from pairs[0].nodes[1].vrrp.version (" + valueAt(yaml, "version: 3") + ")");
  }

  @Test
  void fractionalAdvertIntIsRefusedForVrrpV2() {
    String yaml = InventoryTesting.change(InventoryTesting.BASE, "advert_int: 1", "advert_int: 0.5");
    Problem p = assertSingleProblem(yaml, "vrrp.advert-int-range", valueAt(yaml, "advert_int: 0.5"),
        "defaults.vrrp.advert_int");
    assertThat(p.message()).contains("0.5").contains("VRRPv2");
  }

  @Test
  void fractionalAdvertIntAboveOneSecondIsRefusedForVrrpV2() {
    // 1.5 is inside 1..255: only the whole-seconds check refuses it.
    String yaml = withInstanceKeys("          advert_int: 1.5");
    Problem p = assertSingleProblem(yaml, "vrrp.advert-int-range", valueAt(yaml, "advert_int: 1.5"),
        INSTANCE + ".advert_int");
    assertThat(p.message()).contains("1.5").contains("whole seconds");
    assertThat(p.fix()).contains("`version: 3`");
  }

  @Test
  void advertIntAbove255IsRefusedForVrrpV2() {
    String yaml = withInstanceKeys("          advert_int: 256");
    assertSingleProblem(yaml, "vrrp.advert-int-range", valueAt(yaml, "advert_int: 256"), INSTANCE + ".advert_int");
  }

  @Test
  void advertIntFinerThanTenMillisecondsIsRefusedForVrrpV3() {
    String yaml = withInstanceKeys("          version: 3", "          advert_int: 0.005");
    Problem p = assertSingleProblem(yaml, "vrrp.advert-int-range", valueAt(yaml, "advert_int: 0.005"),
        INSTANCE + ".advert_int");
    assertThat(p.message()).contains("VRRPv3").contains("0.01..40.95");
  }

  @Test
  void advertIntAbove4095IsRefusedForVrrpV3() {
    String yaml = withInstanceKeys("          version: 3", "          advert_int: 41");
    assertSingleProblem(yaml, "vrrp.advert-int-range", valueAt(yaml, "advert_int: 41"), INSTANCE + ".advert_int");
  }

  @Test
  void subSecondAdvertsAreFineWithVrrpV3() {
    String yaml = withDefaultVrrp("    # v3 below").replace("version: 2", "version: 3").replace("advert_int: 1", "advert_int: 0.25");
    InstanceNodeSettings s = InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0).nodes().primary();
    assertThat(s.advertInt().value()).isEqualByComparingTo("0.25");
    assertThat(s.version()).isEqualTo(new Sourced<>(3, "defaults.vrrp.version"));
  }

  @Test
  void unknownVrrpVersionIsRefused() {
    String yaml = withInstanceKeys("          version: 4");
    assertSingleProblem(yaml, "vrrp.version", valueAt(yaml, "version: 4"), INSTANCE + ".version");
  }
}
