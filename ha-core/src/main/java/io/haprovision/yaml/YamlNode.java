package io.haprovision.yaml;

import io.haprovision.inventory.Location;

/** A node of a located YAML tree: a map, a list or a scalar, with where it was written. */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {
  /** Where the node starts in its file. */
  Location location();

  /** Its key path from the document root, such as {@code pairs[0].nodes[1].host}; empty for the root. */
  String path();

  /** What kind of value this is, for messages: {@code a map}, {@code a list}, {@code an integer (5)}. */
  String describe();
}
