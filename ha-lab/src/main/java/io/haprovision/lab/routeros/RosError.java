package io.haprovision.lab.routeros;

import io.haprovision.error.TargetException;

/**
 * RouterOS errors inside the simulator. They travel as {@link TargetException}s (the project's
 * device-failure type) whose target is {@link #TARGET}; {@link #message} gives back the text
 * RouterOS would print ({@code no such item}, {@code syntax error (line 1 column 9)}).
 */
final class RosError {
  /** The target name every simulator error carries; stripped again by {@link #message}. */
  static final String TARGET = "routeros-simulator";

  private RosError() {}

  /** A runtime error that prints as {@code message}. */
  static TargetException runtime(String message) {
    return new TargetException(TargetException.Kind.FAILED, TARGET, message);
  }

  /** A syntax error at a position: {@code WHAT (line L column C)}. */
  static TargetException syntax(String what, int line, int column) {
    return runtime(what + " (line " + line + " column " + column + ")");
  }

  /** The RouterOS text of an error made here. */
  static String message(TargetException e) {
    String prefix = TARGET + ": ";
    String text = e.getMessage();
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }
}
