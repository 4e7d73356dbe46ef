package io.haprovision.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --parallel N}: how many pairs plan, apply, verify and facts work on at once (the two
 * nodes of a pair are read together; apply changes them one after the other). One option, one
 * default, for every command that contacts routers.
 */
final class ParallelOption {
  /** The default of {@code --parallel}: the engine's. */
  static final String DEFAULT = "" + io.haprovision.engine.Engine.DEFAULT_PARALLELISM;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = DEFAULT,
      description = "Pairs worked on at once, default ${DEFAULT-VALUE}.")
  int parallel;

  /** The value, checked: a usage error (exit 64) below 1. */
  int pairsAtOnce() {
    if (parallel < 1) {
      throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, got " + parallel);
    }
    return parallel;
  }
}
