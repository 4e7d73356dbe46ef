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

    /**
     * Its properties as printed (defaults left out), with one reading applied: a {@code /ip
     * address} printed without a prefix is the /32 it is (RouterOS exports a /32 that way), so it
     * matches the {@code /32} ha-provision writes. {@link #line()} keeps the text as printed.
     */
    public Map<String, String> properties() {
      String address = line.properties().get("address");
      if (!line.menu().equals("/ip address") || address == null || address.contains("/") || address.contains(":")) {
        return line.properties();
      }
      Map<String, String> out = new LinkedHashMap<>(line.properties());
      out.put("address", address + "/32");
      return out;
    }

    /** True for an {@code add} line. */
    public boolean added() {
      return line.verb().equals("add");
    }
  }

  /**
   * Parses export text, terse or not; lines that are no menu command (comments, blank lines)
   * go to the header when at the top. Continued lines are joined first ({@link #logicalLines}).
   */
  public static RouterOsExport parse(String text) {
    List<String> header = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    String menu = null;
    for (String logical : logicalLines(text)) {
      String line = logical.strip();
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

  /**
   * The export's lines with continuations joined. RouterOS ends a line with a backslash when the
   * command goes on, and indents the next line by 4 blanks: in a terse export at every newline
   * inside a value (the next line then starts with the escaped newline), in a plain export also
   * wherever a line passes 80 columns, even inside a word. A backslash that escapes the next
   * character (inside quotes) is not a continuation.
   */
  public static List<String> logicalLines(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = null;
    boolean quoted = false;
    for (String raw : text.replace("\r\n", "\n").split("\n", -1)) {
      String line = raw;
      if (current != null) {
        int cut = 0;
        while (cut < CONTINUATION_INDENT && cut < line.length() && line.charAt(cut) == ' ') {
          cut++;
        }
        line = line.substring(cut);
      } else {
        quoted = false;
      }
      boolean continues = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\' && i == line.length() - 1) {
          continues = true;
        } else if (quoted && c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        }
      }
      if (current == null) {
        current = new StringBuilder();
      }
      if (continues) {
        current.append(line, 0, line.length() - 1);
        continue;
      }
      current.append(line);
      out.add(current.toString());
      current = null;
    }
    if (current != null) {
      out.add(current.toString());
    }
    return out;
  }

  /** How far RouterOS indents a continued line. */
  private static final int CONTINUATION_INDENT = 4;

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

  /**
   * The printed properties of the built-in entry {@code default-name=defaultName} of {@code menu},
   * or none; several set lines for the same entry (a hand-edited file) add up, later ones winning.
   */
  public Map<String, String> builtIn(String menu, String defaultName) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Entry e : of(menu)) {
      if (e.line().verb().equals("set") && defaultName.equals(e.line().find().get("default-name"))) {
        out.putAll(e.properties());
      }
    }
    return out;
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
