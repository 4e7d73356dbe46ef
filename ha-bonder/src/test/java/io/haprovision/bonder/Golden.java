package io.haprovision.bonder;

import java.nio.file.Path;

/** Golden files under src/test/resources/io/haprovision/bonder/golden. Delegates to the shared {@link io.haprovision.testing.Golden}. */
final class Golden {
  private Golden() {}

  static void assertMatches(String actual, String name) {
    io.haprovision.testing.Golden.assertMatches(Path.of("src/test/resources/io/haprovision/bonder/golden", name), actual);
  }
}
