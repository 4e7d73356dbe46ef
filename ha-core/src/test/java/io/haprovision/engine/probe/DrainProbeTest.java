package io.haprovision.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.keepalived.DrainFile;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.ProbeOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keepalived probe reads the drain file the platform names, as {@code sh} runs it here: the
 * number in it whether or not it ends in a newline, nothing when it is missing or not a number,
 * and no {@code drain=} line at all for a platform without a drain file (so the scripts recorded
 * for FactsGoldenTest stay the engine's scripts).
 */
class DrainProbeTest {
  @TempDir
  Path dir;

  private KeepalivedProcess probe(KeepalivedControl control) throws IOException, InterruptedException {
    String script = NodeProbes.keepalivedPreamble(control) + NodeProbes.keepalived(control).snippet();
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return NodeProbes.parseKeepalived(new ProbeOutput(NodeProbes.KEEPALIVED, "local", out, "", p.exitValue()));
  }

  private KeepalivedControl control(String content) throws IOException {
    Path file = dir.resolve("ha-provision.drain");
    if (content != null) {
      Files.writeString(file, content);
    }
    return KeepalivedControl.auto().withDrainFile(new DrainFile(file.toString()));
  }

  @Test
  void theDrainValueIsReadAndJudged() throws Exception {
    assertThat(probe(control("-254\n")).drainValue()).isEqualTo(OptionalInt.of(-254));
    assertThat(probe(control("-254\n")).drained()).isTrue();
    assertThat(probe(control("-254")).drained()).as("no final newline").isTrue();
    assertThat(probe(control("0\n")).drained()).isFalse();
    assertThat(probe(control("253\n")).drainValue()).isEqualTo(OptionalInt.of(253));
    assertThat(probe(control("253\n")).drained()).isFalse();
    assertThat(probe(control("drained\n")).drainValue()).isEmpty();
  }

  @Test
  void aMissingFileOrNoDrainFileIsNoValue() throws Exception {
    assertThat(probe(control(null)).drainValue()).isEmpty();
    assertThat(probe(KeepalivedControl.auto()).drainValue()).isEmpty();
    assertThat(NodeProbes.keepalived(KeepalivedControl.auto()).snippet()).doesNotContain("drain");
  }
}
