package io.haprovision.mikrotik.routeros;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How values are written on the RouterOS command line and in {@code .rsc} scripts: plain
 * when they are a simple word, otherwise in double quotes with RouterOS's escapes
 * ({@code \" \\ \$ \? \n \r \t}), so a value can never end a command or start a new one.
 */
public final class RouterOsSyntax {
  /** Characters a value may hold without quotes (names, numbers, addresses, lists). */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.,:/@+-]+");
  /** A menu path: {@code /interface vrrp}, {@code /routing bgp connection}. */
  private static final Pattern MENU = Pattern.compile("(/[a-z0-9][a-z0-9-]*)( [a-z0-9][a-z0-9-]*)*");
  /** A property name: {@code name}, {@code on-master}, {@code orig-mac-address}. */
  private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9-]*");

  private RouterOsSyntax() {}

  /** {@code value} as one RouterOS token: unchanged when plain, quoted and escaped otherwise. */
  public static String value(String value) {
    if (!value.isEmpty() && PLAIN.matcher(value).matches()) {
      return value;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '$' -> sb.append("\\$");
        case '?' -> sb.append("\\?");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** {@code key=value} pairs separated by blanks, values written with {@link #value}. */
  public static String assignments(Map<String, String> properties) {
    return properties.entrySet().stream()
        .map(e -> e.getKey() + "=" + value(e.getValue()))
        .collect(Collectors.joining(" "));
  }

  /** {@code [find k1=v1 k2=v2]}: the entries whose properties equal these. */
  public static String find(Map<String, String> key) {
    return "[find " + assignments(key) + "]";
  }

  /** True when {@code menu} is a menu path such as {@code /interface vrrp}. */
  public static boolean isMenu(String menu) {
    return menu != null && MENU.matcher(menu).matches();
  }

  /** True when {@code name} is a property name such as {@code on-master}. */
  public static boolean isProperty(String name) {
    return name != null && PROPERTY.matcher(name).matches();
  }
}
