package io.haprovision.mikrotik.routeros;

import io.haprovision.resource.ResourceState;
import io.haprovision.resource.Sha256;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One RouterOS menu entry as the router prints it ({@code print as-value} or
 * {@code /export terse}): whether an entry with the resource's key exists and, if so, its
 * properties as printed.
 *
 * @param exists an entry with the key exists
 * @param properties its properties, name to printed value (empty when it does not exist)
 */
public record RouterOsEntryState(boolean exists, Map<String, String> properties) implements ResourceState {
  /** Property names whose values are secrets wherever they appear. */
  static final Set<String> SECRET_PROPERTIES = Set.of("password", "secret", "authentication-key", "passphrase");

  /** Copies the properties, keeping their order; an absent entry has none. */
  public RouterOsEntryState {
    Objects.requireNonNull(properties, "properties");
    if (!exists && !properties.isEmpty()) {
      throw new IllegalArgumentException("an absent RouterOS entry has no properties");
    }
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** No such entry on the router. */
  public static RouterOsEntryState absent() {
    return new RouterOsEntryState(false, Map.of());
  }

  /** An entry with these printed properties. */
  public static RouterOsEntryState present(Map<String, String> properties) {
    return new RouterOsEntryState(true, properties);
  }

  /** Sorted {@code name=value} pairs; secret properties only as a hash. */
  @Override
  public String fingerprint() {
    if (!exists) {
      return "routeros entry absent";
    }
    StringBuilder sb = new StringBuilder("routeros entry");
    new TreeMap<>(properties).forEach((k, v) -> sb.append(' ').append(k).append('=')
        .append(SECRET_PROPERTIES.contains(k) ? "sha256:" + Sha256.of(v) : RouterOsValues.canonical(v)));
    return sb.toString();
  }

  /** Never prints secret properties. */
  @Override
  public String toString() {
    return "RouterOsEntryState[" + (exists ? "present, " + properties.keySet() : "absent") + "]";
  }
}
