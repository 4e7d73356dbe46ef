package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.lab.rehearse.Rehearsal;
import io.haprovision.lab.rehearse.RehearsalReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provision rehearse INVENTORY [--limit PAIR]}: the change tried first on a lab replica
 * seeded from the live routers, which are only read.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
    description = {"Try the change on a replica of the live pairs first; the real routers are only read.",
        "Reads the real routers, starts a replica per pair seeded with what they have (OpenWrt and bonder",
        "pairs: lab pairs of network namespaces, needs root; RouterOS: simulated routers), addresses",
        "mapped into the lab's ranges and shown, applies the inventory to the replica with the full",
        "rollout while its LAN client pings the VIP, runs verify with the drills, and reports what the",
        "real apply would do and how the replica did."})
final class RehearseCommand implements Callable<Integer> {
  @Mixin
  InventoryOptions options;

  @Option(names = "--keep-lab", description = "Leave the replica running to look at it (`provision lab down RUNID` removes it).")
  boolean keepLab;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Provisioner checked = options.provisioner(); // an invalid inventory stops here, nothing contacted
    RehearsalReport report = Rehearsal.run(new Rehearsal.Options(options.inventory, options.limit, keepLab,
        System.getenv(), Terminal.progress(err, checked::redactor, output.color()),
        line -> {
          err.println("rehearse: " + checked.redactor().redact(line));
          err.flush();
        }));
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.json ? report.toJson() + "\n" : report.toText());
    out.flush();
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
