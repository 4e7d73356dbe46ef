package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** -v, -vv, --quiet and --log-file as picocli parses them, before or after the command. */
class VerbosityTest {
  private static Verbosity of(String... args) {
    return Verbosity.of(ProvisionCommand.commandLine().parseArgs(args));
  }

  @Test
  void levelsAndLogFileFromTheArguments() {
    assertThat(of("plan", "inv.yml")).isEqualTo(new Verbosity(1, null));
    assertThat(of("plan", "-v", "inv.yml").level()).isEqualTo(2);
    assertThat(of("-vv", "plan", "inv.yml").level()).isEqualTo(3);
    assertThat(of("-v", "plan", "inv.yml", "-v").level()).as("before and after the command").isEqualTo(3);
    assertThat(of("plan", "inv.yml", "--verbose", "-vv").level()).as("at most debug").isEqualTo(3);
    assertThat(of("apply", "inv.yml", "--quiet", "-v").quiet()).as("--quiet wins").isTrue();
    assertThat(of("apply", "inv.yml", "-q").level()).isZero();
    assertThat(of("plan", "inv.yml", "--log-file", "/tmp/p.log").logFile()).isEqualTo(Path.of("/tmp/p.log"));
    assertThat(of("lab", "fleet", "--pairs", "2", "--recording", "r", "--log-file=p.log").logFile())
        .isEqualTo(Path.of("p.log"));
  }
}
