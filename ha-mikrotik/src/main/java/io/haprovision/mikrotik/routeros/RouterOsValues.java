package io.haprovision.mikrotik.routeros;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares property values the way RouterOS means them rather than the way it prints them:
 * {@code yes}/{@code true}, {@code 1s}/{@code 00:00:01}/{@code 1000ms}, CRLF or LF line ends
 * in script sources, surrounding quotes. Without this a router that holds exactly what the
 * inventory says would still show changes on every plan.
 */
public final class RouterOsValues {
  /** {@code 1w2d3h4m5s100ms} and any subset, in that order. */
  private static final Pattern UNITS = Pattern.compile(
      "(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m(?!s))?(?:([0-9]+(?:\\.[0-9]+)?)s)?(?:([0-9]+)ms)?");
  /** {@code 00:00:01}, {@code 1d00:00:01}, {@code 00:00:00.1}. */
  private static final Pattern CLOCK = Pattern.compile("(?:([0-9]+)d)?([0-9]{1,2}):([0-9]{2}):([0-9]{2}(?:\\.[0-9]+)?)");

  private RouterOsValues() {}

  /** True when RouterOS treats the two values as the same setting. */
  public static boolean same(String a, String b) {
    return canonical(a).equals(canonical(b));
  }

  /** The value in one spelling for comparison (not for sending to a router). */
  public static String canonical(String value) {
    if (value == null) {
      return "";
    }
    String v = value.replace("\r\n", "\n").replace('\r', '\n');
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    v = v.strip();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals("yes") || lower.equals("true")) {
      return "yes";
    }
    if (lower.equals("no") || lower.equals("false")) {
      return "no";
    }
    return millis(v).map(ms -> "time:" + ms).orElse(v);
  }

  /** Milliseconds of a RouterOS time value ({@code 1s}, {@code 100ms}, {@code 00:00:01}); empty otherwise. */
  public static Optional<Long> millis(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    Matcher clock = CLOCK.matcher(value);
    if (clock.matches()) {
      BigDecimal seconds = new BigDecimal(clock.group(4))
          .add(BigDecimal.valueOf(Long.parseLong(clock.group(3)) * 60))
          .add(BigDecimal.valueOf(Long.parseLong(clock.group(2)) * 3600))
          .add(BigDecimal.valueOf(clock.group(1) == null ? 0 : Long.parseLong(clock.group(1)) * 86_400));
      return Optional.of(seconds.movePointRight(3).longValue());
    }
    Matcher units = UNITS.matcher(value);
    if (!units.matches() || !value.matches(".*[a-z]$")) {
      return Optional.empty();
    }
    long ms = 0;
    long[] factors = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L};
    for (int g = 1; g <= 4; g++) {
      if (units.group(g) != null) {
        ms += Long.parseLong(units.group(g)) * factors[g - 1];
      }
    }
    if (units.group(5) != null) {
      ms += new BigDecimal(units.group(5)).movePointRight(3).longValue();
    }
    if (units.group(6) != null) {
      ms += Long.parseLong(units.group(6));
    }
    return Optional.of(ms);
  }

  /**
   * The seconds of a RouterOS time ({@code 1s}, {@code 100ms}, {@code 00:00:01}) as the
   * inventory writes them ({@code 1}, {@code 0.1}); {@code fallback} when it is no time.
   */
  public static BigDecimal seconds(String value, BigDecimal fallback) {
    return millis(value).map(ms -> BigDecimal.valueOf(ms).movePointLeft(3).stripTrailingZeros()).orElse(fallback);
  }

  /**
   * A number of seconds as RouterOS prints a time: {@code 1s}, {@code 100ms},
   * {@code 1s500ms}. Sub-millisecond parts are dropped (RouterOS has none).
   */
  public static String time(BigDecimal seconds) {
    long ms = seconds.movePointRight(3).longValue();
    if (ms % 1000 == 0) {
      return (ms / 1000) + "s";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    return (ms / 1000) + "s" + (ms % 1000) + "ms";
  }
}
