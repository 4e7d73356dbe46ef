package io.haprovision.mikrotik.routeros;

import io.haprovision.resource.Comparison;
import io.haprovision.resource.Comparison.Action;
import io.haprovision.resource.ContentChange;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.resource.Sha256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The entries of one menu that carry ha-provision's mark ({@code comment=ha-provision}): only
 * those the inventory still asks for may stay. An entry ha-provision added once and the
 * inventory no longer names (a VRRP instance taken out) is removed; entries without the mark
 * are never looked at.
 *
 * @param menu the menu
 * @param mark the comment that marks ha-provision's entries
 * @param keep the keys ({@code name=WAN}) of the marked entries the inventory asks for
 */
public record RouterOsOwnedSet(String menu, String mark, List<Map<String, String>> keep) implements Resource {
  /** Copies the keys. */
  public RouterOsOwnedSet {
    Objects.requireNonNull(menu, "menu");
    Objects.requireNonNull(mark, "mark");
    List<Map<String, String>> copy = new ArrayList<>();
    keep.forEach(k -> copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(k))));
    keep = List.copyOf(copy);
  }

  @Override
  public ResourceId id() {
    return new ResourceId(RouterOsEntry.KIND, menu + " (other entries marked " + mark + ")");
  }

  @Override
  public String describe() {
    return menu + " entries marked " + mark + " that the inventory no longer names";
  }

  /** The marked entries on the router that are not kept, as their keys. */
  public List<Map<String, String>> extra(MarkedEntries state) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> entry : state.entries()) {
      if (keep.stream().noneMatch(k -> matches(entry, k))) {
        Map<String, String> key = new LinkedHashMap<>();
        List<String> names = MenuSchema.keyOf(menu).isEmpty() ? List.copyOf(entry.keySet()) : MenuSchema.keyOf(menu);
        names.forEach(n -> key.put(n, entry.getOrDefault(n, "")));
        out.add(key);
      }
    }
    return out;
  }

  @Override
  public Comparison compare(java.util.Optional<ResourceState> current) {
    MarkedEntries now = ResourceState.expect(current, MarkedEntries.class, id()).orElse(new MarkedEntries(List.of()));
    List<Map<String, String>> extra = extra(now);
    if (extra.isEmpty()) {
      return Comparison.none("no other " + menu + " entries marked " + mark);
    }
    List<String> shown = extra.stream().map(k -> menu + " " + RouterOsSyntax.assignments(k)).toList();
    String before = String.join("\n", shown) + "\n";
    return new Comparison(Action.DELETE, "remove " + String.join(", ", shown) + " (added by " + mark
        + ", no longer in the inventory)", List.of(), java.util.Optional.of(new ContentChange(describe(),
            new ContentChange.Known(before), new ContentChange.Known(""))));
  }

  private static boolean matches(Map<String, String> entry, Map<String, String> key) {
    for (Map.Entry<String, String> k : key.entrySet()) {
      String has = entry.get(k.getKey());
      if (has == null || !RouterOsValues.same(has, k.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The marked entries of a menu as the router has them.
   *
   * @param entries each entry's properties (defaults filled in)
   */
  public record MarkedEntries(List<Map<String, String>> entries) implements ResourceState {
    /** Copies the entries. */
    public MarkedEntries {
      List<Map<String, String>> copy = new ArrayList<>();
      entries.forEach(e -> copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(e))));
      entries = List.copyOf(copy);
    }

    /** Each entry's sorted properties, secrets as hashes. */
    @Override
    public String fingerprint() {
      StringBuilder sb = new StringBuilder("routeros marked entries");
      for (Map<String, String> e : entries) {
        sb.append(" {");
        new TreeMap<>(e).forEach((k, v) -> sb.append(' ').append(k).append('=')
            .append(RouterOsEntryState.SECRET_PROPERTIES.contains(k) ? "sha256:" + Sha256.of(v) : RouterOsValues.canonical(v)));
        sb.append(" }");
      }
      return sb.toString();
    }

    /** Never prints values. */
    @Override
    public String toString() {
      return "MarkedEntries[" + entries.size() + "]";
    }
  }
}
