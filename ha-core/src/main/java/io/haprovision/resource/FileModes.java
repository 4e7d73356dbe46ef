package io.haprovision.resource;

import io.haprovision.error.InternalException;
import java.util.regex.Pattern;

/** Octal file modes in one spelling ({@code 0644}), so {@code 644} and {@code 0644} compare equal. */
final class FileModes {
  private static final Pattern OCTAL = Pattern.compile("[0-7]{3,4}");

  private FileModes() {}

  /** The mode as four octal digits; rejects anything that is not three or four octal digits. */
  static String normalize(String mode, String what) {
    if (mode == null || !OCTAL.matcher(mode).matches()) {
      throw new InternalException("mode of " + what + " must be 3 or 4 octal digits, got '" + mode + "'");
    }
    return mode.length() == 3 ? "0" + mode : mode;
  }
}
