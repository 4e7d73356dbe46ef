package io.haprovision.engine;

import java.nio.file.Path;

/** Golden files under src/test/resources. Delegates to the shared {@link io.haprovision.testing.Golden}. */
final class Golden {
  static final Path ROOT = Path.of("src", "test", "resources");

  private Golden() {}

  static void assertMatches(Path golden, String actual) {
    io.haprovision.testing.Golden.assertMatches(golden, actual);
  }
}
