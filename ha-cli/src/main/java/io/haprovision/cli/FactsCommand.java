package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.FactsReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision facts INVENTORY}: what every router has now, read in one round trip per node. */
@Command(name = "facts", mixinStandardHelpOptions = true,
    description = "Show what every router has now (keepalived, VRRP roles, managed files...). Changes nothing.")
final class FactsCommand implements Callable<Integer> {
  @Mixin
  InventoryOptions options;

  @Mixin
  ParallelOption parallel;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Provisioner provisioner = options.provisioner(spec.commandLine().getErr(), output.color(), parallel.pairsAtOnce());
    FactsReport facts;
    try (EngineSession session = provisioner.connect()) {
      facts = session.facts();
    } finally {
      options.endProgress();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.json ? facts.toJson(provisioner.redactor()) + "\n" : facts.toText(provisioner.redactor()));
    out.flush();
    return ExitCodes.OK;
  }
}
