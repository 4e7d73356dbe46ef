package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.change;
import static io.haprovision.inventory.InventoryTesting.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code rollout} section: commit-confirmed on every node, its window, inherited from the defaults. */
class RolloutSectionTest {
  private static String withPairKeys(String... pairLines) {
    return change(BASE, "    platform: test\n", "    platform: test\n" + lines(pairLines));
  }

  private static String withTopDefaults(String... defaultsLines) {
    return change(BASE, "defaults:\n", "defaults:\n" + lines(defaultsLines));
  }

  private static RolloutSpec rollout(String yaml) {
    return InventoryTesting.load(yaml).pairs().get(0).rollout();
  }

  @Test
  void withoutARolloutSectionEveryNodeIsRevertedAfterFiveMinutesUnlessConfirmed() {
    assertThat(rollout(BASE)).isEqualTo(new RolloutSpec(true, Duration.ofMinutes(5)));
  }

  @Test
  void thePairsOwnKeysWinOverTheTopDefaultsKeyByKey() {
    String yaml = change(withTopDefaults("  rollout:", "    revert_window: 2m", "    auto_revert: false"),
        "    platform: test\n", "    platform: test\n" + lines("    rollout:", "      auto_revert: true"));
    assertThat(rollout(yaml)).isEqualTo(new RolloutSpec(true, Duration.ofMinutes(2)));
  }

  @Test
  void aWindowTooShortToConfirmAHealthyNodeIsRefusedWhereItIsWritten() {
    String yaml = withPairKeys("    rollout:", "      revert_window: 5s");
    Problem p = assertSingleProblem(yaml, "value.range", at(yaml, "5s"), "pairs[0].rollout.revert_window");
    assertThat(p.message()).contains("5.0 s is outside 15 s to 1 h");
    assertThat(p.fix()).contains("the default, 5m");
  }

  @Test
  void anUnknownKeyIsRefusedWithASuggestion() {
    String yaml = withPairKeys("    rollout:", "      revert_windw: 30s");
    Problem p = assertSingleProblem(yaml, "key.unknown", at(yaml, "revert_windw"), "pairs[0].rollout.revert_windw");
    assertThat(p.fix()).isEqualTo("did you mean `revert_window`?");
  }
}
