package io.haprovision.yaml;

import io.haprovision.inventory.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping with string keys, in the order written, each key with its own location.
 * A map built by {@link #merge} holds entries from several places; each value keeps the
 * path and location where it was written.
 */
public record YamlMap(Map<String, Entry> entries, Location location, String path) implements YamlNode {

  /** One key and its value. {@code keyLocation} is where the key itself was written. */
  public record Entry(String key, Location keyLocation, YamlNode value) {}

  /** Copies the entries, keeping their order. */
  public YamlMap {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** An empty map standing at {@code path} (for an absent section). */
  public static YamlMap empty(Location location, String path) {
    return new YamlMap(Map.of(), location, path);
  }

  /** The value under {@code key}, or null when absent. */
  public YamlNode get(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.value();
  }

  /** True when the key is present (even with a null value). */
  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The keys in the order written. */
  public Set<String> keys() {
    return entries.keySet();
  }

  /** True when the map has no keys. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * {@code override} laid over {@code base}, key by key: where both hold a map under a
   * key they merge recursively, otherwise the override's value wins (lists and scalars
   * replace). A null override value counts as absent. Either side may be null.
   */
  public static YamlMap merge(YamlMap base, YamlMap override) {
    if (base == null) {
      return override;
    }
    if (override == null) {
      return base;
    }
    Map<String, Entry> out = new LinkedHashMap<>(base.entries);
    for (Entry e : override.entries.values()) {
      if (e.value() instanceof YamlScalar s && s.isNull()) {
        continue;
      }
      Entry under = out.get(e.key());
      if (under != null && under.value() instanceof YamlMap b && e.value() instanceof YamlMap o) {
        out.put(e.key(), new Entry(e.key(), e.keyLocation(), merge(b, o)));
      } else {
        out.put(e.key(), e);
      }
    }
    return new YamlMap(out, override.location, override.path);
  }

  @Override
  public String describe() {
    return "a map";
  }
}
