package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.engine.EngineSession;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision plan INVENTORY}: reads every node and shows what apply would change. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Show exactly what apply would change, pair by pair, in rollout order; changes nothing.",
        "Reads every router's live state (one SSH round trip per node)."})
final class PlanCommand implements Callable<Integer> {
  @Mixin
  InventoryOptions options;

  @Mixin
  ParallelOption parallel;

  @Mixin
  OutputOptions output;

  @Option(names = "--out", paramLabel = "PLAN.json", description = "Also save the plan for `apply PLAN.json`.")
  Path out;

  @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when none.")
  boolean detailedExitCode;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    Provisioner provisioner = options.provisioner(spec.commandLine().getErr(), output.color(), parallel.pairsAtOnce());
    Plan plan;
    try (EngineSession session = provisioner.connect()) {
      plan = session.plan();
    } finally {
      options.endProgress();
    }
    if (out != null) {
      savePlan(out, PlanJson.write(plan, provisioner.redactor()));
    }
    if (output.json) {
      stdout.println(PlanJson.write(plan, provisioner.redactor()));
    } else {
      stdout.print(output.planRenderer(provisioner.redactor()).render(plan));
      if (out != null) {
        stdout.println("Saved the plan to " + out + "; apply it with: provision apply " + out
            + " --inventory " + options.inventory);
      }
    }
    stdout.flush();
    return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
  }

  /** Plans hold no secret, but name the routers and their files: keep them private all the same. */
  static void savePlan(Path out, String json) throws IOException {
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
