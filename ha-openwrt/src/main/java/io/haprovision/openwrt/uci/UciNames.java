package io.haprovision.openwrt.uci;

import com.google.common.base.CharMatcher;
import io.haprovision.error.InternalException;

/**
 * The spelling rules of UCI names, as libuci enforces them: a config (package) is a file
 * name under {@code /etc/config}, a section is a named section ({@code lan}) or an
 * anonymous one addressed by type and index ({@code @dnsmasq[0]}), an option is a word.
 * Checking them here keeps every {@code uci} command line one harmless shell word per
 * argument and every resource key unambiguous.
 */
public final class UciNames {
  /**
   * The characters of a name, {@code [A-Za-z0-9_]}; a config may also hold {@code -}. Character
   * matchers, not regular expressions: every line of every {@code uci show} a run reads passes
   * here, and a matcher object per check was most of a large fleet's garbage.
   */
  private static final CharMatcher NAME = CharMatcher.inRange('a', 'z').or(CharMatcher.inRange('A', 'Z'))
      .or(CharMatcher.inRange('0', '9')).or(CharMatcher.is('_')).precomputed();
  private static final CharMatcher CONFIG = NAME.or(CharMatcher.is('-')).precomputed();
  private static final CharMatcher DIGIT = CharMatcher.inRange('0', '9');

  private UciNames() {}

  /** True for a valid config name ({@code dhcp}, {@code keepalived}): {@code [A-Za-z0-9_-]+}. */
  public static boolean isConfig(String name) {
    return name != null && !name.isEmpty() && CONFIG.matchesAllOf(name);
  }

  /** True for a valid named section or option name ({@code lan}, {@code dhcp_option}): {@code [A-Za-z0-9_]+}. */
  public static boolean isName(String name) {
    return name != null && !name.isEmpty() && NAME.matchesAllOf(name);
  }

  /**
   * True for a section reference: a name, or {@code @type[index]} for an anonymous section
   * ({@code @[A-Za-z0-9_]+\[-?[0-9]+]}).
   */
  public static boolean isSectionRef(String ref) {
    if (ref == null || !ref.startsWith("@")) {
      return isName(ref);
    }
    int open = ref.indexOf('[');
    if (open < 0 || !ref.endsWith("]") || !isName(ref.substring(1, open))) {
      return false;
    }
    String index = ref.substring(ref.charAt(open + 1) == '-' ? open + 2 : open + 1, ref.length() - 1);
    return !index.isEmpty() && DIGIT.matchesAllOf(index);
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
