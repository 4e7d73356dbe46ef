package io.haprovision.openwrt.uci;

import io.haprovision.error.InternalException;

/**
 * The spelling rules of UCI names, as libuci enforces them: a config (package) is a file
 * name under {@code /etc/config}, a section is a named section ({@code lan}) or an
 * anonymous one addressed by type and index ({@code @dnsmasq[0]}), an option is a word.
 * Checking them here keeps every {@code uci} command line one harmless shell word per
 * argument and every resource key unambiguous.
 */
public final class UciNames {
  private UciNames() {}

  /** True for a valid config name ({@code dhcp}, {@code keepalived}): {@code [A-Za-z0-9_-]+}. */
  public static boolean isConfig(String name) {
    return name != null && isWord(name, 0, name.length(), true);
  }

  /** True for a valid named section or option name ({@code lan}, {@code dhcp_option}): {@code [A-Za-z0-9_]+}. */
  public static boolean isName(String name) {
    return name != null && isWord(name, 0, name.length(), false);
  }

  /**
   * True for a section reference: a name, or {@code @type[index]} for an anonymous section
   * ({@code @[A-Za-z0-9_]+\[-?[0-9]+]}).
   */
  public static boolean isSectionRef(String ref) {
    if (ref == null) {
      return false;
    }
    if (!ref.startsWith("@")) {
      return isName(ref);
    }
    int open = ref.indexOf('[');
    if (open < 0 || !ref.endsWith("]") || !isWord(ref, 1, open, false)) {
      return false;
    }
    int digits = ref.charAt(open + 1) == '-' ? open + 2 : open + 1;
    int end = ref.length() - 1;
    if (digits >= end) {
      return false;
    }
    for (int i = digits; i < end; i++) {
      if (ref.charAt(i) < '0' || ref.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks by hand rather than by regular expression: every line of every {@code uci show} a
   * run reads passes through here, and a matcher per check was most of a large fleet's garbage.
   */
  private static boolean isWord(String text, int from, int to, boolean dashAllowed) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || (dashAllowed && c == '-');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code value} can be a UCI value: no NUL and no line break (uci stores one line). */
  public static boolean isValue(String value) {
    return value != null && value.indexOf('\0') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
  }

  static String config(String name) {
    if (!isConfig(name)) {
      throw new InternalException("UCI config name must match [A-Za-z0-9_-]+, got '" + name + "'");
    }
    return name;
  }

  static String sectionRef(String ref) {
    if (!isSectionRef(ref)) {
      throw new InternalException("UCI section must be a name [A-Za-z0-9_]+ or @type[index], got '" + ref + "'");
    }
    return ref;
  }

  static String name(String name, String what) {
    if (!isName(name)) {
      throw new InternalException("UCI " + what + " must match [A-Za-z0-9_]+, got '" + name + "'");
    }
    return name;
  }

  static String value(String value, String where) {
    if (!isValue(value)) {
      throw new InternalException("UCI value of " + where + " must be one line without NUL");
    }
    return value;
  }

  /**
   * A value as {@code uci show} prints it: single-quoted, each embedded {@code '} written
   * {@code '\''}.
   */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
