package io.haprovision.lab.routeros;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configuration menu of the simulated router ({@code /interface vrrp}) and its schema:
 * properties in print order with their defaults, the flag letters {@code print} shows, and
 * whether entries are built in (ethernet ports: never added or removed, exported as
 * {@code set [ find default-name=... ]}).
 *
 * @param path      the menu path with a leading slash and single blanks
 * @param props     the properties in print order; {@code comment} and {@code disabled} included where the menu has them
 * @param builtIn   entries exist from the start and cannot be added or removed
 * @param named     entries have a {@code name} that {@code set NAME} and duplicate checks use
 * @param interfaceKind the interface type ({@code ether}, {@code bridge}, ...) when entries are interfaces, else null
 * @param defaultNamePrefix the prefix of generated names ({@code bridge} gives {@code bridge1})
 */
record Menu(String path, List<Prop> props, boolean builtIn, boolean named, String interfaceKind, String defaultNamePrefix) {

  /** The property called {@code name}, if this menu has it. */
  Optional<Prop> prop(String name) {
    return props.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** True when entries can be enabled and disabled. */
  boolean disableable() {
    return prop("disabled").isPresent();
  }

  /** The defaults of every settable property, for a new entry. */
  Map<String, String> defaults() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Prop p : props) {
      if (!p.readOnly() && p.defaultValue() != null) {
        values.put(p.name(), p.defaultValue());
      }
    }
    return values;
  }

  /** The settable property names, for argument checks. */
  List<String> settable() {
    List<String> names = new ArrayList<>();
    for (Prop p : props) {
      if (!p.readOnly()) {
        names.add(p.name());
      }
    }
    return names;
  }
}
