package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** -v, -vv, --quiet and --log-file are read before picocli, anywhere before a `--`. */
class VerbosityTest {
  @Test
  void levelsAndLogFileFromTheArguments() {
    assertThat(Verbosity.of("plan", "inv.yml")).isEqualTo(new Verbosity(1, null));
    assertThat(Verbosity.of("plan", "-v", "inv.yml").level()).isEqualTo(2);
    assertThat(Verbosity.of("-vv", "plan", "inv.yml").level()).isEqualTo(3);
    assertThat(Verbosity.of("plan", "--verbose", "-vv").level()).as("at most debug").isEqualTo(3);
    assertThat(Verbosity.of("apply", "--quiet", "-v").quiet()).as("--quiet wins").isTrue();
    assertThat(Verbosity.of("apply", "-q").level()).isZero();
    assertThat(Verbosity.of("plan", "--log-file", "/tmp/p.log").logFile()).isEqualTo(Path.of("/tmp/p.log"));
    assertThat(Verbosity.of("plan", "--log-file=p.log").logFile()).isEqualTo(Path.of("p.log"));
    assertThat(Verbosity.of("action", "inv.yml", "x", "--", "-v", "--log-file", "f")).isEqualTo(new Verbosity(1, null));
    assertThat(Verbosity.of("plan", "--log-file")).as("no value: picocli's to refuse").isEqualTo(new Verbosity(1, null));
  }
}
