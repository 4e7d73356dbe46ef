package io.haprovision.keepalived;

import java.nio.file.Path;

/** Golden files under src/test/resources/io/haprovision/keepalived/golden. Delegates to the shared {@link io.haprovision.testing.Golden}. */
final class Golden {
  private Golden() {}

  static void assertMatches(String actual, String name) {
    io.haprovision.testing.Golden.assertMatches(Path.of("src/test/resources/io/haprovision/keepalived/golden", name), actual);
  }
}
