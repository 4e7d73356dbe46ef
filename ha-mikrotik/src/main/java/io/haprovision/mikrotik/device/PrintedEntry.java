package io.haprovision.mikrotik.device;

import io.haprovision.mikrotik.routeros.RouterOsLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code /MENU print terse}: {@code  0  RM name=HA_VRRP interface=bridge-ether8 ...}
 * (index, flag columns, every property including defaults).
 *
 * <p>How RouterOS prints it (see the corpus in the tests): flags are column letters, upper and
 * lower case, several at once and with blanks between columns ({@code  9 DXS}, {@code  0 A S},
 * {@code Db}); on 7.x a VRRP interface has X disabled, I invalid, G group authority, g group
 * member, R running, M master, B backup, F failure. Values are not quoted, so a value may hold
 * blanks ({@code name=ether3 UniFi1}, {@code last-link-up-time=aug/16/1970 13:05:43}): a property
 * ends where the next {@code key=} begins.
 *
 * @param flags the flag letters, case kept
 * @param properties the properties in print order
 */
public record PrintedEntry(Set<Character> flags, Map<String, String> properties) {
  /** Copies the collections. */
  public PrintedEntry {
    flags = Collections.unmodifiableSet(new TreeSet<>(flags));
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** Where a property begins: a key after the line's start or a blank. */
  private static final Pattern KEY = Pattern.compile("(?<=^|\\s)([a-z][a-z0-9.-]*)=");
  /** What may stand before the first property: an index, then flag columns. */
  private static final Pattern PREFIX = Pattern.compile("\\s*(?:[0-9]+(?=\\s|$))?([\\sA-Za-z*]*)");

  /**
   * Parses the lines of {@code print terse}; lines that are not entries (blank, a
   * {@code Flags:} legend, log lines RouterOS mixes in) are skipped.
   */
  public static List<PrintedEntry> parseAll(String text) {
    List<PrintedEntry> out = new ArrayList<>();
    for (String raw : text.replace("\r", "").split("\n")) {
      parse(raw).ifPresent(out::add);
    }
    return out;
  }

  /** One line, or empty when it is no entry. */
  static Optional<PrintedEntry> parse(String line) {
    Matcher key = KEY.matcher(line);
    if (!key.find()) {
      return Optional.empty();
    }
    Matcher prefix = PREFIX.matcher(line.substring(0, key.start()));
    if (!prefix.matches()) {
      return Optional.empty();
    }
    Set<Character> flags = new TreeSet<>();
    prefix.group(1).chars().filter(c -> !Character.isWhitespace(c)).forEach(c -> flags.add((char) c));
    Map<String, String> props = new LinkedHashMap<>();
    List<int[]> starts = new ArrayList<>();
    do {
      starts.add(new int[] {key.start(), key.end()});
    } while (key.find());
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : line.length();
      String name = line.substring(starts.get(i)[0], starts.get(i)[1] - 1);
      props.put(name, RouterOsLine.unquote(line.substring(starts.get(i)[1], end).strip()));
    }
    return Optional.of(new PrintedEntry(flags, props));
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

  /** True when flagged failure ({@code F}, 7.x: a member of its VRRP group has no link). */
  public boolean failure() {
    return flags.contains('F');
  }

  /** True when flagged group member ({@code g}, 7.x). */
  public boolean groupMember() {
    return flags.contains('g');
  }
}
