package io.haprovision.bonder;

import static org.assertj.core.api.Assertions.fail;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden-file assertion: compares text with a file under
 * {@code src/test/resources/io/haprovision/bonder/golden} and fails with a unified diff.
 * {@code -Dgolden.update=true} rewrites the file instead.
 */
final class Golden {
  private static final Path ROOT = Path.of("src", "test", "resources", "io", "haprovision", "bonder", "golden");

  private Golden() {}

  static void assertMatches(String actual, String name) {
    Path file = ROOT.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        fail("golden file " + file.toAbsolutePath() + " is missing; run with -Dgolden.update=true to create it");
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        List<String> expectedLines = expected.lines().toList();
        Patch<String> patch = DiffUtils.diff(expectedLines, actual.lines().toList());
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("golden/" + name, "rendered", expectedLines, patch, 3);
        fail("rendered text differs from golden file " + file + " (rerun with -Dgolden.update=true if the change"
            + " is intended):\n" + (diff.isEmpty() ? "(only line endings differ)" : String.join("\n", diff)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
