package io.haprovision.mikrotik;

import io.haprovision.inventory.PairSpec;

/** The test inventories and golden files of this module, for tests in other packages. */
public final class MikrotikTestSupport {
  private MikrotikTestSupport() {}

  /** The example inventory's pair (RouterOS 7). */
  public static PairSpec example() {
    return Inventories.pair(Inventories.example());
  }

  /** The example as RouterOS 6. */
  public static PairSpec exampleOnSix() {
    return Inventories.pair(Inventories.replace(Inventories.example(), "routeros: 7 ", "routeros: 6 ")
        .replace("versions: \"7.12..7\"", "versions: \"6.44..6.49\""));
  }

  /** A pair from inventory text, loaded with only this platform installed. */
  public static PairSpec pair(String yaml) {
    return Inventories.pair(yaml);
  }

  /** Fails with a readable diff unless {@code actual} equals golden file {@code name}. */
  public static void assertGolden(String actual, String name) {
    Golden.assertMatches(actual, name);
  }
}
