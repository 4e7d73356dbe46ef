package io.haprovision.openwrt.uci;

import io.haprovision.resource.ResourceState;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A UCI option as the node has it now.
 *
 * <p>{@code uci show} prints a single option and a one-element list the same way
 * ({@code pkg.sec.opt='a'}), so a probe that reads it cannot always tell the two apart:
 * such a value has shape {@link Shape#ONE_VALUE}, which compares equal to both a desired
 * single value and a desired one-element list with that value.
 *
 * @param exists whether the option is set
 * @param shape what kind of value it is, as far as the probe can tell
 * @param values its values in order (empty when absent)
 */
public record UciOptionState(boolean exists, Shape shape, List<String> values) implements ResourceState {

  /** What kind of value an existing option holds. */
  public enum Shape {
    /** Known to be a single {@code option}. */
    OPTION,
    /** Known to be a {@code list} (or printed with two or more values). */
    LIST,
    /** One value, printed by {@code uci show}: a single option or a one-element list. */
    ONE_VALUE,
    /** The option is not set. */
    ABSENT
  }

  /** Copies the values; checks that the shape fits them. */
  public UciOptionState {
    Objects.requireNonNull(shape, "shape");
    values = List.copyOf(values);
    if (exists != (shape != Shape.ABSENT)) {
      throw new IllegalArgumentException("an option exists exactly when its shape is not ABSENT");
    }
    if (exists && values.isEmpty()) {
      throw new IllegalArgumentException("an existing UCI option has at least one value");
    }
    if (shape == Shape.ONE_VALUE && values.size() != 1 || shape == Shape.OPTION && values.size() != 1) {
      throw new IllegalArgumentException(shape + " holds exactly one value, got " + values.size());
    }
  }

  /** The option is not set. */
  public static UciOptionState absent() {
    return new UciOptionState(false, Shape.ABSENT, List.of());
  }

  /** A single option with this value. */
  public static UciOptionState option(String value) {
    return new UciOptionState(true, Shape.OPTION, List.of(value));
  }

  /** A list with these values. */
  public static UciOptionState list(List<String> values) {
    return new UciOptionState(true, Shape.LIST, values);
  }

  /** What {@code uci show} printed: one value is ambiguous, two or more are a list. */
  public static UciOptionState shown(List<String> values) {
    return values.size() == 1
        ? new UciOptionState(true, Shape.ONE_VALUE, values)
        : list(values);
  }

  /** The values as {@code uci show} prints them: {@code 'a' 'b'}. */
  public String show() {
    return values.stream().map(UciNames::quote).collect(Collectors.joining(" "));
  }

  @Override
  public String fingerprint() {
    return exists ? "uci " + shape.name().toLowerCase(java.util.Locale.ROOT) + " " + show() : "uci absent";
  }
}
