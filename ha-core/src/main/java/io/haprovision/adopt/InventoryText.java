package io.haprovision.adopt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A small YAML tree that keeps comments, for writing an inventory a person reads and edits
 * (Jackson writes no comments). Block style throughout; strings are quoted only where YAML
 * would read them as something else; comments are wrapped at {@value #WIDTH} columns.
 */
public final class InventoryText {
  private static final int WIDTH = 100;

  private InventoryText() {}

  /** A value in the tree. */
  public sealed interface Value permits Scalar, Mapping, Sequence {}

  /** A scalar, written as YAML text already ({@link #text(String)}, {@link #number(long)}, ...). */
  public record Scalar(String yaml) implements Value {
    /** Rejects null. */
    public Scalar {
      Objects.requireNonNull(yaml, "yaml");
    }
  }

  /**
   * One key of a mapping.
   *
   * @param key the key
   * @param value its value
   * @param above comment lines written above the key (without {@code #})
   * @param after a comment at the end of the key's line, or empty
   */
  public record Entry(String key, Value value, List<String> above, String after) {
    /** Copies the list. */
    public Entry {
      above = List.copyOf(above);
    }
  }

  /** A mapping whose keys keep their order; add to it while building. */
  public static final class Mapping implements Value {
    private final List<Entry> entries = new ArrayList<>();

    /** Adds {@code key: value}. */
    public Mapping put(String key, Value value) {
      return put(key, value, "");
    }

    /** Adds {@code key: value  # after}. */
    public Mapping put(String key, Value value, String after) {
      entries.add(new Entry(key, value, List.of(), after));
      return this;
    }

    /** Adds {@code key: value} with comment lines above it. */
    public Mapping put(String key, Value value, List<String> above, String after) {
      entries.add(new Entry(key, value, above, after));
      return this;
    }

    /** The entries so far. */
    public List<Entry> entries() {
      return List.copyOf(entries);
    }

    /** Whether nothing was put. */
    public boolean isEmpty() {
      return entries.isEmpty();
    }
  }

  /** A sequence; each item may carry comment lines above it. */
  public static final class Sequence implements Value {
    private final List<Value> items = new ArrayList<>();
    private final List<List<String>> comments = new ArrayList<>();

    /** Adds an item. */
    public Sequence add(Value item) {
      return add(item, List.of());
    }

    /** Adds an item with comment lines above it. */
    public Sequence add(Value item, List<String> above) {
      items.add(item);
      comments.add(List.copyOf(above));
      return this;
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
      return items.isEmpty();
    }
  }

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/.:@~+-][A-Za-z0-9_/.:@~+ -]*");
  private static final Pattern NOT_STRING = Pattern.compile(
      "(?i)(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_]*(\\.[0-9]*)?([eE][-+]?[0-9]+)?|0x[0-9a-f]+|\\.inf|\\.nan)");

  /**
   * A string, quoted when YAML would read it as another type or it holds special characters.
   * Anything with a colon is quoted: YAML 1.1 reads {@code 12:34:56:12:34:56}, a MAC address of
   * digits, as a base-60 number.
   */
  public static Scalar text(String s) {
    if (PLAIN.matcher(s).matches() && !NOT_STRING.matcher(s).matches() && !s.endsWith(" ") && !s.contains(":")
        && !s.contains(" #")) {
      return new Scalar(s);
    }
    return new Scalar("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
  }

  /** A whole number. */
  public static Scalar number(long n) {
    return new Scalar(Long.toString(n));
  }

  /** A decimal as written ({@code 0.5}). */
  public static Scalar decimal(String n) {
    return new Scalar(n);
  }

  /** true or false. */
  public static Scalar flag(boolean b) {
    return new Scalar(Boolean.toString(b));
  }

  /** A {@code ${env:NAME}} reference. */
  public static Scalar env(String name) {
    return new Scalar("${env:" + name + "}");
  }

  /** A new mapping. */
  public static Mapping map() {
    return new Mapping();
  }

  /** A new sequence. */
  public static Sequence list() {
    return new Sequence();
  }

  /** The document: {@code header} comment lines, then the mapping. */
  public static String render(List<String> header, Mapping root) {
    StringBuilder sb = new StringBuilder();
    comments(sb, header, 0);
    if (!header.isEmpty()) {
      sb.append('\n');
    }
    mapping(sb, root, 0, false);
    return sb.toString();
  }

  /** Comment lines, each wrapped at {@link #WIDTH} columns (a word longer than that stays whole). */
  private static void comments(StringBuilder sb, List<String> lines, int indent) {
    for (String c : lines) {
      for (String part : c.split("\n", -1)) {
        for (String l : wrap(part, WIDTH - indent - 2)) {
          sb.append(" ".repeat(indent)).append(l.isEmpty() ? "#" : "# " + l).append('\n');
        }
      }
    }
  }

  /** {@code text} in lines of at most {@code width} characters; continuations indented 2 more than the first. */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    int lead = 0;
    while (lead < text.length() && text.charAt(lead) == ' ') {
      lead++;
    }
    String indent = " ".repeat(lead);
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.substring(lead).split(" ", -1)) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
        line.append(indent).append("  ").append(word);
      } else {
        line.append(line.length() > indent.length() ? " " : "").append(word);
      }
    }
    out.add(line.toString());
    return out;
  }

  /** Writes the entries; the first one continues a "- " already written when {@code inItem}. */
  private static void mapping(StringBuilder sb, Mapping m, int indent, boolean inItem) {
    boolean first = true;
    for (Entry e : m.entries) {
      if (!(first && inItem)) {
        comments(sb, e.above(), indent);
        sb.append(" ".repeat(indent));
      }
      first = false;
      sb.append(e.key()).append(':');
      value(sb, e.value(), indent, e.after());
    }
  }

  private static void value(StringBuilder sb, Value v, int indent, String after) {
    String tail = after.isEmpty() ? "" : "  # " + after;
    if (v instanceof Scalar s) {
      sb.append(' ').append(s.yaml()).append(tail).append('\n');
    } else if (v instanceof Mapping m) {
      if (m.isEmpty()) {
        sb.append(" {}").append(tail).append('\n');
        return;
      }
      sb.append(tail).append('\n');
      mapping(sb, m, indent + 2, false);
    } else if (v instanceof Sequence q) {
      if (q.isEmpty()) {
        sb.append(" []").append(tail).append('\n');
        return;
      }
      sb.append(tail).append('\n');
      for (int i = 0; i < q.items.size(); i++) {
        comments(sb, q.comments.get(i), indent + 2);
        Value item = q.items.get(i);
        if (item instanceof Mapping m && !m.isEmpty()) {
          comments(sb, m.entries.get(0).above(), indent + 2);
        }
        sb.append(" ".repeat(indent + 2)).append("- ");
        if (item instanceof Scalar s) {
          sb.append(s.yaml()).append('\n');
        } else if (item instanceof Mapping m && !m.isEmpty()) {
          mapping(sb, m, indent + 4, true);
        } else {
          sb.append(item instanceof Mapping ? "{}" : "[]").append('\n');
        }
      }
    }
  }
}
