package io.haprovision.mikrotik.routeros;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One RouterOS command line cut into its parts, as {@code /export terse} prints them and as
 * ha-provision writes them: {@code /interface vrrp add name=HA_VRRP interval=1s},
 * {@code /interface ethernet set [ find default-name=ether7 ] comment=HA_RESCUE},
 * {@code /system identity set name=X}. Quoted values are unescaped ({@code \" \\ \$ \? \n
 * \r \t}).
 *
 * @param menu the menu path, {@code /interface vrrp}
 * @param verb {@code add}, {@code set}, {@code remove}, ...
 * @param find the {@code [ find k=v ... ]} condition's equalities (empty when there is none)
 * @param target a bare item name after the verb ({@code set ether7 ...}), if any
 * @param properties the {@code k=v} arguments in order
 */
public record RouterOsLine(String menu, String verb, Map<String, String> find, Optional<String> target,
    Map<String, String> properties) {
  /** Copies the maps, keeping their order. */
  public RouterOsLine {
    find = Collections.unmodifiableMap(new LinkedHashMap<>(find));
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  private static final java.util.Set<String> VERBS = java.util.Set.of("add", "set", "remove", "enable", "disable",
      "print", "export", "run", "edit", "unset", "reset");

  /**
   * Parses {@code line}; empty when it is not a menu command (a comment, a blank line, a
   * scripting command such as {@code :put}).
   */
  public static Optional<RouterOsLine> parse(String line) {
    String t = line.strip();
    if (!t.startsWith("/")) {
      return Optional.empty();
    }
    List<String> tokens = tokens(t);
    List<String> menuWords = new ArrayList<>();
    int i = 0;
    while (i < tokens.size() && !VERBS.contains(tokens.get(i)) && !tokens.get(i).contains("=")) {
      menuWords.add(tokens.get(i));
      i++;
    }
    if (i >= tokens.size() || !VERBS.contains(tokens.get(i)) || menuWords.isEmpty()) {
      return Optional.empty();
    }
    String menu = String.join(" ", menuWords).replaceFirst("^/ ", "/");
    String verb = tokens.get(i++);
    Map<String, String> find = new LinkedHashMap<>();
    Optional<String> target = Optional.empty();
    Map<String, String> props = new LinkedHashMap<>();
    for (; i < tokens.size(); i++) {
      String tok = tokens.get(i);
      if (tok.startsWith("[")) {
        find.putAll(condition(tok.substring(1, tok.length() - 1)));
      } else if (tok.contains("=")) {
        int eq = tok.indexOf('=');
        props.put(tok.substring(0, eq), unquote(tok.substring(eq + 1)));
      } else if (target.isEmpty()) {
        target = Optional.of(unquote(tok));
      }
    }
    return Optional.of(new RouterOsLine(menu, verb, find, target, props));
  }

  /** The equalities of a {@code find [where] k=v [and k2="v2"]} condition; other operators are ignored. */
  static Map<String, String> condition(String inner) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String tok : tokens(inner.strip())) {
      int eq = tok.indexOf('=');
      if (eq > 0 && tok.charAt(eq - 1) != '!' && tok.charAt(eq - 1) != '<' && tok.charAt(eq - 1) != '>') {
        out.put(tok.substring(0, eq), unquote(tok.substring(eq + 1)));
      }
    }
    return out;
  }

  /**
   * Splits on blanks outside double quotes and brackets; a bracketed part stays one token
   * with its brackets, a quoted value stays with its quotes.
   */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        cur.append(c);
        if (c == '\\' && i + 1 < text.length()) {
          cur.append(text.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      if (c == '"') {
        quoted = true;
        cur.append(c);
      } else if (c == '[') {
        depth++;
        cur.append(c);
      } else if (c == ']') {
        depth = Math.max(0, depth - 1);
        cur.append(c);
      } else if (Character.isWhitespace(c) && depth == 0) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /** A value as RouterOS means it: quotes removed and escapes resolved; a plain word unchanged. */
  public static String unquote(String value) {
    if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
      return value;
    }
    String inner = value.substring(1, value.length() - 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c != '\\' || i + 1 >= inner.length()) {
        sb.append(c);
        continue;
      }
      char n = inner.charAt(++i);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        default -> sb.append(n);
      }
    }
    return sb.toString();
  }
}
