package io.haprovision.openwrt.uci;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.spi.ProbeOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written UCI name checks against the regular expressions they stand for, and the
 * parse of one {@code uci show} shared by the resources that read it.
 */
class UciNamesTest {
  private static final Pattern CONFIG = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern ANONYMOUS = Pattern.compile("@[A-Za-z0-9_]+\\[-?[0-9]+]");

  /** Strings close to the edges: short, from the characters the rules care about. */
  private static List<String> candidates() {
    List<String> out = new ArrayList<>(List.of("", "@", "@[", "@[]", "@a[]", "@a[-]", "@a[0]", "@a[-1]", "@a[--1]",
        "@a[1-]", "@[0]", "@a[0]x", "@a[0", "a[0]", "@a-b[0]", "@a[0]]", "lan", "wan-6", "-", "_", "a.b", "a b",
        "é", "@dnsmasq[12]", "@rule[-10]"));
    String alphabet = "aZ09_-@[]. x";
    Random random = new Random(15);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(8);
      for (int j = 0; j < length; j++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      out.add(s.toString());
    }
    return out;
  }

  @Test
  void checksAgreeWithTheRegularExpressions() {
    for (String s : candidates()) {
      assertThat(UciNames.isConfig(s)).as("config '%s'", s).isEqualTo(CONFIG.matcher(s).matches());
      assertThat(UciNames.isName(s)).as("name '%s'", s).isEqualTo(NAME.matcher(s).matches());
      assertThat(UciNames.isSectionRef(s)).as("section '%s'", s)
          .isEqualTo(NAME.matcher(s).matches() || ANONYMOUS.matcher(s).matches());
    }
    assertThat(UciNames.isConfig(null)).isFalse();
    assertThat(UciNames.isSectionRef(null)).isFalse();
  }

  @Test
  void oneProbeOutputIsParsedOnce() {
    ProbeOutput out = new ProbeOutput("r2", "root@192.0.2.2:22", "dhcp.lan=dhcp\ndhcp.lan.force='1'\n", "", 0);
    ProbeOutput same = new ProbeOutput("r2", "root@192.0.2.2:22", out.stdout(), "", 0);
    assertThat(UciShow.of(out)).isSameAs(UciShow.of(out)).isEqualTo(UciShow.parse(out.stdout(), out.target()));
    assertThat(UciShow.of(same)).isNotSameAs(UciShow.of(out)).isEqualTo(UciShow.of(out));
  }

  @Test
  void aMalformedOutputStillFailsWithTheNodesMessage() {
    ProbeOutput out = new ProbeOutput("r2", "root@192.0.2.3:22", "uci: Entry not found\n", "", 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UciShow.of(out))
        .isInstanceOf(io.haprovision.error.TargetException.class)
        .hasMessageContaining("root@192.0.2.3:22").hasMessageContaining("cannot read line 1");
  }
}
