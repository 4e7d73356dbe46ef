package io.haprovision.lab;

import static org.assertj.core.api.Assertions.fail;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden-file assertions: the expected text lives in
 * {@code src/test/resources/io/haprovision/lab/golden/NAME}; a mismatch fails with a
 * unified diff. {@code -Dgolden.update=true} rewrites the file with the actual text
 * (review the change before committing it).
 */
final class Golden {
  private Golden() {}

  static void assertMatches(String name, String actual) throws IOException {
    Path file = Path.of(System.getProperty("basedir", "."))
        .resolve("src/test/resources/io/haprovision/lab/golden").resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail("golden file " + file + " is missing; create it with -Dgolden.update=true. Actual:\n" + actual);
    }
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      List<String> expectedLines = expected.lines().toList();
      List<String> actualLines = actual.lines().toList();
      List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("golden/" + name, "actual", expectedLines,
          DiffUtils.diff(expectedLines, actualLines), 3);
      fail("output differs from golden file " + file
          + " (-Dgolden.update=true rewrites it):\n" + String.join("\n", diff));
    }
  }
}
