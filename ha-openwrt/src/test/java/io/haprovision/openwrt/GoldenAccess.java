package io.haprovision.openwrt;

/** Lets tests in sub-packages use {@link Golden}. */
public final class GoldenAccess {
  private GoldenAccess() {}

  /** As {@link Golden#assertMatches}. */
  public static void assertMatches(String actual, String name) {
    Golden.assertMatches(actual, name);
  }
}
