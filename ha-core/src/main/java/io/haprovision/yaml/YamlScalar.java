package io.haprovision.yaml;

import io.haprovision.inventory.Location;

/**
 * A scalar: its text as written and the type YAML gave it ({@code 5} is an integer,
 * {@code "5"} a string, {@code true} a boolean, {@code ~} or nothing is null).
 */
public record YamlScalar(String text, Type type, Location location, String path) implements YamlNode {

  /** The YAML type of a scalar. */
  public enum Type {
    /** Any string, quoted or plain. */
    STRING,
    /** A whole number. */
    INTEGER,
    /** A number with a fraction or exponent. */
    DECIMAL,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code ~}, {@code null} or no value at all. */
    NULL
  }

  /** True for a null scalar ({@code key:} with no value). */
  public boolean isNull() {
    return type == Type.NULL;
  }

  @Override
  public String describe() {
    return switch (type) {
      case STRING -> "a string (\"" + abbreviate(text) + "\")";
      case INTEGER -> "an integer (" + text + ")";
      case DECIMAL -> "a number (" + text + ")";
      case BOOLEAN -> "a boolean (" + text + ")";
      case NULL -> "no value";
    };
  }

  /** Short enough for a message; inventory strings are never secrets once resolved, but keep messages short. */
  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
