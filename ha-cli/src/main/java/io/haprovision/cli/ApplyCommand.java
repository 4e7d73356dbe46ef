package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code provision apply INVENTORY|PLAN.json}: converges every pair, BACKUP first, health
 * gate, then MASTER; then verifies unless {@code --no-verify}.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Converge every pair without taking it down: the BACKUP first, a health gate, then the MASTER.",
        "Given a saved PLAN.json (with --inventory), applies exactly that plan and refuses it if a router"
            + " changed since it was made."})
final class ApplyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "INVENTORY|PLAN.json", description = "An inventory, or a plan saved by `plan --out`.")
  Path input;

  @Option(names = "--inventory", paramLabel = "INVENTORY", description = "The inventory a PLAN.json was made from.")
  Path inventoryForPlan;

  @Option(names = "--limit", paramLabel = "PAIR", split = ",", description = "Only these pairs.")
  List<String> limit = new java.util.ArrayList<>();

  @Option(names = "--yes", description = "Do not ask for confirmation on a terminal.")
  boolean yes;

  @Option(names = "--no-verify", description = "Skip the verification after applying.")
  boolean noVerify;

  @Option(names = "--break-lock", description = {"Break a pair lock left by a run that is gone (its process is",
      "dead, or the lock is older than 30 minutes); the report says whose lock it broke."})
  boolean breakLock;

  @Mixin
  ParallelOption parallel;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    int pairsAtOnce = parallel.pairsAtOnce();
    boolean planFile = isPlanFile(input);
    if (planFile && inventoryForPlan == null) {
      throw new ParameterException(spec.commandLine(), input + " is a saved plan: name the inventory it was made"
          + " from with --inventory FILE (plans hold no file contents)");
    }
    InventoryOptions options = new InventoryOptions();
    options.inventory = planFile ? inventoryForPlan : input;
    options.limit = limit;
    Provisioner provisioner = options.provisioner(spec.commandLine().getErr(), output.color(), pairsAtOnce);
    PrintWriter out = spec.commandLine().getOut();

    try (EngineSession session = provisioner.connect()) {
      Plan plan;
      if (planFile) {
        plan = PlanJson.read(Files.readString(input, StandardCharsets.UTF_8), input.toString(), provisioner.redactor());
      } else {
        plan = session.plan();
        options.endProgress();
        if (!output.json) {
          out.print(output.planRenderer(provisioner.redactor()).render(plan));
          out.flush();
        }
        if (plan.hasChanges() && !yes && Terminal.interactive() && !confirm(out, vipMoves(plan))) {
          out.println("Apply cancelled; nothing was changed.");
          return ExitCodes.FAILED;
        }
      }
      ApplyReport applied = session.apply(plan, io.haprovision.engine.ApplyOptions.defaults().withBreakLock(breakLock));
      VerifyReport verified = noVerify || !applied.ok() ? null : session.verify(VerifyOptions.defaults());
      options.endProgress();
      if (output.json) {
        out.println("{\"apply\": " + applied.toJson(provisioner.redactor())
            + (verified == null ? "" : ", \"verify\": " + verified.toJson(provisioner.redactor())) + "}");
      } else {
        out.print(applied.toText(provisioner.redactor()));
        if (verified != null) {
          out.print(verified.toText(provisioner.redactor()));
        }
      }
      out.flush();
      if (applied.pairs().stream().anyMatch(p -> p.status() == io.haprovision.engine.ApplyReport.PairStatus.LOCKED)) {
        return ExitCodes.LOCKED;
      }
      return applied.ok() && (verified == null || verified.ok()) ? ExitCodes.OK : ExitCodes.FAILED;
    } finally {
      options.endProgress();
    }
  }

  private static boolean isPlanFile(Path input) throws IOException {
    if (input.toString().endsWith(".json")) {
      return true;
    }
    if (!Files.isRegularFile(input)) {
      return false;
    }
    String start = Files.readString(input, StandardCharsets.UTF_8).stripLeading();
    return start.startsWith("{");
  }

  /** The pairs whose plan moves VIPs, with what plan announced for each. */
  static java.util.List<String> vipMoves(Plan plan) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (io.haprovision.plan.PairPlan p : plan.pairs()) {
      p.wireChange().filter(w -> !w.vipsMove().isEmpty())
          .ifPresent(w -> out.add(p.pair() + " " + w.warnings().get(w.warnings().size() - 1)));
    }
    return out;
  }

  private static boolean confirm(PrintWriter out, java.util.List<String> vipMoves) {
    for (String move : vipMoves) {
      out.println("Pair " + move + ".");
    }
    out.print(vipMoves.isEmpty() ? "Apply these changes? Only 'yes' is accepted: "
        : "Apply these changes, VIPs moving as said? Only 'yes' is accepted: ");
    out.flush();
    String answer = System.console().readLine();
    return answer != null && answer.trim().equals("yes");
  }
}
