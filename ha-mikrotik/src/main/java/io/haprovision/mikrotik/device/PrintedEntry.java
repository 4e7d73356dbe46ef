package io.haprovision.mikrotik.device;

import io.haprovision.mikrotik.routeros.RouterOsLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of {@code /MENU print terse}: {@code  0 R M name=HA_VRRP interface=bridge-ether8 ...}
 * (index, flag letters, every property including defaults).
 *
 * @param flags the flag letters ({@code X} disabled, {@code I} invalid, {@code R} running,
 *     {@code M} master, {@code B} backup)
 * @param properties the properties in print order
 */
public record PrintedEntry(Set<Character> flags, Map<String, String> properties) {
  /** Copies the collections. */
  public PrintedEntry {
    flags = Collections.unmodifiableSet(new TreeSet<>(flags));
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** Parses the lines of {@code print terse}; lines that are not entries (blank, {@code Flags:} legends) are skipped. */
  public static List<PrintedEntry> parseAll(String text) {
    List<PrintedEntry> out = new ArrayList<>();
    for (String raw : text.replace("\r", "").split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
        continue;
      }
      List<String> tokens = RouterOsLine.tokens(line);
      Set<Character> flags = new TreeSet<>();
      Map<String, String> props = new LinkedHashMap<>();
      for (int i = 1; i < tokens.size(); i++) {
        String t = tokens.get(i);
        int eq = t.indexOf('=');
        if (eq > 0) {
          props.put(t.substring(0, eq), RouterOsLine.unquote(t.substring(eq + 1)));
        } else if (props.isEmpty() && t.matches("[A-Z*]+")) {
          t.chars().forEach(c -> flags.add((char) c));
        }
      }
      out.add(new PrintedEntry(flags, props));
    }
    return out;
  }

  /** The property {@code name}, or "" when not printed. */
  public String get(String name) {
    return properties.getOrDefault(name, "");
  }

  /** True when flagged disabled ({@code X}). */
  public boolean disabled() {
    return flags.contains('X');
  }

  /** True when flagged master ({@code M}). */
  public boolean master() {
    return flags.contains('M');
  }

  /** True when flagged backup ({@code B}). */
  public boolean backup() {
    return flags.contains('B');
  }
}
