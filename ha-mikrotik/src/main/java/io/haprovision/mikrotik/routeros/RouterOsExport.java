package io.haprovision.mikrotik.routeros;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A router's configuration as {@code /export terse} prints it: the header comments, then one
 * command per entry. Entries ha-provision added are {@code add} lines; built-in entries with
 * properties away from their defaults are {@code set [ find default-name=X ]} lines; singleton
 * menus are {@code set} lines. Properties at their default are not printed.
 *
 * @param header the comment lines at the top ({@code # ... by RouterOS 7.12.1})
 * @param entries every command line, parsed, in order
 */
public record RouterOsExport(List<String> header, List<Entry> entries) {
  /** Copies the lists. */
  public RouterOsExport {
    header = List.copyOf(header);
    entries = List.copyOf(entries);
  }

  /**
   * One exported entry.
   *
   * @param line the parsed command
   * @param text the line as printed
   */
  public record Entry(RouterOsLine line, String text) {
    /** The entry's menu. */
    public String menu() {
      return line.menu();
    }

    /** Its properties as printed (defaults left out). */
    public Map<String, String> properties() {
      return line.properties();
    }

    /** True for an {@code add} line. */
    public boolean added() {
      return line.verb().equals("add");
    }
  }

  /** Parses export text; lines that are no menu command (comments, blank lines) go to the header when at the top. */
  public static RouterOsExport parse(String text) {
    List<String> header = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    String menu = null;
    for (String raw : text.replace("\r", "").split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (entries.isEmpty()) {
          header.add(line);
        }
        continue;
      }
      // A non-terse export prints the menu alone on a line, then its commands.
      if (line.startsWith("/") && RouterOsLine.parse(line).isEmpty()) {
        menu = line;
        continue;
      }
      String full = line.startsWith("/") || menu == null ? line : menu + " " + line;
      RouterOsLine.parse(full).ifPresent(l -> entries.add(new Entry(l, full)));
    }
    return new RouterOsExport(header, entries);
  }

  /** The RouterOS version the header names ({@code by RouterOS 7.12.1}), if it does. */
  public Optional<String> version() {
    for (String h : header) {
      int i = h.indexOf("by RouterOS ");
      if (i >= 0) {
        return Optional.of(h.substring(i + "by RouterOS ".length()).strip());
      }
    }
    return Optional.empty();
  }

  /** The entries of {@code menu}, in order. */
  public List<Entry> of(String menu) {
    return entries.stream().filter(e -> e.menu().equals(menu)).toList();
  }

  /**
   * The properties of the added entry of {@code menu} whose properties include every one of
   * {@code key} (values compared the way RouterOS means them), with the menu's defaults
   * filled in for properties not printed; empty when there is none.
   */
  public Optional<Map<String, String>> added(String menu, Map<String, String> key, int routerOs) {
    for (Entry e : of(menu)) {
      if (e.added() && matches(e.properties(), key)) {
        return Optional.of(withDefaults(menu, e.properties(), routerOs));
      }
    }
    return Optional.empty();
  }

  /** The printed properties of the built-in entry {@code default-name=defaultName} of {@code menu}, or none. */
  public Map<String, String> builtIn(String menu, String defaultName) {
    for (Entry e : of(menu)) {
      if (e.line().verb().equals("set") && defaultName.equals(e.line().find().get("default-name"))) {
        return e.properties();
      }
    }
    return Map.of();
  }

  /**
   * {@code printed} over {@code menu}'s defaults. On RouterOS 7 a secret property that is not
   * printed stays out (unknown, since it may be hidden); on 6 the export shows secrets, so a
   * missing one is at its default (empty).
   */
  public static Map<String, String> withDefaults(String menu, Map<String, String> printed, int routerOs) {
    Map<String, String> all = new LinkedHashMap<>(MenuSchema.defaults(menu, routerOs));
    if (routerOs >= 7) {
      // RouterOS 7 leaves secrets out of an export unless show-sensitive is allowed to the user,
      // so a secret not printed is unknown there, not empty: it is not compared.
      MenuSchema.SECRET_PROPERTIES.forEach(all::remove);
    }
    all.putAll(printed);
    return all;
  }

  private static boolean matches(Map<String, String> props, Map<String, String> key) {
    for (Map.Entry<String, String> k : key.entrySet()) {
      String has = props.get(k.getKey());
      if (has == null || !RouterOsValues.same(has, k.getValue())) {
        return false;
      }
    }
    return true;
  }
}
