package io.haprovision.bonder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problem;
import io.haprovision.spi.Targets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads test inventories through the real loader with only this platform installed. */
final class Inventories {
  /** The example inventory shipped in the repository. */
  static final Path EXAMPLE = Path.of("..", "inventories", "bonder-pair.yml");
  /** A password no other text contains, to prove it leaks nowhere. */
  static final String PASSWORD = "Mk7'q\"x\\Z-api-marker";
  /** The environment the tests load with. */
  static final Map<String, String> ENV = Map.of("BONDER_API_PASSWORD", PASSWORD);

  private Inventories() {}

  static InventoryLoader loader() {
    return new InventoryLoader().withTargets(Targets.of(new BonderTarget())).withEnvironment(ENV);
  }

  static String example() {
    try {
      return Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Inventory load(String yaml) {
    return loader().load(yaml, "test.yml", null);
  }

  static PairSpec pair(String yaml) {
    return load(yaml).pairs().get(0);
  }

  static List<Problem> problems(String yaml) {
    InventoryException[] caught = new InventoryException[1];
    assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(InventoryException.class, e -> caught[0] = e);
    return caught[0].problems();
  }

  /** The problem with {@code rule}; fails listing all problems when there is none or several. */
  static Problem only(List<Problem> problems, String rule) {
    List<Problem> matching = problems.stream().filter(p -> p.rule().equals(rule)).toList();
    assertThat(matching).as("problems with rule %s among %s", rule, problems).hasSize(1);
    return matching.get(0);
  }

  /** {@code p} is at {@code keyPath}, on the line of {@code yaml} holding {@code marker}, with a fix. */
  static void assertAt(Problem p, String keyPath, String yaml, String marker) {
    assertThat(p.keyPath()).isEqualTo(keyPath);
    assertThat(p.location().file()).isEqualTo("test.yml");
    List<String> lines = yaml.lines().toList();
    int line = 0;
    for (int i = 0; i < lines.size() && line == 0; i++) {
      if (lines.get(i).contains(marker)) {
        line = i + 1;
      }
    }
    assertThat(line).as("a line holding %s", marker).isPositive();
    assertThat(p.location().line()).as("line of %s", p).isEqualTo(line);
    assertThat(p.fix()).isNotBlank();
  }

  /** {@code text} with {@code from} replaced once; fails the test when {@code from} is not there. */
  static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new AssertionError("test inventory does not contain: " + from);
    }
    return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }
}
