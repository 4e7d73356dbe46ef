package io.haprovision.openwrt.uci;

import io.haprovision.error.InternalException;
import java.util.regex.Pattern;

/**
 * The spelling rules of UCI names, as libuci enforces them: a config (package) is a file
 * name under {@code /etc/config}, a section is a named section ({@code lan}) or an
 * anonymous one addressed by type and index ({@code @dnsmasq[0]}), an option is a word.
 * Checking them here keeps every {@code uci} command line one harmless shell word per
 * argument and every resource key unambiguous.
 */
public final class UciNames {
  private static final Pattern CONFIG = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern ANONYMOUS = Pattern.compile("@[A-Za-z0-9_]+\\[-?[0-9]+]");

  private UciNames() {}

  /** True for a valid config name ({@code dhcp}, {@code keepalived}). */
  public static boolean isConfig(String name) {
    return name != null && CONFIG.matcher(name).matches();
  }

  /** True for a valid named section or option name ({@code lan}, {@code dhcp_option}). */
  public static boolean isName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** True for a section reference: a name, or {@code @type[index]} for an anonymous section. */
  public static boolean isSectionRef(String ref) {
    return ref != null && (NAME.matcher(ref).matches() || ANONYMOUS.matcher(ref).matches());
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
