package io.haprovision.keepalived;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What keepalived.conf can carry, for inventory validation to check user input with the
 * same rules the model enforces (the model throws {@link io.haprovision.error.InternalException}
 * when a value gets that far; validation should have turned it into an inventory problem).
 *
 * <p>Each method returns why the value cannot be rendered, or empty when it can.
 */
public final class KeepalivedSyntax {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}");
  private static final Pattern ADDRESS =
      Pattern.compile("(?:[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/[0-9]{1,3})?");
  private static final Pattern COMMAND_FORBIDDEN = Pattern.compile("[\"\\\\{}#!\\p{Cntrl}]");
  private static final Pattern PASSWORD = Pattern.compile("[\\x21-\\x7e&&[^\"'\\\\{}#!]]{1,8}");

  private KeepalivedSyntax() {}

  /**
   * A name keepalived.conf takes as one token (instance, script and sync group names,
   * router ids, interface names, address labels): letters, digits and {@code _ . : @ -},
   * at most 64, starting with a letter or digit.
   */
  public static Optional<String> nameProblem(String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      return Optional.of("is not a valid keepalived name (letters, digits and _ . : @ -, at most 64,"
          + " starting with a letter or digit)");
    }
    return Optional.empty();
  }

  /** An IPv4 or IPv6 address, with or without {@code /prefix}, as one token. */
  public static Optional<String> addressProblem(String value) {
    if (value == null || !ADDRESS.matcher(value).matches()) {
      return Optional.of("is not an IP address (with optional /prefix)");
    }
    return Optional.empty();
  }

  /**
   * A command keepalived runs (track script, notify): an absolute path with arguments,
   * rendered inside double quotes, so without {@code " \ { } # !} or control characters
   * (a newline would end the line, {@code #} and {@code !} start comments).
   */
  public static Optional<String> commandProblem(String value) {
    if (value == null || value.isBlank()) {
      return Optional.of("is empty");
    }
    if (COMMAND_FORBIDDEN.matcher(value).find()) {
      return Optional.of("holds a character keepalived.conf cannot carry inside a quoted command"
          + " (\" \\ { } # ! or a control character such as a newline); put the logic in a script"
          + " and call that instead");
    }
    if (!value.startsWith("/")) {
      return Optional.of("must start with an absolute path (keepalived's script security resolves no PATH)");
    }
    return Optional.empty();
  }

  /**
   * A VRRPv2 {@code auth_pass}: 1 to 8 printable ASCII characters without blanks, quotes,
   * backslashes, braces, {@code #} or {@code !}. keepalived uses only 8 and its config
   * test fails on longer ones. The reason never contains the value.
   */
  public static Optional<String> passwordProblem(String value) {
    if (value == null || !PASSWORD.matcher(value).matches()) {
      return Optional.of("must be 1 to 8 printable characters without blanks, quotes, backslashes,"
          + " braces, # or ! (keepalived uses only the first 8)");
    }
    return Optional.empty();
  }
}
