package io.haprovision.inventory;

import com.google.common.net.InetAddresses;
import io.haprovision.inventory.schema.SchemaRecorder;
import io.haprovision.inventory.schema.ValueShape;
import io.haprovision.secret.Secret;
import io.haprovision.yaml.YamlList;
import io.haprovision.yaml.YamlMap;
import io.haprovision.yaml.YamlNode;
import io.haprovision.yaml.YamlPath;
import io.haprovision.yaml.YamlScalar;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads one map of the inventory into typed values, recording a {@link Problem} for
 * every key that is unknown, missing, of the wrong type or out of range, and going on
 * (with the default, or null/empty) so that one pass finds every problem. The core
 * binds its own sections with it, and platforms bind theirs through
 * {@link io.haprovision.spi.Target#bindSection}, so errors read the same everywhere.
 *
 * <p>Getters that take a key read the value under that key of this map; the
 * {@code ...Of(YamlNode)} forms convert any node (list items, map values) the same way.
 * Required getters return null when the value is missing or wrong (after recording the
 * problem), so callers check {@link Problems#size()} rather than the values.
 *
 * <p>Generic rule ids: {@code key.unknown}, {@code key.missing}, {@code type.wrong},
 * {@code value.range}, {@code value.invalid}, {@code secret.env-missing},
 * {@code secret.file-unreadable}, {@code secret.empty}, {@code secret.syntax},
 * {@code secret.not-allowed}.
 *
 * <p>When the context carries a {@link SchemaRecorder}, every key allowed or required and
 * every conversion is recorded where it stands: that is how the inventory's JSON Schema is
 * made ({@link io.haprovision.inventory.schema}). A reader over a map merged from
 * defaults ({@link #inherited}) records no requirement: what it inherits may be written at
 * another level.
 */
public final class SectionReader {

  private final YamlMap map;
  private final boolean present;
  private final boolean layered;
  private final Problems problems;
  private final LoadContext context;
  private final SchemaRecorder schema;

  private SectionReader(YamlMap map, boolean present, boolean layered, Problems problems, LoadContext context) {
    this.map = map;
    this.present = present;
    this.layered = layered;
    this.problems = problems;
    this.context = context;
    this.schema = context.schema();
  }

  /** A reader over {@code map}, a map as written. */
  public static SectionReader of(YamlMap map, Problems problems, LoadContext context) {
    return new SectionReader(map, true, false, problems, context);
  }

  /**
   * A reader over {@code map}, merged from several levels (defaults, the pair, the node):
   * it reads like any other, but its requirements are not the written maps' own.
   */
  public static SectionReader inherited(YamlMap map, Problems problems, LoadContext context) {
    return new SectionReader(map, true, true, problems, context);
  }

  /** A reader over an absent section at {@code path}: every key is absent. */
  public static SectionReader empty(String path, Problems problems, LoadContext context) {
    return new SectionReader(
        YamlMap.empty(problems.locate(path), path), false, false, problems, context);
  }

  /** A reader over {@code child}, a map inside this one: inherited when this one is. */
  private SectionReader child(YamlMap child) {
    return new SectionReader(child, true, layered, problems, context);
  }

  /** The key path of this section ({@code pairs[0].openwrt}). */
  public String path() {
    return map.path();
  }

  /** The key path of {@code key} in this section. A merged section answers with where the key was written. */
  public String pathOf(String key) {
    YamlNode node = map.get(key);
    return node != null ? node.path() : YamlPath.child(map.path(), key);
  }

  /** The map read (empty when the section is absent). */
  public YamlMap map() {
    return map;
  }

  /** False when the section is absent from the inventory. */
  public boolean present() {
    return present;
  }

  /** True when {@code key} has a (non-null) value. */
  public boolean has(String key) {
    YamlNode node = map.get(key);
    return node != null && !(node instanceof YamlScalar s && s.isNull());
  }

  /** Where problems go. */
  public Problems problems() {
    return problems;
  }

  /** Environment, inventory folder and home folder. */
  public LoadContext context() {
    return context;
  }

  /** Records a warning about {@code key} of this section: valid, but shown by every command (see {@link Problems#warn}). */
  public void warn(String key, String rule, String message, String fix) {
    problems.warn(pathOf(key), rule, message, fix);
  }

  /** Records a problem about {@code key} of this section (at its value, or at this section when absent). */
  public void problem(String key, String rule, String message, String fix) {
    problems.add(pathOf(key), rule, message, fix);
  }

  /**
   * Records a {@code key.unknown} problem (with a did-you-mean) for every key not in
   * {@code allowed}, at the key itself. Returns true when every key is allowed.
   */
  public boolean allowOnly(String... allowed) {
    return allowOnly(Arrays.asList(allowed));
  }

  /** As {@link #allowOnly(String...)}. */
  public boolean allowOnly(Collection<String> allowed) {
    if (schema != null) {
      schema.allowed(map.path(), present && !layered, List.copyOf(allowed));
    }
    boolean ok = true;
    for (YamlMap.Entry e : map.entries().values()) {
      if (!allowed.contains(e.key())) {
        ok = false;
        String hint = Suggestions.closest(e.key(), allowed)
            .map(s -> "did you mean `" + s + "`?")
            .orElse("allowed keys here: " + String.join(", ", allowed));
        problems.add(e.keyLocation(), e.value().path(), "key.unknown",
            "unknown key `" + e.key() + "`", hint);
      }
    }
    return ok;
  }

  // ---- strings -------------------------------------------------------------------------

  /** A required string; null (with a problem) when missing or not a string. */
  public String string(String key) {
    YamlNode node = required(key, "a string");
    return node == null ? null : stringOf(node);
  }

  /** A string, or {@code defaultValue} when absent. */
  public String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  /** A string if present. */
  public Optional<String> optionalString(String key) {
    YamlNode node = optional(key);
    return node == null ? Optional.empty() : Optional.ofNullable(stringOf(node));
  }

  /**
   * {@code node} as a string (numbers are taken as written); null with a problem for a
   * map, list, boolean or null, or when it holds secret syntax ({@code ${env:...}}),
   * which only secret fields accept.
   */
  public String stringOf(YamlNode node) {
    expect(node, new ValueShape.Text());
    return textOf(node);
  }

  private String textOf(YamlNode node) {
    if (node instanceof YamlScalar s
        && (s.type() == YamlScalar.Type.STRING || s.type() == YamlScalar.Type.INTEGER
            || s.type() == YamlScalar.Type.DECIMAL)) {
      if (s.type() == YamlScalar.Type.STRING && SecretResolver.SECRET_REF.matcher(s.text()).find()) {
        problems.add(node.path(), "secret.not-allowed",
            "`${env:...}` and `${file:...}` are only resolved in secret fields (passwords), not here",
            "write the value itself");
        return null;
      }
      return s.text();
    }
    wrongType(node, "a string");
    return null;
  }

  /** A list of strings; empty when absent; empty with a problem when not a list. */
  public List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    for (YamlNode item : list(key)) {
      String s = stringOf(item);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  // ---- numbers -------------------------------------------------------------------------

  /** A whole number in {@code min..max}, or {@code defaultValue} when absent or wrong (with a problem). */
  public int integer(String key, int min, int max, int defaultValue) {
    return optionalInteger(key, min, max).orElse(defaultValue);
  }

  /** A whole number in {@code min..max} if present. */
  public Optional<Integer> optionalInteger(String key, int min, int max) {
    YamlNode node = optional(key);
    return node == null ? Optional.empty() : Optional.ofNullable(integerOf(node, min, max));
  }

  /** A required whole number in {@code min..max}; null (with a problem) when missing or wrong. */
  public Integer requiredInteger(String key, int min, int max) {
    YamlNode node = required(key, "a whole number");
    return node == null ? null : integerOf(node, min, max);
  }

  /** {@code node} as a whole number in {@code min..max}; null with a problem otherwise. */
  public Integer integerOf(YamlNode node, int min, int max) {
    expect(node, new ValueShape.Whole(min, max));
    if (!(node instanceof YamlScalar s) || s.type() != YamlScalar.Type.INTEGER) {
      wrongType(node, "a whole number" + rangeText(min, max));
      return null;
    }
    long value;
    try {
      value = parseLong(s.text());
    } catch (NumberFormatException e) {
      // an integer too large for any field
      problems.add(node.path(), "value.range", "value " + s.text() + " is out of range",
          "use a whole number" + rangeText(min, max));
      return null;
    }
    if (value < min || value > max) {
      problems.add(node.path(), "value.range", "value " + s.text() + " is out of range",
          "use a whole number" + rangeText(min, max));
      return null;
    }
    return (int) value;
  }

  /** A decimal number if present (whole numbers too); range checks are the caller's. */
  public Optional<BigDecimal> decimal(String key) {
    YamlNode node = optional(key);
    return node == null ? Optional.empty() : Optional.ofNullable(decimalOf(node));
  }

  /** {@code node} as a decimal number; null with a problem otherwise. */
  public BigDecimal decimalOf(YamlNode node) {
    expect(node, new ValueShape.Decimal());
    if (node instanceof YamlScalar s
        && (s.type() == YamlScalar.Type.INTEGER || s.type() == YamlScalar.Type.DECIMAL)) {
      try {
        return new BigDecimal(s.text().replace("_", ""));
      } catch (NumberFormatException e) {
        // .inf, .nan and the like: fall through to the type problem
      }
    }
    wrongType(node, "a number");
    return null;
  }

  // ---- booleans, durations, enums -------------------------------------------------------

  /** {@code true} or {@code false}, or {@code defaultValue} when absent or wrong. */
  public boolean bool(String key, boolean defaultValue) {
    YamlNode node = optional(key);
    if (node == null) {
      return defaultValue;
    }
    Boolean b = boolOf(node);
    return b == null ? defaultValue : b;
  }

  /** {@code node} as a boolean; null with a problem otherwise. */
  public Boolean boolOf(YamlNode node) {
    expect(node, new ValueShape.Flag());
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.BOOLEAN) {
      return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
    }
    wrongType(node, "true or false");
    return null;
  }

  /**
   * A positive duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or a number
   * of seconds; {@code defaultValue} when absent or wrong.
   */
  public Duration duration(String key, Duration defaultValue) {
    YamlNode node = optional(key);
    if (node == null) {
      return defaultValue;
    }
    Duration d = durationOf(node);
    return d == null ? defaultValue : d;
  }

  /** {@code node} as a positive duration; null with a problem otherwise. */
  public Duration durationOf(YamlNode node) {
    expect(node, new ValueShape.Span());
    String fix = "write a positive duration such as 500ms, 10s, 2m or a number of seconds";
    if (!(node instanceof YamlScalar s) || s.isNull() || s.type() == YamlScalar.Type.BOOLEAN) {
      wrongType(node, "a duration (500ms, 10s, 2m)");
      return null;
    }
    Optional<Duration> d = DurationText.parse(s.text());
    if (d.isEmpty()) {
      problems.add(node.path(), "value.invalid", "`" + s.text() + "` is not a duration", fix);
      return null;
    }
    if (d.get().isZero()) {
      problems.add(node.path(), "value.range", "duration `" + s.text() + "` is not positive", fix);
      return null;
    }
    return d.get();
  }

  /**
   * One of the constants of {@code type}, written case-insensitively with {@code -} for
   * {@code _} ({@code accept-new} for {@code ACCEPT_NEW}); {@code defaultValue} when
   * absent or wrong.
   */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    return optionalEnum(key, type).orElse(defaultValue);
  }

  /** As {@link #enumValue} without a default. */
  public <E extends Enum<E>> Optional<E> optionalEnum(String key, Class<E> type) {
    YamlNode node = optional(key);
    return node == null ? Optional.empty() : Optional.ofNullable(enumOf(node, type));
  }

  /** {@code node} as a constant of {@code type}; null with a problem otherwise. */
  public <E extends Enum<E>> E enumOf(YamlNode node, Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(SectionReader::yamlName).toList();
    expect(node, new ValueShape.Choice(names, true));
    if (!(node instanceof YamlScalar s) || s.type() != YamlScalar.Type.STRING) {
      wrongType(node, "one of " + String.join(", ", names));
      return null;
    }
    String wanted = s.text().trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    problems.add(node.path(), "value.invalid", "`" + s.text() + "` is not allowed here",
        "use one of " + String.join(", ", names) + Suggestions.didYouMean(s.text(), names));
    return null;
  }

  /** How the inventory spells an enum constant: lower case, {@code -} for {@code _}. */
  public static String yamlName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  // ---- secrets and paths ---------------------------------------------------------------

  /**
   * A secret if present: {@code ${env:NAME}}, {@code ${file:PATH}} (relative to the
   * inventory's folder, one trailing newline dropped) or a literal. A missing variable,
   * an unreadable file or an empty value is a problem naming the variable or file,
   * never a value.
   */
  public Optional<Secret> secret(String key) {
    YamlNode node = optional(key);
    return node == null ? Optional.empty() : Optional.ofNullable(secretOf(node));
  }

  /** A required secret; null (with a problem) when missing or unresolvable. */
  public Secret requiredSecret(String key) {
    YamlNode node = required(key, "a secret (${env:NAME}, ${file:PATH} or the value)");
    return node == null ? null : secretOf(node);
  }

  /** {@code node} resolved as a secret; null with a problem otherwise. */
  public Secret secretOf(YamlNode node) {
    expect(node, new ValueShape.SecretValue());
    if (!(node instanceof YamlScalar s) || s.isNull() || s.type() == YamlScalar.Type.BOOLEAN) {
      wrongType(node, "a secret (${env:NAME}, ${file:PATH} or the value)");
      return null;
    }
    return SecretResolver.resolve(node, s.text(), problems, context);
  }


  /** A file path if present: {@code ~} expanded, relative paths relative to the inventory's folder. */
  public Optional<Path> path(String key) {
    Optional<String> text = optionalString(key);
    if (text.isPresent() && text.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      problem(key, "value.path", "the path holds a control character (a newline, a tab...)",
          "write the file's path on one line, without control characters");
      return Optional.empty();
    }
    if (text.isPresent() && text.get().isBlank()) {
      problem(key, "value.path", "the path is empty", "write the file's path, or leave the key out");
      return Optional.empty();
    }
    return text.map(context::resolvePath);
  }

  // ---- addresses -----------------------------------------------------------------------

  /** A required IP address (v4 or v6, canonical form); null (with a problem) when missing or wrong. */
  public String ipAddress(String key) {
    YamlNode node = required(key, "an IP address");
    return node == null ? null : ipAddressOf(node);
  }

  /** An IP address if present. */
  public Optional<String> optionalIpAddress(String key) {
    YamlNode node = optional(key);
    return node == null ? Optional.empty() : Optional.ofNullable(ipAddressOf(node));
  }

  /** {@code node} as an IP address in canonical form; null with a problem otherwise. */
  public String ipAddressOf(YamlNode node) {
    expect(node, new ValueShape.Address());
    String text = textOf(node);
    if (text == null) {
      return null;
    }
    if (!InetAddresses.isInetAddress(text)) {
      problems.add(node.path(), "value.invalid", "`" + text + "` is not an IP address",
          text.contains("/") ? "write the address without a prefix" : "write an IPv4 or IPv6 address such as 192.0.2.1");
      return null;
    }
    return InetAddresses.toAddrString(InetAddresses.forString(text));
  }

  /** A required {@code address/prefix}; null (with a problem) when missing or wrong. */
  public InterfaceAddress cidr(String key) {
    YamlNode node = required(key, "an address with prefix (192.0.2.1/24)");
    return node == null ? null : cidrOf(node);
  }

  /** An {@code address/prefix} if present. */
  public Optional<InterfaceAddress> optionalCidr(String key) {
    YamlNode node = optional(key);
    return node == null ? Optional.empty() : Optional.ofNullable(cidrOf(node));
  }

  /** {@code node} as {@code address/prefix}; null with a problem otherwise. */
  public InterfaceAddress cidrOf(YamlNode node) {
    expect(node, new ValueShape.Prefixed());
    String text = textOf(node);
    if (text == null) {
      return null;
    }
    Optional<InterfaceAddress> parsed = InterfaceAddress.parse(text.trim());
    if (parsed.isEmpty()) {
      String fix = InetAddresses.isInetAddress(text.trim())
          ? "add the prefix length: " + text.trim() + "/24 (or whatever the network's prefix is)"
          : "write an address with its prefix length, such as 192.0.2.1/24";
      problems.add(node.path(), "value.invalid", "`" + text + "` is not an address with prefix", fix);
      return null;
    }
    return parsed.get();
  }

  // ---- structure -----------------------------------------------------------------------

  /** The items of a list; empty when absent; empty with a problem when not a list. */
  public List<YamlNode> list(String key) {
    YamlNode node = optional(key);
    if (node == null) {
      return List.of();
    }
    if (schema != null) {
      schema.list(node.path());
    }
    if (node instanceof YamlList l) {
      return l.items();
    }
    wrongType(node, "a list");
    return List.of();
  }

  /** A list of maps, each as a reader (items that are not maps are problems and skipped). */
  public List<SectionReader> sections(String key) {
    List<SectionReader> out = new ArrayList<>();
    for (YamlNode item : list(key)) {
      if (item instanceof YamlMap m) {
        out.add(child(m));
      } else {
        wrongType(item, "a map");
      }
    }
    return out;
  }

  /**
   * The items of a list, or a lone scalar as a list of one; empty when absent or null. A map
   * is a problem ({@code expected}: what the items are) and gives an empty list.
   */
  public List<YamlNode> oneOrMany(String key, String expected) {
    YamlNode node = optional(key);
    if (node == null) {
      return List.of();
    }
    if (schema != null) {
      schema.oneOrMany(node.path());
    }
    if (node instanceof YamlList l) {
      return l.items();
    }
    if (node instanceof YamlScalar) {
      return List.of(node);
    }
    wrongType(node, expected + ", or a list of them");
    return List.of();
  }

  /** The entries of a map (key to value, in order); empty when absent; empty with a problem when not a map. */
  public Map<String, YamlNode> entries(String key) {
    YamlNode node = optional(key);
    if (node == null) {
      return Map.of();
    }
    if (schema != null) {
      schema.freeMap(node.path());
    }
    if (node instanceof YamlMap m) {
      Map<String, YamlNode> out = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> out.put(k, e.value()));
      return out;
    }
    wrongType(node, "a map");
    return Map.of();
  }

  /** The map under {@code key} as a reader; an empty reader when absent (or, with a problem, not a map). */
  public SectionReader section(String key) {
    YamlNode node = optional(key);
    if (node == null) {
      return empty(YamlPath.child(map.path(), key), problems, context);
    }
    return sectionOf(node);
  }

  /** {@code node} as a reader; an empty reader with a problem when it is not a map. */
  public SectionReader sectionOf(YamlNode node) {
    if (node instanceof YamlMap m) {
      return child(m);
    }
    wrongType(node, "a map");
    return empty(node.path(), problems, context);
  }

  /** The raw node under {@code key}, null when absent or null-valued. */
  public YamlNode node(String key) {
    return optional(key);
  }

  /** Records a {@code type.wrong} problem: {@code node} is not {@code expected}. */
  public void wrongType(YamlNode node, String expected) {
    problems.add(node.path(), "type.wrong", "expected " + expected + ", found " + node.describe(),
        quotedNumberHint(node, expected));
  }

  /**
   * Records {@code key.missing} when {@code key} has no value, saying it needs
   * {@code expected} ({@code "a list of nodes"}). Returns true when the value is there.
   */
  public boolean require(String key, String expected) {
    recordRequired(key);
    if (has(key)) {
      return true;
    }
    missing(key, expected);
    return false;
  }

  /** Records {@code key.missing} for every key of {@code keys} that has no value. Returns true when all are there. */
  public boolean requireAll(String... keys) {
    boolean ok = true;
    for (String k : keys) {
      recordRequired(k);
      if (!has(k)) {
        missing(k, "a value");
        ok = false;
      }
    }
    return ok;
  }

  // ---- the schema ----------------------------------------------------------------------

  /**
   * True when {@code node} is the word {@code word} ({@code authentication: none}), an
   * alternative to the value's other forms.
   */
  public boolean isWord(YamlNode node, String word) {
    expect(node, new ValueShape.Word(word));
    return node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING && s.text().equals(word);
  }

  /** Tells the schema that only {@code shape} is valid under {@code key}, which this binder checks itself. */
  public void narrow(String key, ValueShape shape) {
    if (schema != null) {
      schema.narrow(YamlPath.child(map.path(), key), shape);
    }
  }

  /** Tells the schema that {@code key}, allowed here only to say why it is refused, is refused. */
  public void forbid(String key) {
    if (schema != null) {
      schema.forbidden(map.path(), key);
    }
  }

  /** Tells the schema that {@code sectionKey} belongs in this map only when {@code choiceKey} is {@code choice}. */
  public void sectionFor(String choiceKey, String choice, String sectionKey) {
    if (schema != null) {
      schema.sectionFor(map.path(), choiceKey, choice, sectionKey);
    }
  }

  /** Tells the schema that {@code node}, which the caller converts with its own code, has {@code shape}. */
  public void declare(YamlNode node, ValueShape shape) {
    expect(node, shape);
  }

  private void expect(YamlNode node, ValueShape shape) {
    if (schema != null) {
      schema.value(node.path(), shape);
    }
  }

  private void recordRequired(String key) {
    if (schema != null && present && !layered) {
      schema.required(map.path(), key);
    }
  }

  // ---- internals -----------------------------------------------------------------------

  private YamlNode optional(String key) {
    YamlNode node = map.get(key);
    if (node instanceof YamlScalar s && s.isNull()) {
      return null;
    }
    return node;
  }

  private YamlNode required(String key, String expected) {
    recordRequired(key);
    YamlNode node = optional(key);
    if (node == null) {
      missing(key, expected);
    }
    return node;
  }

  private void missing(String key, String expected) {
    String where = map.path().isEmpty() ? "the top level" : "`" + map.path() + "`";
    if (map.has(key)) {
      problems.add(pathOf(key), "key.missing", "`" + key + "` has no value", "give it " + expected);
    } else {
      problems.add(YamlPath.child(map.path(), key), "key.missing",
          "required key `" + key + "` is missing in " + where, "add `" + key + ":` with " + expected);
    }
  }

  private static String quotedNumberHint(YamlNode node, String expected) {
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING
        && expected.contains("number") && s.text().trim().matches("-?[0-9]+(\\.[0-9]+)?")) {
      return "write it without quotes: " + s.text().trim();
    }
    return "write " + expected;
  }

  private static String rangeText(int min, int max) {
    if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
      return "";
    }
    if (max == Integer.MAX_VALUE) {
      return " of at least " + min;
    }
    return " in " + min + ".." + max;
  }

  private static long parseLong(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (t.startsWith("-") || t.startsWith("+")) {
      t = t.substring(1);
    }
    long v;
    if (t.startsWith("0x") || t.startsWith("0X")) {
      v = Long.parseLong(t.substring(2), 16);
    } else if (t.startsWith("0o")) {
      v = Long.parseLong(t.substring(2), 8);
    } else {
      v = Long.parseLong(t);
    }
    return negative ? -v : v;
  }

  /** Comma-separated list of {@code values}, for messages. */
  static String join(Collection<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
