package io.haprovision.mikrotik.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** switch-role --permanent: rewriting heartbeat.preferred of one pair in the inventory text. */
class SwitchRoleInventoryTest {
  private static List<String> lines(String text) {
    return new ArrayList<>(text.lines().toList());
  }

  @Test
  void rewritesTheValueKeepingItsComment() {
    List<String> l = lines("""
        pairs:
          - name: other
            mikrotik:
              heartbeat:
                preferred: primary
          - name: ccr
            mikrotik:
              heartbeat:
                name: HA_VRRP
                preferred: primary     # A wins
        """);
    assertThat(SwitchRole.setPreferred(l, "ccr", "secondary")).isTrue();
    assertThat(l.get(4)).isEqualTo("        preferred: primary");
    assertThat(l.get(9)).isEqualTo("        preferred: secondary     # A wins");
  }

  @Test
  void addsTheKeyUnderHeartbeatOrTheSection() {
    List<String> hb = lines("""
        pairs:
          - name: ccr
            mikrotik:
              heartbeat:
                name: HA_VRRP
        """);
    assertThat(SwitchRole.setPreferred(hb, "ccr", "secondary")).isTrue();
    assertThat(hb).containsSequence("      heartbeat:", "        preferred: secondary", "        name: HA_VRRP");

    List<String> none = lines("""
        pairs:
          - name: ccr
            mikrotik:
              routeros: 7
        """);
    assertThat(SwitchRole.setPreferred(none, "ccr", "secondary")).isTrue();
    assertThat(none).containsSequence("    mikrotik:", "      heartbeat:", "        preferred: secondary");

    assertThat(SwitchRole.setPreferred(lines("pairs:\n  - name: x\n"), "ccr", "primary")).isFalse();
  }
}
