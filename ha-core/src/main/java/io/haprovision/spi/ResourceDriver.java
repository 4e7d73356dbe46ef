package io.haprovision.spi;

import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceState;
import java.util.List;
import java.util.Optional;

/**
 * How the engine reads and changes one kind of {@link Resource} on a node. The core brings
 * drivers for files, lines, packages and services; a platform brings drivers for its own
 * kinds (UCI options...) or replaces a core one (a package driver that only knows
 * {@code opkg}) through {@link Target#resourceDrivers()}.
 *
 * <p><b>Reading.</b> Every resource of a node contributes one POSIX {@code sh} snippet
 * ({@link #probe}); the engine runs all snippets of a node in ONE command, each in its own
 * subshell with stdin from {@code /dev/null}, frames their output and hands each driver its
 * own {@link ProbeOutput} ({@link #parse}). Snippets must be read-only, quote every variable
 * part (use {@link io.haprovision.transport.ShellQuote}), work on busybox ash, dash and bash,
 * and print something small. Where a second look is worth a second command (a file's content
 * for a diff, only when its hash differs), {@link #detailProbe} asks for it; those run
 * together in one more command, only when any node needs them.
 *
 * <p><b>Changing.</b> {@link #apply} is called for each resource of this kind whose plan
 * entry changes something, in plan order, with the state probed just before the node was
 * touched. When the run of consecutive resources handled by this driver ends (the next
 * resource has another driver, or the node's changes end), {@link #flush} gets that run, so
 * a driver can commit once (UCI: {@code uci commit} per config) before a later resource
 * (a service start) depends on it. Failures are {@link io.haprovision.error.TargetException}s
 * naming the node; {@link NodeContext#run} makes them.
 *
 * <p>Implementations are stateless and thread-safe: nodes of different pairs are handled at
 * the same time.
 *
 * @param <R> the resource type handled
 */
public interface ResourceDriver<R extends Resource> {
  /** The resource class handled; subclasses are handled too unless a closer driver exists. */
  Class<R> type();

  /**
   * A POSIX sh snippet that prints what {@link #parse} needs about {@code resource}. Its exit
   * status is passed on; a non-zero exit is not an error by itself. Resources of a node whose
   * snippets are the same text share one run of it (each {@link #parse} gets the same output):
   * a driver may read a whole file or config once for all its resources in it.
   */
  String probe(R resource);

  /**
   * The resource's state from what {@link #probe} printed.
   *
   * @throws io.haprovision.error.TargetException when the output makes no sense (use
   *     {@link ProbeOutput#unexpected})
   */
  ResourceState parse(R resource, ProbeOutput output);

  /**
   * A second snippet for {@code resource}, run only when a detail is worth its cost given the
   * probed {@code state} (a file whose hash differs: fetch its content for the diff). Empty
   * (the default) for none.
   */
  default Optional<String> detailProbe(R resource, ResourceState state) {
    return Optional.empty();
  }

  /** The state enriched with what {@link #detailProbe} printed; the default keeps {@code state}. */
  default ResourceState parseDetail(R resource, ResourceState state, ProbeOutput output) {
    return state;
  }

  /**
   * Makes the node match {@code resource}. Called only when the plan changes it.
   *
   * @param current what the probe read just before this node was touched (empty: nothing known)
   */
  void apply(R resource, Optional<ResourceState> current, NodeContext node);

  /**
   * Called once after a run of consecutive {@link #apply} calls of this driver on one node,
   * with those resources in order; commit staged changes here. The default does nothing.
   */
  default void flush(List<R> applied, NodeContext node) {}

  /**
   * How the revert armed before the node's change puts {@code resource} back as
   * {@code before} found it (commit-confirmed). The default says the revert cannot: a driver of
   * anything a change could break (files, configuration, services) says what to save instead.
   *
   * @param before the state read just before the node was touched (empty: nothing known)
   */
  default RevertSteps revert(R resource, Optional<ResourceState> before) {
    return RevertSteps.notRestored(resource.id() + " (its driver, " + getClass().getSimpleName()
        + ", knows no way back)");
  }
}
