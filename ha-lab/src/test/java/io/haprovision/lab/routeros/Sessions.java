package io.haprovision.lab.routeros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the simulator's tests: fixtures, a fixed clock, and session transcripts. */
final class Sessions {
  static final Path FIXTURES = Path.of("src/test/resources/io/haprovision/lab/routeros");
  static final Path GOLDEN = FIXTURES.resolve("golden");
  /** The ha-mikrotik golden files whose hook scripts and startup guard must run in the simulator. */
  static final Path MIKROTIK_GOLDEN = Path.of("../ha-mikrotik/src/test/resources/io/haprovision/mikrotik/golden");
  static final LocalDateTime START = LocalDateTime.of(2026, 11, 22, 5, 20, 11);

  private Sessions() {}

  static RouterOsLab.Spec spec(RouterOsDialect dialect) {
    return RouterOsLab.Spec.of(dialect, dialect == RouterOsDialect.V6 ? "6.44.6" : "7.12.1").clockStart(START);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs each {@code ### title} section of {@code fixture} as its own console script on
   * {@code router} and returns the transcript: title, script, and its output.
   */
  static String transcript(SimulatedRouter router, Path fixture) {
    List<String[]> sections = new ArrayList<>();
    String title = null;
    StringBuilder script = new StringBuilder();
    for (String line : read(fixture).split("\n", -1)) {
      if (line.startsWith("### ")) {
        if (title != null) {
          sections.add(new String[] {title, script.toString()});
        }
        title = line.substring(4);
        script.setLength(0);
      } else if (title != null && !(line.isEmpty() && script.length() == 0)) {
        script.append(line).append('\n');
      }
    }
    if (title != null) {
      sections.add(new String[] {title, script.toString()});
    }
    StringBuilder out = new StringBuilder();
    for (String[] section : sections) {
      out.append("### ").append(section[0]).append('\n').append(section[1].strip()).append('\n');
      out.append("--- output\n").append(router.console(section[1])).append('\n');
    }
    return out.toString();
  }
}
