package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.Rendering;
import io.haprovision.resource.DesiredNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision render INVENTORY --out DIR}: every file each node would get, for review. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Write every file each router would get, for review, without contacting any router.",
        "Files go below DIR/PAIR/NODE/; secrets are masked as ******."})
final class RenderCommand implements Callable<Integer> {
  @Mixin
  InventoryOptions options;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Provisioner provisioner = options.provisioner();
    Rendering rendering = provisioner.render();
    List<Path> written = rendering.writeTo(out);
    PrintWriter pw = spec.commandLine().getOut();
    for (DesiredNode node : rendering.nodes()) {
      Path dir = out.resolve(node.pair()).resolve(node.node());
      long files = written.stream().filter(p -> p.startsWith(dir)).count();
      pw.printf("%s/%s: %d resources, %d files in %s%n", node.pair(), node.node(),
          node.resources().size(), files, dir);
    }
    pw.printf("rendered %d nodes to %s%n", rendering.nodes().size(), out);
    pw.flush();
    return ExitCodes.OK;
  }
}
