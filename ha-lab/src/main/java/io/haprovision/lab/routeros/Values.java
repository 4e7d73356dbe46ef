package io.haprovision.lab.routeros;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RouterOS values in the simulator: checking and normalising property values as RouterOS
 * stores them, the scripting value types, and quoting for {@code /export}.
 */
final class Values {
  /** An internal item id, the value {@code find} returns ({@code *1}). */
  record Id(long value) {
    @Override
    public String toString() {
      return "*" + Long.toHexString(value).toUpperCase(Locale.ROOT);
    }
  }

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@+*,-]+");
  private static final Pattern TIME = Pattern.compile(
      "(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m(?!s))?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
  private static final Pattern CLOCK = Pattern.compile("(?:([0-9]+)d)?([0-9]{1,2}):([0-9]{2}):([0-9]{2})");
  private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
  private static final DateTimeFormatter V6_DATE_IN = new java.time.format.DateTimeFormatterBuilder()
      .parseCaseInsensitive().appendPattern("MMM/dd/yyyy").toFormatter(Locale.ROOT);

  private Values() {}

  /** {@code value} as {@code /export} writes it: plain when simple, else quoted with escapes. */
  static String quote(String value) {
    return quote(value, false);
  }

  /**
   * {@code value} as an export line carries it: like {@link #quote(String)}, but each newline
   * ends the line with a backslash and goes on, indented by 4 blanks, with the escaped newline.
   */
  static String quoteContinued(String value) {
    return quote(value, true);
  }

  private static String quote(String value, boolean continued) {
    if (!value.isEmpty() && PLAIN.matcher(value).matches()) {
      return value;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '$' -> sb.append("\\$");
        case '\n' -> sb.append(continued ? "\\\n    \\n" : "\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\%02X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A scripting value as {@code :put} prints it. */
  static String str(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(v -> parts.add(str(v)));
      return String.join(";", parts);
    }
    return value.toString();
  }

  /** A whole number, or null when {@code value} is not one. */
  static Long num(Object value) {
    if (value instanceof Long n) {
      return n;
    }
    if (value instanceof String s && s.matches("-?[0-9]+")) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Milliseconds of a RouterOS time ({@code 1s}, {@code 50ms}, {@code 00:05:00}, bare seconds), or -1. */
  static long millis(String text) {
    if (text == null || text.isEmpty()) {
      return -1;
    }
    if (text.matches("[0-9]+")) {
      return Long.parseLong(text) * 1000;
    }
    Matcher clock = CLOCK.matcher(text);
    if (clock.matches()) {
      long days = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
      return ((days * 24 + Long.parseLong(clock.group(2))) * 3600
          + Long.parseLong(clock.group(3)) * 60 + Long.parseLong(clock.group(4))) * 1000;
    }
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      return -1;
    }
    long[] factors = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    long total = 0;
    for (int g = 1; g <= 6; g++) {
      if (m.group(g) != null) {
        total += Long.parseLong(m.group(g)) * factors[g - 1];
      }
    }
    return total;
  }

  /** A duration as RouterOS prints it: {@code 0s}, {@code 50ms}, {@code 1m30s}, {@code 1d}. */
  static String time(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long[] factors = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] units = {"w", "d", "h", "m", "s", "ms"};
    long rest = millis;
    for (int k = 0; k < factors.length; k++) {
      if (rest >= factors[k]) {
        sb.append(rest / factors[k]).append(units[k]);
        rest %= factors[k];
      }
    }
    return sb.toString();
  }

  /** The IPv4 address as a number, or -1 when {@code text} is not an address. */
  static long ipv4(String text) {
    Matcher m = IPV4.matcher(text);
    if (!m.matches()) {
      return -1;
    }
    long value = 0;
    for (int g = 1; g <= 4; g++) {
      int octet = Integer.parseInt(m.group(g));
      if (octet > 255) {
        return -1;
      }
      value = value * 256 + octet;
    }
    return value;
  }

  static String ipv4(long value) {
    return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
  }

  /** The network of {@code address/prefix}: {@code 192.0.2.1/24} gives {@code 192.0.2.0}. */
  static String network(String prefix) {
    String[] parts = prefix.split("/");
    int length = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
    long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
    return ipv4(ipv4(parts[0]) & mask);
  }

  /** True when {@code text} is {@code a.b.c.d} or {@code a.b.c.d/n}. */
  static boolean isPrefix(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length > 2 || ipv4(parts[0]) < 0) {
      return false;
    }
    return parts.length == 1 || (parts[1].matches("[0-9]{1,2}") && Integer.parseInt(parts[1]) <= 32);
  }

  /** A date in either dialect's form, or null. */
  static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text, V6_DATE_IN);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  /** A time of day {@code HH:MM:SS} (or {@code H:MM}), or null. */
  static LocalTime timeOfDay(String text) {
    Matcher m = Pattern.compile("([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?").matcher(text);
    if (!m.matches()) {
      return null;
    }
    int h = Integer.parseInt(m.group(1));
    int min = Integer.parseInt(m.group(2));
    int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (h > 23 || min > 59 || s > 59) {
      return null;
    }
    return LocalTime.of(h, min, s);
  }
}
