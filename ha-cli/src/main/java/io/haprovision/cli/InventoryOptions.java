package io.haprovision.cli;

import io.haprovision.Provisioner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every inventory command shares: the file and {@code --limit}. */
final class InventoryOptions {
  @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory YAML file.")
  Path inventory;

  @Option(names = "--limit", paramLabel = "PAIR", split = ",",
      description = "Only these pairs (repeat or comma-separate).")
  List<String> limit = new ArrayList<>();

  /** A provisioner for the inventory; throws InventoryException when it is invalid. */
  Provisioner provisioner() {
    return Provisioner.builder().inventory(inventory).limit(limit).build();
  }
}
