package io.haprovision.engine;

import io.haprovision.transport.ExecResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands and their real results, stored one file per part under a folder:
 * {@code exec-N.command}, {@code exec-N.stdin}, {@code exec-N.stdout}, {@code exec-N.stderr},
 * {@code exec-N.exit}. Byte-exact, so a replay hands the parsers exactly what the node printed.
 */
record Recording(List<Exec> execs) {
  /** One recorded command. */
  record Exec(String command, String stdin, ExecResult result) {}

  static Recording read(Path dir) {
    List<Exec> out = new ArrayList<>();
    for (int i = 1; Files.exists(dir.resolve("exec-" + i + ".command")); i++) {
      out.add(new Exec(text(dir, i, "command"), text(dir, i, "stdin"),
          new ExecResult(Integer.parseInt(text(dir, i, "exit").trim()), text(dir, i, "stdout"), text(dir, i, "stderr"))));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no recording under " + dir);
    }
    return new Recording(out);
  }

  void write(Path dir) {
    try {
      Files.createDirectories(dir);
      try (var old = Files.list(dir)) {
        for (Path p : old.toList()) {
          if (p.getFileName().toString().startsWith("exec-")) {
            Files.delete(p);
          }
        }
      }
      for (int i = 0; i < execs.size(); i++) {
        Exec e = execs.get(i);
        int n = i + 1;
        write(dir, n, "command", e.command());
        write(dir, n, "stdin", e.stdin());
        write(dir, n, "stdout", e.result().stdout());
        write(dir, n, "stderr", e.result().stderr());
        write(dir, n, "exit", e.result().exitCode() + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Path dir, int n, String part) {
    try {
      return Files.readString(dir.resolve("exec-" + n + "." + part), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path dir, int n, String part, String text) throws IOException {
    Files.writeString(dir.resolve("exec-" + n + "." + part), text, StandardCharsets.UTF_8);
  }
}
