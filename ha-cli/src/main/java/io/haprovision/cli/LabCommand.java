package io.haprovision.cli;

import io.haprovision.lab.LabCommands;
import io.haprovision.lab.LabHost;
import io.haprovision.lab.fleet.FleetRecorder;
import io.haprovision.lab.fleet.FleetRecording;
import io.haprovision.lab.fleet.FleetSimulator;
import io.haprovision.lab.fleet.Renaming;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provision lab up|status|down}: lab routers made of network namespaces on this
 * machine (root and Linux only), for trying ha-provision without real routers; {@code lab
 * fleet}: a simulated fleet of up to a thousand pairs replaying one lab pair's facts, for
 * measuring the control host at scale.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
    description = "Start, list or stop lab router pairs (network namespaces; needs root), or serve a simulated fleet.",
    subcommands = {LabCommand.Up.class, LabCommand.Status.class, LabCommand.Down.class, LabCommand.Fleet.class})
final class LabCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing lab command: up, status, down or fleet");
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
    @Option(names = "--pairs", defaultValue = "1", description = "How many pairs (1..50), default ${DEFAULT-VALUE}.")
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
      if (pairs < 1 || pairs > io.haprovision.lab.AddressPlan.MAX_PAIRS) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--pairs must be 1.." + io.haprovision.lab.AddressPlan.MAX_PAIRS + ", got " + pairs);
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

  /** {@code lab fleet}. */
  @Command(name = "fleet", mixinStandardHelpOptions = true,
      description = {"Serve a simulated fleet of pairs on loopback (one SSH server, ports " + FleetSimulator.PORT
          + " of 127.77.x.x and 127.78.x.x) that answer the facts probe with the real output of one converged"
          + " lab pair, renamed and readdressed per pair. Writes DIR/fleet.yml and DIR/keys/, prints 'ready',"
          + " then serves until stopped (Ctrl-C, SIGTERM or end of stdin).",
          "Record with --from and --pair (the pair must be converged: a fleet replays a no-op; the recording is"
          + " saved as DIR/recording.txt), or replay an earlier recording with --recording."})
  static final class Fleet implements Callable<Integer> {
    @Option(names = "--pairs", required = true, description = "How many pairs (1.." + Renaming.MAX_PAIRS + ").")
    int pairs;

    @Option(names = "--from", paramLabel = "INVENTORY", description = "Record from this inventory's pair --pair.")
    Path from;

    @Option(names = "--pair", paramLabel = "PAIR", description = "The pair to record (with --from).")
    String pair;

    @Option(names = "--recording", paramLabel = "FILE", description = "Replay this recording instead.")
    Path recording;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "fleet",
        description = "Where the fleet's files go, default ${DEFAULT-VALUE}.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if ((from == null) == (recording == null) || (from != null && pair == null)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "give either --from INVENTORY --pair PAIR (record) or --recording FILE (replay)");
      }
      if (pairs < 1 || pairs > Renaming.MAX_PAIRS) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--pairs must be 1.." + Renaming.MAX_PAIRS + ", got " + pairs);
      }
      java.nio.file.Files.createDirectories(dir);
      FleetRecording recorded;
      if (from != null) {
        recorded = FleetRecorder.record(from, pair);
        recorded.write(dir.resolve("recording.txt"));
      } else {
        recorded = FleetRecording.read(recording);
      }
      FleetSimulator fleet = FleetSimulator.start(recorded, pairs, dir.toAbsolutePath());
      Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "fleet-stop"));
      spec.commandLine().getOut().println("ready: " + pairs + " simulated pairs, inventory " + fleet.inventory());
      spec.commandLine().getOut().flush();
      // Serve until stdin ends (a parent that goes away) or the process is stopped.
      while (System.in.read() >= 0) {
        // keep reading
      }
      fleet.close();
      spec.commandLine().getOut().println("stopped after " + fleet.execs() + " commands (" + fleet.refused()
          + " refused)");
      return ExitCodes.OK;
    }
  }
}
