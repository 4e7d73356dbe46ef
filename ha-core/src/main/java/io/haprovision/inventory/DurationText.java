package io.haprovision.inventory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the inventory and the CLI's options write them: {@code 500ms}, {@code 10s},
 * {@code 2m}, {@code 1h}, or a number of seconds ({@code 2.5}). One reading for both, so an
 * option takes exactly what a key takes.
 */
public final class DurationText {
  /** The syntax, as a regular expression both Java and JSON Schema (ECMA 262) read alike. */
  public static final String SYNTAX = "([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|h)?";
  private static final Pattern DURATION = Pattern.compile(SYNTAX);

  private DurationText() {}

  /**
   * {@code text} as a duration, rounded down to whole milliseconds (so {@code 0.0001s} is zero);
   * empty when it is not written as one.
   */
  public static Optional<Duration> parse(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    BigDecimal millis = switch (unit) {
      case "ms" -> amount;
      case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
      case "h" -> amount.multiply(BigDecimal.valueOf(3_600_000));
      default -> amount.multiply(BigDecimal.valueOf(1_000));
    };
    return Optional.of(Duration.ofMillis(millis.longValue()));
  }
}
