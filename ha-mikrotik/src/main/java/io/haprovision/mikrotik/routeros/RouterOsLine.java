package io.haprovision.mikrotik.routeros;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * @param words the bare words after the verb, in order: an item name ({@code set ether7 ...},
 *     {@code /port set 0 ...}) or a flag argument such as {@code blackhole} that 7.x routes print
 * @param properties the {@code k=v} arguments in order
 */
public record RouterOsLine(String menu, String verb, Map<String, String> find, List<String> words,
    Map<String, String> properties) {
  /** Copies the maps and the list, keeping their order. */
  public RouterOsLine {
    find = Collections.unmodifiableMap(new LinkedHashMap<>(find));
    words = List.copyOf(words);
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** The item the command names without a find ({@code set ether7 ...}): its first bare word, if any. */
  public Optional<String> target() {
    return words.isEmpty() ? Optional.empty() : Optional.of(words.get(0));
  }

  /**
   * The line in terse form, values quoted where RouterOS quotes them: what parses back to an
   * equal line. Not byte-identical to RouterOS's own print (bare words go before the
   * properties, the find is written in one form).
   */
  public String terse() {
    StringBuilder sb = new StringBuilder(menu).append(' ').append(verb);
    if (!find.isEmpty()) {
      sb.append(" [ find ").append(RouterOsSyntax.assignments(find)).append(" ]");
    }
    words.forEach(w -> sb.append(' ').append(RouterOsSyntax.value(w)));
    if (!properties.isEmpty()) {
      sb.append(' ').append(RouterOsSyntax.assignments(properties));
    }
    return sb.toString();
  }

  /** A path written with slashes up to the first blank: {@code /ip/address/add}. */
  private static final Pattern SLASHED_PATH = Pattern.compile("/[a-z0-9-]+(?:/[a-z0-9-]+)+(?=\\s|$)");

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
    // RouterOS 7 also takes the path with slashes (/ip/address/add ...), as hand-written scripts use it.
    Matcher slashed = SLASHED_PATH.matcher(t);
    if (slashed.lookingAt()) {
      t = slashed.group().replace('/', ' ').replaceFirst("^ ", "/") + t.substring(slashed.end());
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
    List<String> words = new ArrayList<>();
    Map<String, String> props = new LinkedHashMap<>();
    for (; i < tokens.size(); i++) {
      String tok = tokens.get(i);
      if (tok.startsWith("[")) {
        find.putAll(condition(tok.substring(1, tok.length() - 1)));
      } else if (tok.contains("=")) {
        int eq = tok.indexOf('=');
        props.put(tok.substring(0, eq), unquote(tok.substring(eq + 1)));
      } else {
        words.add(unquote(tok));
      }
    }
    return Optional.of(new RouterOsLine(menu, verb, find, words, props));
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

  /**
   * A value as RouterOS means it: quotes removed and escapes resolved (backslash before a quote,
   * backslash, dollar, question mark; n, r, t, underscore for newline, return, tab, blank; and two
   * upper-case hex digits for a byte, in which exports print text outside ASCII); a plain word
   * unchanged.
   */
  public static String unquote(String value) {
    if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
      return value;
    }
    String inner = value.substring(1, value.length() - 1);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c != '\\' || i + 1 >= inner.length()) {
        byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        continue;
      }
      if (i + 2 < inner.length() && HEX.indexOf(inner.charAt(i + 1)) >= 0 && HEX.indexOf(inner.charAt(i + 2)) >= 0) {
        bytes.write(Integer.parseInt(inner.substring(i + 1, i + 3), 16));
        i += 2;
        continue;
      }
      char n = inner.charAt(++i);
      String resolved = switch (n) {
        case 'n' -> "\n";
        case 'r' -> "\r";
        case 't' -> "\t";
        case '_' -> " ";
        default -> String.valueOf(n);
      };
      byte[] b = resolved.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      bytes.write(b, 0, b.length);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Digits of a hex escape: RouterOS prints them upper case, so an escaped n stays a newline. */
  private static final String HEX = "0123456789ABCDEF";

}
