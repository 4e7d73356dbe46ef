package io.haprovision.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Location;
import io.haprovision.inventory.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one YAML document into a located tree with Jackson's YAML streaming parser.
 * Anchors ({@code &name}) on maps and lists and their aliases ({@code *name}) are
 * resolved, and so are merge keys ({@code <<: *name}); Jackson does not report anchors
 * on single values, so an alias to one is an unknown alias; the copy an alias makes takes the paths of where it is used
 * and keeps the locations of where it was written. Syntax errors, duplicate keys,
 * unknown aliases, merge keys without a map and extra documents are reported together
 * as one {@link InventoryException}.
 */
public final class YamlParser {
  /** Empty plain scalars ({@code key:}) are null; a quoted {@code ""} stays an empty string. */
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
  private static final String MERGE_KEY = "<<";
  /** Aliases of aliases grow exponentially ("billion laughs"); no real inventory comes near this. */
  static final int MAX_ALIAS_NODES = 100_000;
  /** Deepest nesting of maps and lists; an inventory needs about ten levels. */
  static final int MAX_DEPTH = 64;
  /** Longest line; a very long one (a pasted blob) is refused before the YAML parser crawls through it. */
  static final int MAX_LINE = 10_000;
  /** Largest document, in characters: a thousand commented pairs fit many times over. */
  static final int MAX_CHARS = 8 * 1024 * 1024;

  /** Stops reading: the document broke one of the limits above (already recorded as a problem). */
  private static final class LimitReached extends RuntimeException {
    LimitReached() {
      super(null, null, false, false);
    }
  }

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, YamlNode> anchors = new HashMap<>();
  private YAMLParser parser;
  private int aliasNodes;
  private int depth;
  private boolean aliasLimitReported;

  private YamlParser(String file) {
    this.file = file;
  }

  /**
   * The document in {@code text}; {@code file} is how errors name it. An empty file
   * gives a document whose root is null.
   *
   * @throws InventoryException on any syntax problem, each with its line and column
   */
  public static YamlDocument parse(String text, String file) {
    return new YamlParser(file).run(text);
  }

