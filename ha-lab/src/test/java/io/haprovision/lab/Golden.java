package io.haprovision.lab;

import java.nio.file.Path;

/** Golden files under src/test/resources/io/haprovision/lab/golden. Delegates to the shared {@link io.haprovision.testing.Golden}. */
final class Golden {
  private Golden() {}

  static void assertMatches(String name, String actual) {
    io.haprovision.testing.Golden.assertMatches(Path.of("src/test/resources/io/haprovision/lab/golden", name), actual);
  }
}
