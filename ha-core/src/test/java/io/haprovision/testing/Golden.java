package io.haprovision.testing;

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
 * Golden-file assertions shared by every module's tests (ha-core's test jar). A mismatch
 * fails with a unified diff (escape characters shown as {@code \e}, so colored output is
 * readable); {@code -Dgolden.update=true} rewrites the golden file instead, for review in
 * the diff of the commit.
 */
public final class Golden {
  private Golden() {
  }

  /** Compares {@code actual} with the golden file {@code golden} (relative to the module). */
  public static void assertMatches(Path golden, String actual) {
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(golden.toAbsolutePath().getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(golden)) {
        fail("golden file " + golden.toAbsolutePath() + " is missing; run with -Dgolden.update=true to create it."
            + " Actual:\n" + actual);
      }
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        List<String> before = Arrays.asList(visible(expected).split("\n", -1));
        List<String> after = Arrays.asList(visible(actual).split("\n", -1));
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
            golden + " (expected)", "actual", before, DiffUtils.diff(before, after), 2);
        fail("output differs from golden file " + golden
            + " (run with -Dgolden.update=true to accept the new output):\n"
            + (diff.isEmpty() ? "(only line endings differ)" : String.join("\n", diff)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String visible(String text) {
    return text.replace("\u001B", "\\e");
  }
}
