package io.haprovision.yaml;

import io.haprovision.inventory.Location;
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
