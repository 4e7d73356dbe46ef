package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The health gate's deadline: fixed when given, else growing with slow looks and a changing pair, capped. */
class GateDeadlineTest {
  private static final long S = 1_000_000_000L;

  @Test
  void aGivenDeadlineIsFixed() {
    GateDeadline d = GateDeadline.fixed(0, 10 * S);
    d.look(9 * S, 4 * S, true);
    assertThat(d.passed(10 * S - 1)).isFalse();
    assertThat(d.passed(10 * S)).isTrue();
    assertThat(d.describe()).isEqualTo("10 s");
  }

  @Test
  void slowLooksAddThreeTimesTheSlowestLook() {
    GateDeadline d = GateDeadline.adaptive(0, 11 * S, 5 * S);
    d.look(1 * S, S / 10, false);
    assertThat(d.deadline()).isEqualTo(11 * S + 3 * S / 10);
    d.look(4 * S, 2 * S, false);
    assertThat(d.deadline()).isEqualTo(17 * S);
    d.look(7 * S, S, false);
    assertThat(d.deadline()).as("the slowest look counts").isEqualTo(17 * S);
  }

  @Test
  void aPairStillChangingGetsAGracePeriodAfterEachChangeUpToThreeTimesTheBase() {
    GateDeadline d = GateDeadline.adaptive(0, 10 * S, 5 * S);
    d.look(3 * S, 0, false);
    d.look(8 * S, 0, true);
    assertThat(d.deadline()).isEqualTo(13 * S);
    d.look(12 * S, 0, false);
    assertThat(d.passed(12 * S)).isFalse();
    d.look(27 * S, 0, true);
    assertThat(d.deadline()).as("capped at 3 x 10 s").isEqualTo(30 * S);
    assertThat(d.describe()).isEqualTo("30 s, extended 2 times while the pair was still changing, at its cap of 3 x 10 s;"
        + " slowest look 0 s");
    d.look(29 * S, 0, true);
    assertThat(d.passed(30 * S)).isTrue();
  }
}
