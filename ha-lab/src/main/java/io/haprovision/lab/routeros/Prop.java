package io.haprovision.lab.routeros;

import java.util.List;

/**
 * One property of a menu entry in the simulator's schema.
 *
 * @param name       the property name as typed ({@code preemption-mode})
 * @param type       how values are checked and normalised
 * @param defaultValue RouterOS's default, omitted from {@code /export}; null when the property
 *                   has no default and is always exported
 * @param choices    the allowed values of an {@link Type#ENUM} or {@link Type#LIST} property
 * @param secret     hidden by {@code /export} unless the dialect shows secrets
 * @param readOnly   shown by {@code print} but never set, exported or accepted as an argument
 */
record Prop(String name, Type type, String defaultValue, List<String> choices, boolean secret, boolean readOnly) {

  /** How a property's values are checked and written. */
  enum Type {
    /** Any text. */
    TEXT,
    /** {@code yes}/{@code no} (also accepts {@code true}/{@code false}). */
    BOOL,
    /** A whole number within the range in {@code choices} ({@code [min, max]}). */
    INT,
    /** A RouterOS time ({@code 1s}, {@code 100ms}, {@code 00:00:01}), stored as RouterOS prints it. */
    TIME,
    /** One of {@code choices}. */
    ENUM,
    /** A comma-separated subset of {@code choices}. */
    LIST,
    /** The name of an existing interface. */
    INTERFACE,
    /** A comma-separated list of existing interface names. */
    INTERFACES,
    /** The name of an existing bridge. */
    BRIDGE,
    /** The name of an existing VRRP interface on the same router. */
    VRRP,
    /** An IPv4 address with prefix length ({@code 192.0.2.1/24}). */
    PREFIX,
    /** An IPv4 address. */
    ADDRESS,
    /** A date ({@code nov/22/2026} or {@code 2026-11-22}), stored in the dialect's form. */
    DATE,
    /** A time of day {@code HH:MM:SS} or {@code startup}. */
    TIME_OF_DAY
  }

  static Prop text(String name, String def) {
    return new Prop(name, Type.TEXT, def, List.of(), false, false);
  }

  static Prop of(Type type, String name, String def) {
    return new Prop(name, type, def, List.of(), false, false);
  }

  static Prop choice(String name, String def, String... values) {
    return new Prop(name, Type.ENUM, def, List.of(values), false, false);
  }

  static Prop range(String name, String def, long min, long max) {
    return new Prop(name, Type.INT, def, List.of(Long.toString(min), Long.toString(max)), false, false);
  }

  static Prop list(String name, String def, List<String> values) {
    return new Prop(name, Type.LIST, def, values, false, false);
  }

  static Prop secret(String name) {
    return new Prop(name, Type.TEXT, "", List.of(), true, false);
  }

  static Prop readOnly(String name) {
    return new Prop(name, Type.TEXT, null, List.of(), false, true);
  }
}
