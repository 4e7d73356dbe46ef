package io.haprovision.openwrt.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.testing.Golden;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code conntrackd -s} parsed. {@code conntrackd-s-idle.txt} was captured from the real
 * conntrackd (FTFW over UDP, started with a throwaway config in a network namespace with no
 * peer); {@code conntrackd-s-busy.txt} is the same text with the external cache, the sync
 * packets and the lost messages edited to non-zero values.
 */
class ConntrackdStatsTest {

  static String sample(String name) {
    try (InputStream in = ConntrackdStatsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String figures(ConntrackdStats stats) {
    StringBuilder out = new StringBuilder(stats.summary()).append('\n');
    for (Map.Entry<String, Double> e : stats.figures("node.").entrySet()) {
      out.append(e.getKey()).append(' ').append(e.getValue().longValue()).append('\n');
    }
    return out.toString();
  }

  @Test
  void theRealBinarysOutputParses() {
    ConntrackdStats stats = ConntrackdStats.parse(sample("conntrackd-s-idle.txt"));
    assertThat(stats.external()).isPresent();
    assertThat(stats.udp()).containsEntry("pckts_sent", 1L).containsEntry("bytes_sent", 8L);
    Golden.assertMatches(Path.of("src/test/resources/golden/verify/conntrackd-s-idle.figures.txt"), figures(stats));
  }

  @Test
  void countersOfABusyNodeAreReported() {
    ConntrackdStats stats = ConntrackdStats.parse(sample("conntrackd-s-busy.txt"));
    ConntrackdStats.Cache ext = stats.external().orElseThrow();
    assertThat(ext.active()).isEqualTo(412);
    assertThat(ext.created()).isEqualTo(1530);
    assertThat(ext.createFailed()).isEqualTo(2);
    assertThat(ext.destroyFailed()).isEqualTo(1);
    assertThat(stats.lostMessages()).isEqualTo(3);
    assertThat(stats.figures("gw-a.")).containsEntry("gw-a.external_updated", 8871.0)
        .containsEntry("gw-a.sync_pckts_recv", 981.0);
    Golden.assertMatches(Path.of("src/test/resources/golden/verify/conntrackd-s-busy.figures.txt"), figures(stats));
  }

  @Test
  void withoutAnExternalCacheTheOtherCountersStillParse() {
    String text = sample("conntrackd-s-idle.txt");
    String noExternal = text.substring(0, text.indexOf("cache external:")) + text.substring(text.indexOf("traffic processed:"));
    ConntrackdStats stats = ConntrackdStats.parse(noExternal);
    assertThat(stats.external()).isEmpty();
    assertThat(stats.figures("")).doesNotContainKey("external_active").containsKey("msgs_lost");
  }

  @Test
  void somethingElseIsRefusedSayingWhatIsMissing() {
    assertThatThrownBy(() -> ConntrackdStats.parse("can't connect: is conntrackd running?\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache internal");
    String text = sample("conntrackd-s-idle.txt");
    assertThatThrownBy(() -> ConntrackdStats.parse(text.substring(0, text.indexOf("message tracking:"))))
        .hasMessageContaining("message tracking");
  }
}
