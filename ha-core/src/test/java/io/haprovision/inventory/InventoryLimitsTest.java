package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.change;
import static io.haprovision.inventory.InventoryTesting.fail;
import static io.haprovision.inventory.InventoryTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.error.InventoryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, points 3 and 6: the limits a hostile file runs into are ours, with a position and
 * our words; before, deep nesting got the YAML library's message and no line, a 6 MB line took
 * 15 s of CPU before its refusal, and a too-large integer was "expected a whole number, found an
 * integer".
 */
class InventoryLimitsTest {
  @Test
  void nestingDeeperThanAnInventoryNeedsIsRefusedWhereItHappens() {
    String yaml = "version: 1\npairs: " + "[".repeat(200) + "]".repeat(200) + "\n";
    Problem p = only(fail(yaml), "yaml.too-deep");
    assertThat(p.location().line()).isEqualTo(2);
    assertThat(p.location().column()).as("the list that makes 65 levels with the top map").isEqualTo(8 + 63);
    assertThat(p.message()).isEqualTo("maps and lists nest deeper than 64 levels here");
    assertThat(p.message() + p.fix()).doesNotContain("StreamReadConstraints").doesNotContain("snakeyaml");
  }

  @Test
  @Timeout(5) // a 6 MB line used to take 15 s of CPU
  void aPathologicalLineIsRefusedAtOnce() {
    String yaml = BASE + "x: " + "y".repeat(6_000_000) + "\n";
    int line = (int) BASE.chars().filter(c -> c == '\n').count() + 1;
    Problem p = only(fail(yaml), "yaml.line-too-long");
    assertThat(p.location()).isEqualTo(new Location(InventoryTesting.FILE, line, 10_001));
    assertThat(p.message()).isEqualTo("line " + line + " is 6000003 characters long; an inventory line is at most"
        + " 10000");
    String huge = "# " + "z".repeat(9_000) + "\n";
    Problem big = only(fail(huge.repeat(1000)), "yaml.too-large");
    assertThat(big.location()).isEqualTo(new Location(InventoryTesting.FILE, 1, 1));
  }

  @Test
  void anIntegerTooLargeForAnyFieldIsOutOfRange() {
    String yaml = change(BASE, "virtual_router_id: 51", "virtual_router_id: 99999999999999999999");
    Problem p = only(fail(yaml), "value.range");
    assertThat(p.keyPath()).isEqualTo("pairs[0].vrrp.instances[0].virtual_router_id");
    assertThat(p.message()).isEqualTo("value 99999999999999999999 is out of range");
    assertThat(fail(yaml).getMessage()).doesNotContain("found an integer");
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.yml");
    Files.write(file, ("\uFEFF" + change(BASE, "version: 1", "versio: 1")).getBytes(StandardCharsets.UTF_8));
    InventoryException e = org.assertj.core.api.Assertions.catchThrowableOfType(InventoryException.class,
        () -> InventoryTesting.loader().load(file));
    Problem p = only(e, "key.unknown");
    assertThat(p.message()).startsWith("unknown key `versio`").doesNotContain("\uFEFF");
    assertThat(p.location()).isEqualTo(new Location(file.toString(), 1, 1));
  }
}
