package io.haprovision.keepalived;

import io.haprovision.error.InternalException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checks that keep every value of the model a single, harmless keepalived.conf
 * token, so that rendering can never produce a file whose structure differs from the
 * model (a newline or a brace in a name would open or close a block; {@code #} and
 * {@code !} start comments; a quote would end a command early).
 */
final class ConfSyntax {
  private ConfSyntax() {}

  /** A name-like token; {@code what} says which field, for the message. */
  static String name(String value, String what) {
    KeepalivedSyntax.nameProblem(value).ifPresent(why -> {
      throw new InternalException("keepalived.conf: " + what + " " + show(value) + " " + why);
    });
    return value;
  }

  /** Every element a name-like token. */
  static List<String> names(List<String> values, String what) {
    List<String> copy = List.copyOf(values);
    copy.forEach(v -> name(v, what));
    return copy;
  }

  /** An IP address, with or without prefix length. */
  static String address(String value, String what) {
    KeepalivedSyntax.addressProblem(value).ifPresent(why -> {
      throw new InternalException("keepalived.conf: " + what + " " + show(value) + " " + why);
    });
    return value;
  }

  /** Every element an IP address. */
  static List<String> addresses(List<String> values, String what) {
    List<String> copy = List.copyOf(values);
    copy.forEach(v -> address(v, what));
    return copy;
  }

  /** A command keepalived runs (script, notify): rendered inside double quotes, so no quote, backslash, brace, comment character or control character. */
  static String command(String value, String what) {
    KeepalivedSyntax.commandProblem(value).ifPresent(why -> {
      throw new InternalException("keepalived.conf: " + what + " " + show(value) + " " + why);
    });
    return value;
  }

  /** The same check for an optional command. */
  static Optional<String> command(Optional<String> value, String what) {
    value.ifPresent(v -> command(v, what));
    return value;
  }

  /** An integer within bounds. */
  static int range(int value, int min, int max, String what) {
    if (value < min || value > max) {
      throw new InternalException("keepalived.conf: " + what + " " + value + " is outside "
          + min + ".." + max);
    }
    return value;
  }

  /** An optional integer within bounds. */
  static OptionalInt range(OptionalInt value, int min, int max, String what) {
    value.ifPresent(v -> range(v, min, max, what));
    return value;
  }

  /** A number of seconds as keepalived wants it: {@code 1}, {@code 0.1}, never {@code 1.00} or {@code 1E+1}. */
  static String seconds(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  /** The value quoted for a message; a null shows as {@code null}. Never call with a secret. */
  static String show(String value) {
    if (value == null) {
      return "null";
    }
    return "'" + value.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }
}
