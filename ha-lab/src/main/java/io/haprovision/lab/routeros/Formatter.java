package io.haprovision.lab.routeros;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code /export} and {@code print} output of a simulated router, in RouterOS's formats. */
final class Formatter {
  private Formatter() {}

  /**
   * The export of {@code menus} ({@code null}: everything).
   *
   * @param terse       one self-contained command per line instead of menu headers
   * @param showSecrets print secret properties (v6 default; v7 only with {@code show-sensitive})
   */
  static String export(SimulatedRouter router, String onlyMenu, boolean terse, boolean showSecrets) {
    RouterState state = router.state();
    RouterOsDialect dialect = state.schema.dialect();
    StringBuilder out = new StringBuilder();
    out.append("# ").append(state.schema.dateTime(router.clock().now())).append(" by RouterOS ")
        .append(router.version()).append('\n');
    out.append("# software id = ").append(router.softwareId()).append('\n');
    out.append("# model = ").append(router.boardName()).append('\n');
    out.append("# serial number = ").append(router.serialNumber()).append('\n');
    for (Menu menu : state.schema.menus()) {
      if (menu.path().equals(Schema.SCHEDULER) && covers(onlyMenu, "/system identity")
          && !state.identity.equals("MikroTik")) {
        section(out, "/system identity", List.of("set name=" + Values.quote(state.identity)), terse);
      }
      if (Schema.NOT_EXPORTED.contains(menu.path()) || !covers(onlyMenu, menu.path())) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      for (Entry entry : state.list(menu.path())) {
        String line = exportLine(state.schema, entry, showSecrets);
        if (line != null) {
          lines.add(line);
        }
      }
      section(out, menu.path(), lines, terse);
    }
    return out.toString();
  }

  private static boolean covers(String onlyMenu, String path) {
    return onlyMenu == null || onlyMenu.equals("/") || path.equals(onlyMenu) || path.startsWith(onlyMenu + " ");
  }

  private static void section(StringBuilder out, String menu, List<String> lines, boolean terse) {
    if (lines.isEmpty()) {
      return;
    }
    if (!terse) {
      out.append(menu).append('\n');
    }
    for (String line : lines) {
      if (terse) {
        out.append(menu).append(' ');
      }
      out.append(line).append('\n');
    }
  }

  /**
   * One entry's export line without the menu, or null when a built-in entry has nothing to say.
   * As RouterOS prints it: a /32 address without its prefix, VRRP grouping under the release's
   * name, scripts with their owner and {@code dont-require-permissions}, and every newline
   * inside a value continued on the next line ({@code \} at the end, 4 blanks, then the escaped
   * newline).
   */
  static String exportLine(Schema schema, Entry entry, boolean showSecrets) {
    List<String> parts = new ArrayList<>();
    List<Prop> props = new ArrayList<>(entry.menu.props());
    props.sort(Comparator.comparing(Prop::name));
    for (Prop prop : props) {
      if (prop.readOnly() || (prop.secret() && !showSecrets)) {
        continue;
      }
      String value = entry.get(prop.name());
      if (entry.menu.path().equals(Schema.ADDRESS) && prop.name().equals("address") && value.endsWith("/32")) {
        value = value.substring(0, value.length() - 3);
      }
      if (entry.menu.builtIn()) {
        if (prop.name().equals("name") && value.equals(entry.get("default-name"))) {
          continue;
        }
        if (prop.name().equals("mac-address") && value.equals(entry.get("orig-mac-address"))) {
          continue;
        }
      }
      String factory = entry.factory.containsKey(prop.name()) ? entry.factory.get(prop.name()) : prop.defaultValue();
      boolean atDefault = factory == null ? value.isEmpty() : value.equals(factory);
      if (atDefault && !Schema.ALWAYS_EXPORTED.contains(entry.menu.path() + " " + prop.name())) {
        continue;
      }
      parts.add(schema.shownName(entry.menu, prop.name()) + "=" + Values.quoteContinued(value));
    }
    if (entry.menu.builtIn()) {
      if (parts.isEmpty()) {
        return null;
      }
      return entry.menu.prop("default-name").isPresent()
          ? "set [ find default-name=" + entry.get("default-name") + " ] " + String.join(" ", parts)
          : "set " + entry.name() + " " + String.join(" ", parts);
    }
    return parts.isEmpty() ? "add" : "add " + String.join(" ", parts);
  }

  /**
   * {@code print terse}: {@code  N FLAGS prop=value ...} for {@code entries}, numbered by their
   * place in {@code all}, with the properties {@code props} (callers leave out hidden secrets).
   */
  static String printTerse(List<Entry> all, List<Entry> entries, List<Prop> props, Function<Entry, String> flags,
      List<String> proplist, java.util.function.BiFunction<Entry, String, String> value, Function<String, String> shown) {
    int width = 1;
    for (Entry e : entries) {
      width = Math.max(width, flags.apply(e).length());
    }
    StringBuilder out = new StringBuilder();
    for (Entry e : entries) {
      List<String> parts = new ArrayList<>();
      for (Prop prop : props) {
        if (proplist != null && !proplist.contains(prop.name())) {
          continue;
        }
        // print terse quotes nothing: a value with blanks runs on to the next key=
        parts.add(shown.apply(prop.name()) + "=" + value.apply(e, prop.name()));
      }
      // the number is the entry's place in the whole menu, also when a where condition filters
      out.append(String.format(java.util.Locale.ROOT, "%2d %-" + width + "s %s", all.indexOf(e), flags.apply(e),
          String.join(" ", parts))).append('\n');
    }
    return out.toString();
  }

  /** {@code print as-value}: {@code .id=*1;name=...;.id=*2;...} on one line. */
  static String printAsValue(List<Entry> entries, List<Prop> props, List<String> proplist,
      java.util.function.BiFunction<Entry, String, String> value, Function<String, String> shown) {
    List<String> parts = new ArrayList<>();
    for (Entry e : entries) {
      parts.add(".id=" + e.idString());
      for (Prop prop : props) {
        if (proplist != null && !proplist.contains(prop.name())) {
          continue;
        }
        parts.add(shown.apply(prop.name()) + "=" + value.apply(e, prop.name()));
      }
    }
    return parts.isEmpty() ? "" : String.join(";", parts) + "\n";
  }

  /** {@code key: value} lines with the keys right-aligned, as singleton menus print. */
  static String keyValues(Map<String, String> values) {
    int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(" ".repeat(width - k.length() + 2)).append(k).append(": ").append(v).append('\n'));
    return out.toString();
  }
}
