package io.haprovision.yaml;

import io.haprovision.inventory.Location;
import java.util.List;

/** A YAML sequence. */
public record YamlList(List<YamlNode> items, Location location, String path) implements YamlNode {
  /** Copies the items. */
  public YamlList {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
