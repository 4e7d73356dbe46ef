package io.haprovision.openwrt.uci;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The value of a UCI option: a single {@code option} or a {@code list} of values. The two
 * are different things to UCI and to the init scripts that read them
 * ({@code config_get} versus {@code config_list_foreach}).
 */
public sealed interface UciValue permits UciValue.Single, UciValue.Multi {

  /** The values in order: one for a single option. */
  List<String> values();

  /** As {@code uci show} prints it: {@code 'a'} or {@code 'a' 'b'}. */
  default String show() {
    return values().stream().map(UciNames::quote).collect(Collectors.joining(" "));
  }

  /** A single value. */
  static UciValue of(String value) {
    return new Single(value);
  }

  /** A list of values, in order. */
  static UciValue list(List<String> values) {
    return new Multi(values);
  }

  /**
   * {@code option NAME 'value'}.
   *
   * @param value the value, one line
   */
  record Single(String value) implements UciValue {
    /** Rejects null. */
    public Single {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public List<String> values() {
      return List.of(value);
    }
  }

  /**
   * {@code list NAME 'a'}, {@code list NAME 'b'}...: order is kept, duplicates allowed.
   *
   * @param items the values, at least one (an empty list does not exist in UCI)
   */
  record Multi(List<String> items) implements UciValue {
    /** Copies the list; rejects an empty one. */
    public Multi {
      items = List.copyOf(items);
      if (items.isEmpty()) {
        throw new IllegalArgumentException("a UCI list has at least one value; use an absent option instead");
      }
    }

    @Override
    public List<String> values() {
      return items;
    }
  }
}
