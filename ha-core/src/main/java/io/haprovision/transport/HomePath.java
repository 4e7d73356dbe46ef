package io.haprovision.transport;

import java.nio.file.Path;

/** Expands {@code ~} in paths from the inventory, as ssh does. */
final class HomePath {
  private HomePath() {}

  /** {@code ~/x} as {@code $HOME/x}; any other path unchanged. */
  static Path expand(Path p) {
    String s = p.toString();
    if (s.equals("~")) {
      return Path.of(System.getProperty("user.home"));
    }
    if (s.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), s.substring(2));
    }
    return p;
  }
}
