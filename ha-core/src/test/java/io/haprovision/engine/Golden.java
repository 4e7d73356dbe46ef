package io.haprovision.engine;

import static org.assertj.core.api.Assertions.fail;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Compares output with a golden file under {@code src/test/resources}. A mismatch fails with
 * a unified diff (escape characters shown as {@code \e}); {@code -Dgolden.update=true}
 * rewrites the golden file instead.
 */
final class Golden {
  static final Path ROOT = Path.of("src", "test", "resources");

  private Golden() {}

  static void assertMatches(Path golden, String actual) {
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(golden)) {
        fail("golden file " + golden + " is missing; run with -Dgolden.update=true to create it");
      }
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        List<String> before = Arrays.asList(visible(expected).split("\n", -1));
        List<String> after = Arrays.asList(visible(actual).split("\n", -1));
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
            golden + " (expected)", "actual", before, DiffUtils.diff(before, after), 2);
        fail("output differs from golden file " + golden
            + " (run with -Dgolden.update=true to accept the new output):\n" + String.join("\n", diff));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String visible(String text) {
    return text.replace("\u001B", "\\e");
  }
}
