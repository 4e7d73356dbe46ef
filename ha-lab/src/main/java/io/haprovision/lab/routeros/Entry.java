package io.haprovision.lab.routeros;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a menu on a simulated router: its internal id ({@code *1}) and its property
 * values as RouterOS prints them. Mutable: commands change entries in place.
 */
final class Entry {
  final Menu menu;
  final long id;
  final Map<String, String> values = new LinkedHashMap<>();
  /** Factory values of a built-in entry that differ per entry (a service's port), over the menu's defaults. */
  final Map<String, String> factory = new LinkedHashMap<>();

  Entry(Menu menu, long id) {
    this.menu = menu;
    this.id = id;
  }

  /** The internal id as RouterOS prints it: {@code *1}, {@code *1A}. */
  String idString() {
    return "*" + Long.toHexString(id).toUpperCase(java.util.Locale.ROOT);
  }

  String get(String property) {
    return values.getOrDefault(property, "");
  }

  boolean disabled() {
    return "yes".equals(values.get("disabled"));
  }

  String name() {
    return get("name");
  }
}
