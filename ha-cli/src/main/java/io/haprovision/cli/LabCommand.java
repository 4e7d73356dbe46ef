package io.haprovision.cli;

import io.haprovision.lab.LabCommands;
import io.haprovision.lab.LabHost;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provision lab up|status|down}: lab routers made of network namespaces on this
 * machine (root and Linux only), for trying ha-provision without real routers.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
    description = "Start, list or stop lab router pairs (network namespaces; needs root).",
    subcommands = {LabCommand.Up.class, LabCommand.Status.class, LabCommand.Down.class})
final class LabCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing lab command: up, status or down");
  }

  private static void requireLabHost() {
    LabHost.unavailableReason().ifPresent(reason -> {
      throw new IllegalStateException("the lab cannot run here: " + reason);
    });
  }

  /** {@code lab up}. */
  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Start N lab pairs and write a ready inventory for them.")
  static final class Up implements Callable<Integer> {
    @Option(names = "--pairs", defaultValue = "1", description = "How many pairs (1..20), default ${DEFAULT-VALUE}.")
    int pairs;

    @Option(names = "--personality", defaultValue = "openwrt",
        description = "What the routers look like: openwrt (default) or debian (Debian hosts such as bonders).")
    String personality;

    @Option(names = "--inventory-out", paramLabel = "FILE", defaultValue = "lab-inventory.yml",
        description = "Where to write the lab's inventory (openwrt labs only), default ${DEFAULT-VALUE}.")
    Path inventoryOut;

    @Option(names = "--run-id", paramLabel = "ID", description = "Name the lab (default: generated).")
    String runId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      if (pairs < 1 || pairs > 20) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--pairs must be 1..20, got " + pairs);
      }
      requireLabHost();
      spec.commandLine().getOut().println(LabCommands.up(pairs, personality, inventoryOut, runId));
      return ExitCodes.OK;
    }
  }

  /** {@code lab status}. */
  @Command(name = "status", mixinStandardHelpOptions = true, description = "List the labs on this machine.")
  static final class Status implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(LabCommands.status());
      return ExitCodes.OK;
    }
  }

  /** {@code lab down}. */
  @Command(name = "down", mixinStandardHelpOptions = true,
      description = "Stop a lab (or every lab) and remove everything it made.")
  static final class Down implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RUNID", description = "The lab to stop; default: every lab.")
    String runId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(LabCommands.down(runId));
      return ExitCodes.OK;
    }
  }
}
