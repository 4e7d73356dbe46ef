package io.haprovision.inventory.schema;

import java.util.List;

/** What the binder turned one value into: the closed set of conversions {@code SectionReader} offers. */
public sealed interface ValueShape {

  /** A string; numbers count, as written. */
  record Text() implements ValueShape {}

  /** A whole number in {@code min..max} (either end may be unbounded: {@link Integer#MIN_VALUE}/{@code MAX_VALUE}). */
  record Whole(int min, int max) implements ValueShape {}

  /** Any number, whole or not. */
  record Decimal() implements ValueShape {}

  /** {@code true} or {@code false}. */
  record Flag() implements ValueShape {}

  /** A positive duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or a number of seconds. */
  record Span() implements ValueShape {}

  /** One of {@code names}; {@code caseless}: case and {@code -}/{@code _} do not matter to the binder. */
  record Choice(List<String> names, boolean caseless) implements ValueShape {
    /** Keeps a copy. */
    public Choice {
      names = List.copyOf(names);
    }
  }

  /** Exactly the word {@code word}, as an alternative to another shape ({@code authentication: none}). */
  record Word(String word) implements ValueShape {}

  /** A secret: {@code ${env:NAME}}, {@code ${file:PATH}} or the value itself. */
  record SecretValue() implements ValueShape {}

  /** An IP address, v4 or v6. */
  record Address() implements ValueShape {}

  /** An address with its prefix length: {@code 192.0.2.1/24}. */
  record Prefixed() implements ValueShape {}

  /**
   * A platform's own scalar: a string (or a whole number, as written) whose text matches
   * {@code regex} (ECMA 262, as JSON Schema reads it), described as {@code description}.
   */
  record Matching(String regex, String description) implements ValueShape {}
}
