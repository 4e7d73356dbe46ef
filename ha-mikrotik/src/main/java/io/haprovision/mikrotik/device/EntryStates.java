package io.haprovision.mikrotik.device;

import io.haprovision.mikrotik.routeros.MenuSchema;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import io.haprovision.mikrotik.routeros.RouterOsEntryState;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.mikrotik.routeros.RouterOsOwnedSet;
import io.haprovision.mikrotik.routeros.RouterOsValues;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.ResourceState;
import io.haprovision.secret.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Desired RouterOS entries against what a router has: the state of each entry read from
 * {@link RouterFacts} (the export leaves defaults out, so the menu's defaults are filled in),
 * and the {@link Edit}s that make the router match.
 */
public final class EntryStates {
  private EntryStates() {}

  /**
   * The state of {@code entry} on the router: a built-in entry exists when the port is listed
   * (its export line, if any, carries what is not at its default); an owned entry exists
   * when an added export entry of its menu has its key.
   */
  public static RouterOsEntryState stateOf(RouterOsEntry entry, RouterFacts facts, int routerOs) {
    if (entry.kind() == RouterOsEntry.Kind.BUILT_IN) {
      String name = entry.key().get("name");
      Optional<PrintedEntry> port = entry.menu().equals("/interface ethernet") ? facts.ethernet(name) : Optional.empty();
      if (port.isEmpty()) {
        return RouterOsEntryState.absent();
      }
      String defaultName = port.get().get("default-name").isEmpty() ? name : port.get().get("default-name");
      Map<String, String> props = RouterOsExport.withDefaults(entry.menu(),
          facts.format(routerOs).toDesired(entry.menu(), facts.export().builtIn(entry.menu(), defaultName)), routerOs);
      props.put("name", name);
      return RouterOsEntryState.present(props);
    }
    return facts.export().added(entry.menu(), entry.key(), routerOs)
        .map(props -> facts.format(routerOs).toDesired(entry.menu(), props))
        .map(RouterOsEntryState::present).orElse(RouterOsEntryState.absent());
  }

  /** The edit that brings the router from {@code current} to {@code entry}; empty when nothing differs. */
  public static Optional<Edit> edit(RouterOsEntry entry, Optional<ResourceState> current) {
    RouterOsEntryState now = current.filter(RouterOsEntryState.class::isInstance).map(RouterOsEntryState.class::cast)
        .orElse(RouterOsEntryState.absent());
    boolean builtIn = entry.kind() == RouterOsEntry.Kind.BUILT_IN;
    if (entry.ensure() == Ensure.ABSENT) {
      return now.exists() ? Optional.of(new Edit(entry.menu(), Edit.Op.REMOVE, entry.key(), false, Map.of(),
          now.properties(), entry.secrets().keySet())) : Optional.empty();
    }
    if (!now.exists()) {
      return Optional.of(new Edit(entry.menu(), builtIn ? Edit.Op.SET : Edit.Op.ADD, entry.key(), builtIn,
          revealed(entry, names(entry)), Map.of(), entry.secrets().keySet()));
    }
    List<String> changed = new ArrayList<>();
    entry.properties().forEach((name, value) -> {
      String has = now.properties().get(name);
      if (has == null || !RouterOsValues.same(has, value)) {
        changed.add(name);
      }
    });
    entry.secrets().forEach((name, secret) -> {
      String has = now.properties().get(name);
      if (has != null && !has.equals(secret.reveal())) {
        changed.add(name);
      }
    });
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Edit(entry.menu(), Edit.Op.SET, entry.key(), builtIn, revealed(entry, changed),
        now.properties(), entry.secrets().keySet()));
  }

  private static List<String> names(RouterOsEntry entry) {
    List<String> names = new ArrayList<>(entry.properties().keySet());
    names.addAll(entry.secrets().keySet());
    return names;
  }

  private static Map<String, String> revealed(RouterOsEntry entry, List<String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      Secret s = entry.secrets().get(name);
      out.put(name, s != null ? s.reveal() : entry.properties().get(name));
    }
    return out;
  }

  /** The entries of {@code set}'s menu that carry its mark, as the router has them. */
  public static RouterOsOwnedSet.MarkedEntries marked(RouterOsOwnedSet set, RouterFacts facts, int routerOs) {
    List<Map<String, String>> entries = new ArrayList<>();
    for (RouterOsExport.Entry e : facts.export().of(set.menu())) {
      if (e.added() && set.mark().equals(e.properties().get("comment"))) {
        entries.add(RouterOsExport.withDefaults(set.menu(),
            facts.format(routerOs).toDesired(set.menu(), e.properties()), routerOs));
      }
    }
    return new RouterOsOwnedSet.MarkedEntries(entries);
  }

  /** The removals {@code set} asks for on the router read as {@code current}. */
  public static List<Edit> removals(RouterOsOwnedSet set, Optional<ResourceState> current) {
    RouterOsOwnedSet.MarkedEntries now = current.filter(RouterOsOwnedSet.MarkedEntries.class::isInstance)
        .map(RouterOsOwnedSet.MarkedEntries.class::cast).orElse(new RouterOsOwnedSet.MarkedEntries(List.of()));
    List<Edit> out = new ArrayList<>();
    for (Map<String, String> key : set.extra(now)) {
      Map<String, String> before = now.entries().stream().filter(e -> key.entrySet().stream()
          .allMatch(k -> RouterOsValues.same(e.getOrDefault(k.getKey(), ""), k.getValue()))).findFirst().orElse(Map.of());
      out.add(new Edit(set.menu(), Edit.Op.REMOVE, key, false, Map.of(), before, java.util.Set.of()));
    }
    return out;
  }

  /** Property names never compared or shown as values. */
  static boolean secret(String name) {
    return MenuSchema.SECRET_PROPERTIES.contains(name);
  }
}
