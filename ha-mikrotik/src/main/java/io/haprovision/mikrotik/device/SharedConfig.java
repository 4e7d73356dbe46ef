package io.haprovision.mikrotik.device;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.MikrotikDesiredState;
import io.haprovision.mikrotik.routeros.MenuSchema;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import io.haprovision.mikrotik.routeros.RouterOsValues;
import io.haprovision.resource.Resource;
import io.haprovision.secret.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A router's shared configuration: everything in its export but what is the router's own.
 * Its own are the entries and properties the inventory gives the two routers differently
 * (each router's addresses, heartbeat priority, hook scripts naming its identity), its
 * identity, the {@code disabled} state the role hooks switch (ethernet, bonding, BGP, VRRP),
 * and ha-provision's scheduled revert. What is left must be equal on both routers of a pair:
 * {@code verify} reports a difference as drift, and {@code sync-standby} copies the active's
 * onto the standby.
 */
public final class SharedConfig {
  /** Menus whose {@code disabled} the role hooks and the startup guard switch. */
  static final Set<String> HOOK_SWITCHED = Set.of("/interface ethernet", "/interface bonding", "/routing bgp peer",
      "/routing bgp connection", "/interface vrrp");

  private SharedConfig() {}

  /**
   * One shared entry.
   *
   * @param menu its menu
   * @param key what identifies it ({@code name=...}, {@code default-name=...} for a built-in port)
   * @param added an {@code add} entry (else a {@code set} of a built-in entry or a singleton)
   * @param properties its properties with the menu's defaults filled in, own properties left out
   */
  public record Entry(String menu, Map<String, String> key, boolean added, Map<String, String> properties) {
    /** {@code menu k=v}, for messages and matching. */
    public String id() {
      return menu + (key.isEmpty() ? "" : " " + RouterOsSyntax.assignments(key));
    }
  }

  /**
   * A difference between two routers' shared configurations.
   *
   * @param id the entry
   * @param text one line for people, secrets masked
   */
  public record Difference(String id, String text) {}

  /** The shared entries of {@code node}'s export, by {@link Entry#id()}. */
  public static Map<String, Entry> of(PairSpec pair, NodeSpec node, RouterOsExport export, int routerOs) {
    Own own = own(pair, node);
    Map<String, Entry> out = new LinkedHashMap<>();
    for (RouterOsExport.Entry e : export.entries()) {
      String menu = e.menu();
      if (menu.equals("/system identity") || menu.equals("/file")) {
        continue;
      }
      if (Revert.NAME.equals(e.properties().get("name"))
          && (menu.equals("/system script") || menu.equals("/system scheduler"))) {
        continue;
      }
      // The pair lock: each router's own record of the run that holds it.
      if (menu.equals("/system script") && e.properties().getOrDefault("name", "").startsWith(PairLockRecord.PREFIX)) {
        continue;
      }
      Map<String, String> key = new LinkedHashMap<>();
      boolean added = e.added();
      if (!added) {
        key.putAll(e.line().find());
        // A built-in item set by its name: /ip service set ssh port=2222.
        if (key.isEmpty() && e.line().target().isPresent()) {
          key.put("name", e.line().target().get());
        }
      } else {
        List<String> names = MenuSchema.keyOf(menu);
        if (names.isEmpty()) {
          key.putAll(new TreeMap<>(e.properties()));
        } else {
          for (String n : names) {
            key.put(n, e.properties().getOrDefault(n, MenuSchema.defaults(menu, routerOs).getOrDefault(n, "")));
          }
        }
      }
      String id = menu + (key.isEmpty() ? "" : " " + RouterOsSyntax.assignments(key));
      if (own.entries.contains(id)) {
        continue;
      }
      Map<String, String> props = RouterOsExport.withDefaults(menu, e.properties(), routerOs);
      key.keySet().forEach(props::remove);
      props.remove("network");
      if (HOOK_SWITCHED.contains(menu)) {
        props.remove("disabled");
      }
      own.properties.getOrDefault(id, Set.of()).forEach(props::remove);
      if (menu.equals("/ip service") && "ssh".equals(key.get("name"))
          && pair.primary().ssh().port() != pair.secondary().ssh().port()) {
        // The inventory reaches the two routers on different SSH ports: each router's own.
        props.remove("port");
      }
      Entry entry = new Entry(menu, key, added, props);
      Entry before = out.get(id);
      if (before != null) {
        // A built-in entry printed by several lines: their properties add up.
        Map<String, String> merged = new LinkedHashMap<>(before.properties());
        merged.putAll(e.properties());
        entry = new Entry(menu, key, added, merged);
      }
      out.put(id, entry);
    }
    return out;
  }

  /** The differences between two routers' shared entries, {@code a}'s view first. */
  public static List<Difference> compare(String nameA, Map<String, Entry> a, String nameB, Map<String, Entry> b,
      int routerOs) {
    List<Difference> out = new ArrayList<>();
    for (Entry ea : a.values()) {
      Entry eb = b.get(ea.id());
      if (eb == null) {
        if (ea.added() || !atDefaults(ea, routerOs)) {
          out.add(new Difference(ea.id(), "only on " + nameA + ": " + ea.id() + show(ea, routerOs)));
        }
        continue;
      }
      for (String p : union(ea.properties().keySet(), eb.properties().keySet())) {
        String va = value(ea, p, routerOs);
        String vb = value(eb, p, routerOs);
        if (!RouterOsValues.same(va, vb)) {
          boolean secret = MenuSchema.SECRET_PROPERTIES.contains(p);
          out.add(new Difference(ea.id(), ea.id() + ": " + p + "=" + (secret ? Secret.MASK : shown(va)) + " on "
              + nameA + ", " + (secret ? "a different secret" : shown(vb)) + " on " + nameB));
        }
      }
    }
    for (Entry eb : b.values()) {
      if (!a.containsKey(eb.id()) && (eb.added() || !atDefaults(eb, routerOs))) {
        out.add(new Difference(eb.id(), "only on " + nameB + ": " + eb.id() + show(eb, routerOs)));
      }
    }
    return out;
  }

  /**
   * The edits that make {@code standby}'s shared configuration equal to {@code active}'s: add
   * what only the active has, set what differs (to the default where the active has no
   * value), remove added entries only the standby has.
   */
  public static List<Edit> sync(Map<String, Entry> active, Map<String, Entry> standby, int routerOs) {
    List<Edit> edits = new ArrayList<>();
    for (Entry ea : active.values()) {
      Entry es = standby.get(ea.id());
      Map<String, String> changed = new LinkedHashMap<>();
      Map<String, String> before = new LinkedHashMap<>();
      if (es == null && ea.added()) {
        Map<String, String> props = new LinkedHashMap<>();
        ea.properties().forEach((k, v) -> {
          if (!RouterOsValues.same(v, MenuSchema.defaults(ea.menu(), routerOs).getOrDefault(k, "\u0000"))) {
            props.put(k, v);
          }
        });
        edits.add(new Edit(ea.menu(), Edit.Op.ADD, ea.key(), false, props, Map.of(), Set.of()));
        continue;
      }
      Entry other = es == null ? new Entry(ea.menu(), ea.key(), false, Map.of()) : es;
      for (String p : union(ea.properties().keySet(), other.properties().keySet())) {
        String va = value(ea, p, routerOs);
        String vs = value(other, p, routerOs);
        if (!RouterOsValues.same(va, vs)) {
          changed.put(p, va);
          before.put(p, vs);
        }
      }
      if (!changed.isEmpty()) {
        edits.add(new Edit(ea.menu(), Edit.Op.SET, ea.key(), false, changed, before, Set.of()));
      }
    }
    for (Entry es : standby.values()) {
      if (active.containsKey(es.id())) {
        continue;
      }
      if (es.added()) {
        Map<String, String> before = new LinkedHashMap<>(es.properties());
        edits.add(new Edit(es.menu(), Edit.Op.REMOVE, es.key(), false, Map.of(), before, Set.of()));
      } else if (!atDefaults(es, routerOs)) {
        Map<String, String> reset = new LinkedHashMap<>();
        Map<String, String> defaults = MenuSchema.defaults(es.menu(), routerOs);
        es.properties().forEach((k, v) -> {
          if (!RouterOsValues.same(v, defaults.getOrDefault(k, ""))) {
            reset.put(k, defaults.getOrDefault(k, ""));
          }
        });
        edits.add(new Edit(es.menu(), Edit.Op.SET, es.key(), false, reset, es.properties(), Set.of()));
      }
    }
    return edits;
  }

  private static boolean atDefaults(Entry e, int routerOs) {
    Map<String, String> d = MenuSchema.defaults(e.menu(), routerOs);
    return e.properties().entrySet().stream().allMatch(p -> RouterOsValues.same(p.getValue(),
        d.getOrDefault(p.getKey(), "")));
  }

  private static String value(Entry e, String p, int routerOs) {
    return e.properties().getOrDefault(p, MenuSchema.defaults(e.menu(), routerOs).getOrDefault(p, ""));
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    List<String> out = new ArrayList<>(a);
    b.stream().filter(x -> !a.contains(x)).forEach(out::add);
    return out;
  }

  /** The entry's properties away from their defaults, secrets masked. */
  private static String show(Entry e, int routerOs) {
    Map<String, String> defaults = MenuSchema.defaults(e.menu(), routerOs);
    Map<String, String> masked = new LinkedHashMap<>();
    e.properties().forEach((k, v) -> {
      if (!RouterOsValues.same(v, defaults.getOrDefault(k, "\u0000"))) {
        masked.put(k, MenuSchema.SECRET_PROPERTIES.contains(k) ? Secret.MASK : v);
      }
    });
    String s = RouterOsSyntax.assignments(masked);
    return s.isEmpty() ? "" : " " + (s.length() > 200 ? s.substring(0, 200) + "..." : s);
  }

  private static String shown(String v) {
    String s = RouterOsSyntax.value(v);
    return s.length() > 80 ? s.substring(0, 80) + "...\"" : s;
  }

  /** What the inventory gives this router alone: whole entries, and properties of common entries. */
  private record Own(Set<String> entries, Map<String, Set<String>> properties) {}

  private static Own own(PairSpec pair, NodeSpec node) {
    Map<String, RouterOsEntry> mine = entries(pair, node);
    Map<String, RouterOsEntry> peer = entries(pair, pair.peerOf(node));
    Set<String> whole = new HashSet<>();
    Map<String, Set<String>> props = new HashMap<>();
    for (Map.Entry<String, RouterOsEntry> e : mine.entrySet()) {
      RouterOsEntry other = peer.get(e.getKey());
      if (other == null) {
        whole.add(e.getKey());
        continue;
      }
      Set<String> differing = new HashSet<>();
      e.getValue().properties().forEach((k, v) -> {
        if (!v.equals(other.properties().get(k))) {
          differing.add(k);
        }
      });
      other.properties().keySet().stream().filter(k -> !e.getValue().properties().containsKey(k))
          .forEach(differing::add);
      if (!differing.isEmpty()) {
        props.put(e.getKey(), differing);
      }
    }
    return new Own(whole, props);
  }

  private static Map<String, RouterOsEntry> entries(PairSpec pair, NodeSpec node) {
    Map<String, RouterOsEntry> out = new LinkedHashMap<>();
    for (Resource r : MikrotikDesiredState.forNode(pair, node).resources()) {
      if (r instanceof RouterOsEntry e && e.kind() == RouterOsEntry.Kind.OWNED) {
        out.put(e.menu() + " " + RouterOsSyntax.assignments(e.key()), e);
      }
    }
    return out;
  }
}
