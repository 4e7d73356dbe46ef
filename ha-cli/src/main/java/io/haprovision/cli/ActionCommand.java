package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.spi.ActionResult;
import io.haprovision.spi.PlatformAction;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code provision action INVENTORY NAME PAIR [ARGS...]}: runs an operation the pair's platform
 * offers (a role switch, a standby sync, a bootstrap script). The CLI knows no platform: the
 * actions come from each installed platform ({@link Target#actions()}); {@code provision action
 * --list} shows them.
 */
@Command(name = "action", mixinStandardHelpOptions = true,
    description = {"Run an operation a platform offers on one pair.", "For example:",
        "  provision action inv.yml switch-role ccr [--permanent]",
        "  provision action inv.yml sync-standby ccr",
        "  provision action inv.yml bootstrap-script ccr ccr-a",
        "  provision action inv.yml drain office gw-a      (undrain puts it back)",
        "`provision action --list` shows every installed platform's actions."})
final class ActionCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "INVENTORY NAME PAIR [ARGS]",
      description = "The inventory, the action's name, the pair, then the action's own arguments.")
  List<String> words = new ArrayList<>();

  @CommandLine.Option(names = "--list", description = "List the actions of every installed platform.")
  boolean list;

  /** Options the action takes itself (--permanent): passed on as arguments. */
  @Unmatched
  List<String> unmatched = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      for (Target t : Targets.discover().all()) {
        for (PlatformAction a : t.actions()) {
          out.println(t.platform() + ": " + a.name() + " PAIR" + (a.usage().isEmpty() ? "" : " " + a.usage())
              + "  - " + a.description());
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
    if (words.size() < 3) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give the inventory, the action and the pair: provision action INVENTORY NAME PAIR [ARGS]"
              + " (provision action --list shows the actions)");
    }
    List<String> args = new ArrayList<>(words.subList(3, words.size()));
    args.addAll(unmatched);
    PrintWriter err = spec.commandLine().getErr();
    Provisioner provisioner = Provisioner.builder().inventory(Path.of(words.get(0))).build();
    ActionResult result;
    try {
      result = provisioner.action(words.get(1), words.get(2), args, line -> {
        err.println(words.get(2) + ": " + line);
        err.flush();
      });
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    out.print(result.output());
    out.flush();
    if (result.locked()) {
      return ExitCodes.LOCKED;
    }
    return result.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
