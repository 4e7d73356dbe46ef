package io.haprovision.mikrotik;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What ha-provision accepts as RouterOS names and MAC addresses in an inventory. */
final class RouterOsNames {
  /**
   * Interface, VRRP, script and identity names: RouterOS takes more, but these never need
   * quoting in a command and read the same in every menu.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
  private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

  private RouterOsNames() {}

  /** Why {@code name} is not accepted, or empty. */
  static Optional<String> nameProblem(String name) {
    return NAME.matcher(name).matches()
        ? Optional.empty()
        : Optional.of("`" + name + "` is not a name ha-provision accepts for RouterOS");
  }

  /** The fix for {@link #nameProblem}. */
  static final String NAME_FIX = "use letters, digits and _ . + - (at most 64, starting with a letter or digit)";

  /** The MAC in RouterOS's spelling (upper case, colons), or empty when malformed. */
  static Optional<String> mac(String text) {
    String t = text.strip();
    return MAC.matcher(t).matches() ? Optional.of(t.toUpperCase(Locale.ROOT)) : Optional.empty();
  }

  /** True for a group (multicast or broadcast) MAC, which no port has as its own. */
  static boolean groupMac(String mac) {
    return (Integer.parseInt(mac.substring(0, 2), 16) & 1) == 1;
  }
}
