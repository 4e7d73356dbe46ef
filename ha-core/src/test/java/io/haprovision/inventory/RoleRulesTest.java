package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static io.haprovision.inventory.InventoryTesting.withInstanceKeys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code vrrp.nopreempt-master}, {@code vrrp.equal-priority} and the per-node defaults. */
class RoleRulesTest {
  private static final String INSTANCE = "pairs[0].vrrp.instances[0]";

  @Test
  void defaultsFollowTheRoles() {
    PerNode<InstanceNodeSettings> n = InventoryTesting.load(InventoryTesting.BASE).pairs().get(0).vrrp().instances().get(0).nodes();
    assertThat(n.primary().priority()).isEqualTo(150);
    assertThat(n.secondary().priority()).isEqualTo(100);
    assertThat(n.primary().state()).isEqualTo(VrrpState.MASTER);
    assertThat(n.secondary().state()).isEqualTo(VrrpState.BACKUP);
  }

  @Test
  void nopreemptMakesBothNodesStartAsBackup() {
    PerNode<InstanceNodeSettings> n = InventoryTesting.load(withInstanceKeys("          nopreempt: true"))
        .pairs().get(0).vrrp().instances().get(0).nodes();
    assertThat(n.map(InstanceNodeSettings::state)).isEqualTo(new PerNode<>(VrrpState.BACKUP, VrrpState.BACKUP));
  }

  @Test
  void nopreemptWithStateMasterIsRefused() {
    String yaml = withInstanceKeys("          nopreempt: true", "          state: { primary: MASTER }");
    Problem p = assertSingleProblem(yaml, "vrrp.nopreempt-master", at(yaml, "MASTER"), INSTANCE + ".state.primary");
    assertThat(p.message()).contains("nopreempt").contains("MASTER");
  }

  @Test
  void equalPrioritiesAreRefused() {
    String yaml = withInstanceKeys("          priority:", "            primary: 120", "            secondary: 120");
    Problem p = assertSingleProblem(yaml, "vrrp.equal-priority", at(yaml, "primary: 120"), INSTANCE + ".priority");
    assertThat(p.message()).contains("120");
  }

  @Test
  void priorityOutsideTheVrrpRangeIsRefused() {
    String yaml = withInstanceKeys("          priority: { primary: 255 }");
    assertSingleProblem(yaml, "value.range", valueAt(yaml, "primary: 255"), INSTANCE + ".priority.primary");
  }
}
