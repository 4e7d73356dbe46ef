package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static io.haprovision.inventory.InventoryTesting.withDefaultVrrp;
import static io.haprovision.inventory.InventoryTesting.withInstanceKeys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code vrrp.preempt-delay-master} and {@code vrrp.nopreempt-preempt-delay} (keepalived -t refuses both). */
class PreemptRulesTest {
  private static final String INSTANCE = "pairs[0].vrrp.instances[0]";

  @Test
  void preemptDelayWithThePrimaryMasterByDefaultIsRefused() {
    String yaml = withInstanceKeys("          preempt_delay: 30");
    Problem p = assertSingleProblem(yaml, "vrrp.preempt-delay-master", valueAt(yaml, "preempt_delay: 30"),
        INSTANCE + ".preempt_delay");
    assertThat(p.message()).contains("instance LAN").contains("preempt_delay 30")
        .contains("the primary (gw-a) starts as MASTER (the default for the primary)")
        .doesNotContain("gw-b");
    assertThat(p.fix()).contains("`state: {primary: BACKUP, secondary: BACKUP}`").contains("priority");
  }

  @Test
  void preemptDelayInheritedFromTheDefaultsIsRefusedAtItsOrigin() {
    String yaml = withDefaultVrrp("    preempt_delay: 5");
    Problem p = assertSingleProblem(yaml, "vrrp.preempt-delay-master", valueAt(yaml, "preempt_delay: 5"),
        "defaults.vrrp.preempt_delay");
    assertThat(p.message()).contains("instance LAN")
        .contains("from defaults.vrrp.preempt_delay (" + valueAt(yaml, "preempt_delay: 5") + ")");
  }

  @Test
  void aMasterStateWrittenInTheFileIsNamedWithItsOrigin() {
    String yaml = withInstanceKeys("          preempt_delay: 30",
        "          state: { primary: BACKUP, secondary: MASTER }");
    Problem p = assertSingleProblem(yaml, "vrrp.preempt-delay-master", valueAt(yaml, "preempt_delay: 30"),
        INSTANCE + ".preempt_delay");
    assertThat(p.message())
        .contains("the secondary (gw-b) starts as MASTER (from " + INSTANCE + ".state.secondary ("
            + valueAt(yaml, "secondary: MASTER") + "))")
        .doesNotContain("gw-a");
  }

  @Test
  void preemptDelayWithBothNodesBackupIsAccepted() {
    String yaml = withInstanceKeys("          preempt_delay: 30",
        "          state: { primary: BACKUP, secondary: BACKUP }");
    VrrpInstanceSpec i = InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0);
    assertThat(i.preemptDelay()).isEqualTo(30);
    assertThat(i.nodes().map(InstanceNodeSettings::state)).isEqualTo(new PerNode<>(VrrpState.BACKUP, VrrpState.BACKUP));
    assertThat(i.nodes().map(InstanceNodeSettings::priority)).isEqualTo(new PerNode<>(150, 100));
  }

  @Test
  void nopreemptTogetherWithPreemptDelayIsRefused() {
    // nopreempt starts both nodes as BACKUP, so only the combination itself is wrong.
    String yaml = withInstanceKeys("          nopreempt: true", "          preempt_delay: 30");
    Problem p = assertSingleProblem(yaml, "vrrp.nopreempt-preempt-delay", valueAt(yaml, "nopreempt: true"),
        INSTANCE + ".nopreempt");
    assertThat(p.message()).contains("instance LAN")
        .contains("preempt_delay 30 (from " + INSTANCE + ".preempt_delay (" + valueAt(yaml, "preempt_delay: 30") + "))");
    assertThat(p.fix()).contains("`preempt_delay: 0`");
  }

  @Test
  void nopreemptWithAnInheritedDelayIsRefusedAndAZeroOnTheInstanceOverridesIt() {
    String yaml = withDefaultVrrp("    preempt_delay: 5") + "          nopreempt: true\n";
    Problem p = assertSingleProblem(yaml, "vrrp.nopreempt-preempt-delay", valueAt(yaml, "nopreempt: true"),
        INSTANCE + ".nopreempt");
    assertThat(p.message()).contains("from defaults.vrrp.preempt_delay (" + valueAt(yaml, "preempt_delay: 5") + ")");

    VrrpInstanceSpec i = InventoryTesting.load(yaml + "          preempt_delay: 0\n").pairs().get(0).vrrp().instances().get(0);
    assertThat(i.nopreempt()).isTrue();
    assertThat(i.preemptDelay()).isZero();
  }
}
