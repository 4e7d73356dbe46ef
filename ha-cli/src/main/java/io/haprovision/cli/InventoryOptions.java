package io.haprovision.cli;

import io.haprovision.Provisioner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The options every inventory command shares: the file and {@code --limit}. */
final class InventoryOptions {
  @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory YAML file.")
  Path inventory;

  @Option(names = "--limit", paramLabel = "PAIR", split = ",",
      description = "Only these pairs (repeat or comma-separate).")
  List<String> limit = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  private ProgressView view;

  /** A provisioner for the inventory; throws InventoryException when it is invalid. Shows its warnings. */
  Provisioner provisioner() {
    return provisioner(0);
  }

  /** The same, {@code parallel} pairs at once (0: the default), without progress (for watch). */
  Provisioner provisioner(int parallel) {
    java.io.PrintWriter err = command != null ? command.commandLine().getErr()
        : new java.io.PrintWriter(System.err, true);
    return warned(builder(parallel).build(), err);
  }

  private Provisioner.Builder builder(int parallel) {
    Provisioner.Builder builder = Provisioner.builder().inventory(inventory).limit(limit);
    return parallel > 0 ? builder.parallelism(parallel) : builder;
  }

  /** {@code provisioner}, after its inventory's warnings went to {@code err} (not with --quiet). */
  private static Provisioner warned(Provisioner provisioner, java.io.PrintWriter err) {
    if (!Verbosity.current().quiet()) {
      for (io.haprovision.inventory.Problem w : provisioner.validate().warnings()) {
        err.println("warning: " + w);
      }
      err.flush();
    }
    return provisioner;
  }

  /**
   * The same, reporting progress to stderr ({@link ProgressView}: colored when {@code color}, a
   * status line on a terminal) and running {@code parallel} pairs at once (0: the default).
   */
  Provisioner provisioner(java.io.PrintWriter err, boolean color, int parallel) {
    if (Verbosity.current().quiet()) {
      return builder(parallel).build(); // no progress and, quiet, no warnings
    }
    java.util.concurrent.atomic.AtomicReference<io.haprovision.secret.Redactor> redactor =
        new java.util.concurrent.atomic.AtomicReference<>(io.haprovision.secret.Redactor.none());
    java.util.concurrent.atomic.AtomicReference<io.haprovision.ProvisionListener> target =
        new java.util.concurrent.atomic.AtomicReference<>(Terminal.progress(err, redactor::get, color));
    Provisioner provisioner = warned(builder(parallel).listener(event -> target.get().onEvent(event)).build(), err);
    redactor.set(provisioner.redactor());
    view = new ProgressView(err, redactor::get, color, Terminal.statusLine(),
        provisioner.validate().pairs().stream().map(io.haprovision.inventory.PairSpec::name).toList(),
        () -> System.nanoTime() / 1_000_000);
    target.set(view);
    return provisioner;
  }

  /** Takes the progress status line off the terminal, before the report is printed. */
  void endProgress() {
    if (view != null) {
      view.close();
    }
  }
}
