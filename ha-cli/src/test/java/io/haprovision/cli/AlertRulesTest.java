package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.cli.watch.WatchMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, point 2: the rules shipped in deploy/prometheus/ pass {@code promtool check rules}
 * and their unit tests ({@code promtool test rules}, from Debian's prometheus package, which
 * scripts/setup-debian.sh installs), and name only metrics {@code provision watch} serves.
 */
class AlertRulesTest {
  static final Path RULES = Path.of("..", "deploy", "prometheus", "ha-provision.rules.yml");
  static final Path RULE_TESTS = Path.of("..", "deploy", "prometheus", "ha-provision.rules.test.yml");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @TempDir
  Path dir;

  private static String promtool(Path workDir, String... args) throws IOException, InterruptedException {
    assertThat(PROMTOOL).as("promtool (Debian package prometheus; bash scripts/setup-debian.sh installs it)")
        .isExecutable();
    List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + "\n" + out;
  }

  @Test
  void theRulesPassPromtoolsCheckAndTheirTests() throws Exception {
    Path folder = RULES.getParent();
    assertThat(promtool(folder, "check", "rules", RULES.getFileName().toString())).startsWith("0\n")
        .contains("SUCCESS");
    assertThat(promtool(folder, "test", "rules", RULE_TESTS.getFileName().toString())).startsWith("0\n")
        .contains("SUCCESS");
  }

  /** The rule tests can fail: a split-brain alert that waits too long is caught. */
  @Test
  void theRuleTestsCatchAChangedRule() throws Exception {
    Files.writeString(dir.resolve("ha-provision.rules.yml"), Files.readString(RULES)
        .replace("expr: haprovision_instance_masters > 1\n        for: 10s", "expr: haprovision_instance_masters > 1\n"
            + "        for: 1m"));
    Files.copy(RULE_TESTS, dir.resolve("ha-provision.rules.test.yml"));
    assertThat(promtool(dir, "test", "rules", "ha-provision.rules.test.yml")).doesNotStartWith("0\n")
        .contains("HaProvisionSplitBrain");
  }

  @Test
  void theRulesNameOnlyMetricsTheWatchServes() throws IOException {
    Set<String> served = new TreeSet<>();
    new WatchMetrics(List.of()).registry().scrape().forEach(m -> served.add(m.getMetadata().getPrometheusName()));
    Set<String> used = new TreeSet<>();
    Matcher m = Pattern.compile("\\bhaprovision_[a-z_]+").matcher(Files.readString(RULES));
    while (m.find()) {
      used.add(m.group());
    }
    assertThat(used).isNotEmpty();
    assertThat(served).containsAll(used);
  }
}
