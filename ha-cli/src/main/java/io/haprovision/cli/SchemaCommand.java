package io.haprovision.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision schema}: the inventory's JSON Schema, for editors and CI checks. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Print the JSON Schema of the inventory, made from the code that reads inventories.",
        "Editors that read `# yaml-language-server: $schema=PATH` complete and check keys with it;"
            + " docs/inventory.schema.json holds a copy. `validate` checks more than the schema can:"
            + " rules that relate values to each other."})
final class SchemaCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(InventorySchemas.json());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
