package io.haprovision.cli;

import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Problem;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision}: the top-level command; every verb is a subcommand. */
@Command(
    name = "provision",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Makes pairs of routers highly available, declaratively.",
    subcommands = {
        ValidateCommand.class,
        RenderCommand.class,
        PlanCommand.class,
        ApplyCommand.class,
        VerifyCommand.class,
        RehearseCommand.class,
        FactsCommand.class,
        LabCommand.class,
        ActionCommand.class,
        ImportCommand.class,
        WatchCommand.class,
        SchemaCommand.class,
        CompletionCommand.class,
        CommandLine.HelpCommand.class
    },
    footer = {
        "",
        "Exit codes: 0 ok (plan: no changes), 1 apply or verification failed,",
        "2 plan --detailed-exitcode found changes, 64 usage error,",
        "65 invalid inventory (nothing contacted), 69 a target was unreachable,",
        "75 a pair is locked by another run (nothing of it touched)."
    })
public final class ProvisionCommand implements Runnable {
  @Spec
  CommandSpec spec;

  // Taken from the parse result before the command runs (Verbosity.of), at whatever level they were given.
  @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
      description = "Say more on stderr: -v what is done, -vv also every command sent to a router (secrets"
          + " masked).")
  boolean[] verbose;

  @CommandLine.Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
      description = "Only errors on stderr: no progress.")
  boolean quiet;

  @CommandLine.Option(names = "--log-file", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
      description = "Write the whole log to FILE instead of stderr (owner-only): times, every command sent to a"
          + " router with its script, secrets masked.")
  java.nio.file.Path logFile;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: choose one of "
        + String.join(", ", spec.subcommands().keySet()));
  }

  /** The configured picocli command line: exit codes and error printing per the CLI contract. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ProvisionCommand());
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine failed = ex.getCommandLine();
      PrintWriter err = failed.getErr();
      err.println("error: " + ex.getMessage());
      err.println("usage: " + failed.getCommandSpec().qualifiedName()
          + " --help shows the options");
      err.flush();
      return ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr()));
    cl.setExecutionStrategy(parsed -> {
      try {
        Verbosity.of(parsed).install();
      } catch (java.io.IOException e) {
        throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(),
            "cannot create the log file: " + e.getMessage());
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    return cl;
  }

  /** Prints a failure the way a user can act on it and returns its exit code. */
  static int report(Exception e, PrintWriter err) {
    if (e instanceof InventoryException ie) {
      int n = ie.problems().size();
      err.println("error: invalid inventory: " + n + (n == 1 ? " problem" : " problems")
          + " (nothing was contacted)");
      for (Problem p : ie.problems()) {
        err.println("  " + p);
      }
    } else {
      err.println("error: " + e.getMessage());
    }
    err.flush();
    return ExitCodes.of(e);
  }
}
