package io.haprovision.mikrotik.device;

import io.haprovision.mikrotik.routeros.MenuSchema;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import io.haprovision.secret.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One change to one RouterOS menu entry, with what the entry was before, so it can be sent
 * ({@link #command()}), shown ({@link #shown()}) and undone ({@link #undo()}).
 *
 * @param menu the menu
 * @param op add, set or remove
 * @param key what identifies the entry ({@code name=HA_VRRP}); empty for a singleton menu
 * @param builtIn the entry is one the router has anyway, addressed by name
 * @param values the properties to add or set (revealed secrets included)
 * @param before the entry's properties before the change (for set: at least those in
 *     {@code values}; for remove: all of them)
 * @param secrets names of properties whose values are secret
 */
public record Edit(String menu, Op op, Map<String, String> key, boolean builtIn, Map<String, String> values,
    Map<String, String> before, Set<String> secrets) {
  /** What an edit does. */
  public enum Op {
    /** Add a new entry. */
    ADD,
    /** Set properties of an entry. */
    SET,
    /** Remove an entry. */
    REMOVE
  }

  /** Copies the maps. */
  public Edit {
    Objects.requireNonNull(menu, "menu");
    Objects.requireNonNull(op, "op");
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
    secrets = Set.copyOf(secrets);
  }

  /** This edit with its property names as {@code format}'s release writes them ({@link RouterOsFormat#toRouter}). */
  public Edit forRouter(io.haprovision.mikrotik.RouterOsFormat format) {
    return new Edit(menu, op, format.toRouter(menu, key), builtIn, format.toRouter(menu, values),
        format.toRouter(menu, before), secrets);
  }

  /** The command line for the router (secrets revealed: never log it). */
  public String command() {
    return render(values, false);
  }

  /** The command line for people, secrets as {@code ******}. */
  public String shown() {
    return render(values, true);
  }

  private String render(Map<String, String> props, boolean mask) {
    Map<String, String> p = mask ? masked(props) : props;
    return switch (op) {
      case ADD -> join(menu + " add", RouterOsSyntax.assignments(key), RouterOsSyntax.assignments(p));
      case SET -> join(menu + " set", target(), RouterOsSyntax.assignments(p));
      case REMOVE -> menu + " remove " + RouterOsSyntax.find(key);
    };
  }

  /** Where a set goes: the item's name for a built-in entry, {@code [find k=v]} otherwise, nothing for a singleton. */
  private String target() {
    if (key.isEmpty()) {
      return "";
    }
    if (builtIn && key.containsKey("name")) {
      return RouterOsSyntax.value(key.get("name"));
    }
    return RouterOsSyntax.find(key);
  }

  /**
   * The command that puts the entry back as it was: remove what was added, set back what was
   * set (a property without a known earlier value goes back to the menu's default, or to
   * empty), add back what was removed. Never fails on an entry that is not there: a find
   * that matches nothing does nothing.
   */
  public String undo() {
    return String.join("\n", undoCommands());
  }

  /**
   * {@link #undo()} as separate commands, so one that a release refuses does not take the
   * others with it. A VRRP instance that was in no group before goes back to none on a line of
   * its own: {@code group-authority=none} from 7.10 (MikroTik's manual), {@code unset ...
   * group-master} before (7.7 refuses {@code group-master=""}).
   */
  public List<String> undoCommands() {
    return switch (op) {
      case ADD -> List.of(menu + " remove " + RouterOsSyntax.find(key));
      case SET -> {
        Map<String, String> old = new LinkedHashMap<>();
        List<String> more = new ArrayList<>();
        Map<String, String> defaults = MenuSchema.defaults(menu, 7);
        String where = key.isEmpty() ? "" : RouterOsSyntax.find(key);
        for (String name : values.keySet()) {
          String earlier = before.get(name);
          boolean ungrouped = earlier == null || earlier.isEmpty() || earlier.equals("none");
          if (menu.equals("/interface vrrp") && name.equals("group-authority") && ungrouped) {
            old.put(name, "none");
          } else if (menu.equals("/interface vrrp") && name.equals("group-master") && ungrouped) {
            more.add(join(menu + " unset", where, name));
          } else {
            old.put(name, earlier != null ? earlier : defaults.getOrDefault(name, ""));
          }
        }
        List<String> out = new ArrayList<>();
        if (!old.isEmpty()) {
          out.add(join(menu + " set", where, RouterOsSyntax.assignments(old)));
        }
        out.addAll(more);
        yield out;
      }
      case REMOVE -> {
        Map<String, String> all = new LinkedHashMap<>(before);
        key.forEach(all::remove);
        yield List.of(join(menu + " add", RouterOsSyntax.assignments(key), RouterOsSyntax.assignments(all)));
      }
    };
  }

  private Map<String, String> masked(Map<String, String> props) {
    Map<String, String> out = new LinkedHashMap<>();
    props.forEach((k, v) -> out.put(k, secrets.contains(k) || MenuSchema.SECRET_PROPERTIES.contains(k) ? Secret.MASK : v));
    return out;
  }

  private static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(p);
    }
    return sb.toString();
  }
}
