package io.haprovision.cli;

import io.haprovision.plan.PlanTextRenderer;
import io.haprovision.secret.Redactor;
import picocli.CommandLine.Option;

/** How a command prints: {@code --json} for machines, colors only for a person at a terminal. */
final class OutputOptions {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--no-color", description = "No ANSI colors even on a terminal.")
  boolean noColor;

  /** Colors only on a terminal, never with --json or --no-color. */
  boolean color() {
    return !noColor && !json && Terminal.interactive();
  }

  /** The plan renderer this output wants. */
  PlanTextRenderer planRenderer(Redactor redactor) {
    return color() ? PlanTextRenderer.colored(redactor) : PlanTextRenderer.plain(redactor);
  }
}
