package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision validate INVENTORY}: checks everything, contacts nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check an inventory thoroughly without contacting any router.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin
  InventoryOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Provisioner provisioner = options.provisioner();
    Inventory inventory = provisioner.validate();
    PrintWriter out = spec.commandLine().getOut();
    int nodes = inventory.pairs().stream().mapToInt(p -> p.nodes().size()).sum();
    out.printf("%s: valid: %d %s, %d nodes%n", options.inventory, inventory.pairs().size(),
        inventory.pairs().size() == 1 ? "pair" : "pairs", nodes);
    for (PairSpec pair : inventory.pairs()) {
      out.printf("  %s (%s): %s; instances: %s%n", pair.name(), pair.platform(),
          pair.nodes().stream().map(ValidateCommand::describe).collect(Collectors.joining(", ")),
          pair.vrrp().instances().stream().map(ValidateCommand::describe).collect(Collectors.joining(", ")));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String describe(NodeSpec node) {
    return node.name() + " " + node.role().name().toLowerCase(java.util.Locale.ROOT) + " " + node.host();
  }

  private static String describe(VrrpInstanceSpec instance) {
    return instance.name() + " vrid " + instance.virtualRouterId() + " on " + instance.interfaceName();
  }
}
