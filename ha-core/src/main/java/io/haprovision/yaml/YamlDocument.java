package io.haprovision.yaml;

import io.haprovision.inventory.Location;
import java.util.List;
import java.util.Optional;

/** A parsed YAML file: its name (as errors show it) and its root node (null for an empty file). */
public record YamlDocument(String file, YamlNode root) {

  /** The node at {@code path}, if the document has one there. */
  public Optional<YamlNode> find(String path) {
    YamlNode node = root;
    for (Object segment : YamlPath.segments(path)) {
      if (segment instanceof Integer i && node instanceof YamlList list && i < list.items().size()) {
        node = list.items().get(i);
      } else if (segment instanceof String key && node instanceof YamlMap map && map.get(key) != null) {
        node = map.get(key);
      } else {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(node);
  }

  /**
   * This document without the key at {@code path} (the last segment must be a key of a
   * map); unchanged when there is no such key. Locations and paths stay as written.
   */
  public YamlDocument without(String path) {
    return new YamlDocument(file, without(root, YamlPath.segments(path), 0));
  }

  private static YamlNode without(YamlNode node, List<Object> segments, int at) {
    Object segment = segments.get(at);
    boolean last = at == segments.size() - 1;
    if (node instanceof YamlMap map && segment instanceof String key && map.has(key)) {
      java.util.Map<String, YamlMap.Entry> entries = new java.util.LinkedHashMap<>(map.entries());
      if (last) {
        entries.remove(key);
      } else {
        YamlMap.Entry e = entries.get(key);
        entries.put(key, new YamlMap.Entry(key, e.keyLocation(), without(e.value(), segments, at + 1)));
      }
      return new YamlMap(entries, map.location(), map.path());
    }
    if (node instanceof YamlList list && segment instanceof Integer i && i < list.items().size() && !last) {
      List<YamlNode> items = new java.util.ArrayList<>(list.items());
      items.set(i, without(items.get(i), segments, at + 1));
      return new YamlList(items, list.location(), list.path());
    }
    return node;
  }

  /**
   * Where {@code path} was written; for a path the file does not hold (a missing key),
   * the location of its nearest ancestor that it does hold.
   */
  public Location locate(String path) {
    String p = path == null ? "" : path;
    while (true) {
      Optional<YamlNode> node = find(p);
      if (node.isPresent()) {
        return node.get().location();
      }
      if (p.isEmpty()) {
        return new Location(file, 0, 0);
      }
      p = YamlPath.parent(p);
    }
  }
}