  private YamlDocument run(String text) {
    checkSize(text);
    if (!problems.isEmpty()) {
      throw new InventoryException(problems);
    }
    YamlNode root = null;
    try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
      parser = p;
      JsonToken first = p.nextToken();
      if (first != null) {
        root = read(first, "");
        JsonToken extra = p.nextToken();
        if (extra != null) {
          problems.add(new Problem(here(), "", "yaml.multiple-documents",
              "the file holds more than one YAML document", "keep one document: remove the extra `---`"));
        }
      }
    } catch (LimitReached e) {
      // recorded where it was reached
    } catch (StreamReadException e) {
      problems.add(new Problem(at(e.getLocation()), "", "yaml.syntax", syntaxMessage(e),
          "fix the YAML syntax at this line (indentation, a missing `:` or an unclosed quote or bracket)"));
    } catch (IOException e) {
      problems.add(new Problem(new Location(file, 0, 0), "", "yaml.syntax",
          "cannot parse: " + e.getMessage(), "fix the YAML syntax"));
    }
    if (!problems.isEmpty()) {
      throw new InventoryException(problems);
    }
    return new YamlDocument(file, root);
  }

  private YamlNode read(JsonToken token, String path) throws IOException {
    Location location = here();
    if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
      return alias(parser.getText(), path, location);
    }
    String anchor = parser.getObjectId();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
      problems.add(new Problem(location, path, "yaml.too-deep",
          "maps and lists nest deeper than " + MAX_DEPTH + " levels here",
          "an inventory needs about ten levels: look for an unclosed `[` or `{` or runaway indentation above"));
      throw new LimitReached();
    }
    YamlNode node = switch (token) {
      case START_OBJECT -> nested(() -> readMap(path, location));
      case START_ARRAY -> nested(() -> readList(path, location));
      case VALUE_STRING -> new YamlScalar(parser.getText(), YamlScalar.Type.STRING, location, path);
      case VALUE_NUMBER_INT -> new YamlScalar(parser.getText(), YamlScalar.Type.INTEGER, location, path);
      case VALUE_NUMBER_FLOAT -> new YamlScalar(parser.getText(), YamlScalar.Type.DECIMAL, location, path);
      case VALUE_TRUE, VALUE_FALSE -> new YamlScalar(parser.getText(), YamlScalar.Type.BOOLEAN, location, path);
      case VALUE_NULL -> new YamlScalar("", YamlScalar.Type.NULL, location, path);
      default -> new YamlScalar(parser.getText(), YamlScalar.Type.STRING, location, path);
    };
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private interface Reading {
    YamlNode read() throws IOException;
  }

  private YamlNode nested(Reading reading) throws IOException {
    depth++;
    try {
      return reading.read();
    } finally {
      depth--;
    }
  }

  /** The document's size and its longest line, before any parsing: each limit reached is a problem. */
  private void checkSize(String text) {
    if (text.length() > MAX_CHARS) {
      problems.add(new Problem(new Location(file, 1, 1), "", "yaml.too-large",
          "the file holds " + text.length() + " characters; an inventory holds at most " + MAX_CHARS,
          "is this the inventory? Split a very large fleet into several inventories"));
      return;
    }
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > MAX_LINE) {
          problems.add(new Problem(new Location(file, line, MAX_LINE + 1), "", "yaml.line-too-long",
              "line " + line + " is " + (i - start) + " characters long; an inventory line is at most " + MAX_LINE,
              "break the value over several lines (a YAML block scalar `|`) or put it in a file"));
          return;
        }
        line++;
        start = i + 1;
      }
    }
  }

  private YamlMap readMap(String path, Location location) throws IOException {
    Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
    Map<String, Location> firstSeen = new HashMap<>();
    List<YamlMap> merges = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Location keyLocation = here();
      String childPath = YamlPath.child(path, key);
      YamlNode value = read(parser.nextToken(), childPath);
      if (key.equals(MERGE_KEY)) {
        collectMerge(value, merges, childPath);
        continue;
      }
      Location previous = firstSeen.putIfAbsent(key, keyLocation);
      if (previous != null) {
        problems.add(new Problem(keyLocation, childPath, "yaml.duplicate-key",
            "key `" + key + "` appears twice in this map (first at line " + previous.line() + ")",
            "keep one of them"));
        continue;
      }
      entries.put(key, new YamlMap.Entry(key, keyLocation, value));
    }
    // Merge keys: the map's own keys win, then earlier merged maps over later ones.
    for (YamlMap merged : merges) {
      for (YamlMap.Entry e : merged.entries().values()) {
        if (!entries.containsKey(e.key())) {
          YamlNode moved = repath(e.value(), YamlPath.child(path, e.key()));
          entries.put(e.key(), new YamlMap.Entry(e.key(), e.keyLocation(), moved));
        }
      }
    }
    return new YamlMap(entries, location, path);
  }

  private void collectMerge(YamlNode value, List<YamlMap> merges, String path) {
    if (value instanceof YamlMap m) {
      merges.add(m);
    } else if (value instanceof YamlList l && l.items().stream().allMatch(i -> i instanceof YamlMap)) {
      l.items().forEach(i -> merges.add((YamlMap) i));
    } else {
      problems.add(new Problem(value.location(), path, "yaml.merge-not-map",
          "the merge key `<<` needs a map (or a list of maps), found " + value.describe(),
          "write `<<: *anchor` where the anchor names a map"));
    }
  }

  private YamlList readList(String path, Location location) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
      items.add(read(t, YamlPath.index(path, items.size())));
    }
    return new YamlList(items, location, path);
  }

  private YamlNode alias(String name, String path, Location location) {
    YamlNode target = anchors.get(name);
    if (target == null) {
      problems.add(new Problem(location, path, "yaml.alias-unknown",
          "alias `*" + name + "` names no anchor defined before it",
          "define `&" + name + "` on a map or list above this line, or fix the name"
              + " (anchors on single values are not supported)"));
      return new YamlScalar("", YamlScalar.Type.NULL, location, path);
    }
    YamlNode copy = repath(target, path);
    if (aliasNodes > MAX_ALIAS_NODES && !aliasLimitReported) {
      aliasLimitReported = true;
      problems.add(new Problem(location, path, "yaml.alias-expansion",
          "aliases expand to more than " + MAX_ALIAS_NODES + " values",
          "write the values out, or use fewer nested aliases"));
    }
    return aliasLimitReported ? new YamlScalar("", YamlScalar.Type.NULL, location, path) : copy;
  }

  /** A copy of {@code node} whose paths start at {@code path}; locations stay where the values were written. */
  private YamlNode repath(YamlNode node, String path) {
    if (node.path().equals(path)) {
      return node;
    }
    if (++aliasNodes > MAX_ALIAS_NODES) {
      return new YamlScalar("", YamlScalar.Type.NULL, node.location(), path);
    }
    if (node instanceof YamlScalar s) {
      return new YamlScalar(s.text(), s.type(), s.location(), path);
    }
    if (node instanceof YamlList l) {
      List<YamlNode> items = new ArrayList<>();
      for (YamlNode item : l.items()) {
        items.add(repath(item, YamlPath.index(path, items.size())));
      }
      return new YamlList(items, l.location(), path);
    }
    YamlMap m = (YamlMap) node;
    Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
    for (YamlMap.Entry e : m.entries().values()) {
      entries.put(e.key(), new YamlMap.Entry(e.key(), e.keyLocation(), repath(e.value(), YamlPath.child(path, e.key()))));
    }
    return new YamlMap(entries, m.location(), path);
  }

  private Location here() {
    return at(parser.currentTokenLocation());
  }

  private Location at(JsonLocation l) {
    if (l == null || l.getLineNr() <= 0) {
      return new Location(file, 0, 0);
    }
    return new Location(file, l.getLineNr(), Math.max(1, l.getColumnNr()));
  }

  /** The parser's own explanation, without Jackson's source-reference trailer. */
  private static String syntaxMessage(StreamReadException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "invalid YAML";
    }
    // SnakeYAML repeats the offending line with a caret; keep only the explanation lines.
    List<String> keep = new ArrayList<>();
    for (String line : m.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.equals("^") || line.startsWith("    ") || trimmed.startsWith("in 'reader'")) {
        continue;
      }
      keep.add(trimmed);
    }
    return "invalid YAML: " + (keep.isEmpty() ? m.strip() : String.join("; ", keep));
  }
}
