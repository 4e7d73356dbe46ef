package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision verify INVENTORY [--drills]}: proves every pair works, with measured figures. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Prove every pair works: keepalived on both, one MASTER per instance, the VIPs answer.",
        "--drills also fails the master over (and back) and reloads it, measuring the seconds each takes."})
final class VerifyCommand implements Callable<Integer> {
  @Mixin
  InventoryOptions options;

  @Option(names = "--drills", description = "Also run the failover and reload-safe drills (moves the VIPs!).")
  boolean drills;

  @Mixin
  ParallelOption parallel;

  @Mixin
  OutputOptions output;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML.")
  Path junit;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Provisioner provisioner = options.provisioner(spec.commandLine().getErr(), output.color(), parallel.pairsAtOnce());
    VerifyReport report;
    try {
      report = provisioner.verify(VerifyOptions.defaults().withDrills(drills));
    } finally {
      options.endProgress();
    }
    if (junit != null) {
      Files.writeString(junit, report.toJUnitXml(provisioner.redactor()), StandardCharsets.UTF_8);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.json ? report.toJson(provisioner.redactor()) + "\n" : report.toText(provisioner.redactor()));
    out.flush();
    if (report.pairs().stream().flatMap(p -> p.checks().stream())
        .anyMatch(c -> c.status() == io.haprovision.engine.verify.CheckResult.Status.FAILED
            && (c.name().equals("pair-lock") || c.name().equals("drills")))) {
      return ExitCodes.LOCKED; // a run holds a pair's lock: its state may be half-changed, drills were not run
    }
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
