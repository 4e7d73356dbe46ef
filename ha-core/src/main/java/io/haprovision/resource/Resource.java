package io.haprovision.resource;

import java.util.List;
import java.util.Optional;

/**
 * One thing ha-provision manages on a node: a file, a line in a file, a package, a
 * service, a UCI option, a RouterOS menu entry... Open on purpose: platform modules add
 * their own kinds (UCI options live in ha-openwrt, RouterOS entries in ha-mikrotik).
 *
 * <p>Resources are immutable data. Each kind knows how to compare itself with what the
 * node has ({@link #compare}); turning that verdict into a plan is the planner's job, and
 * changing the node is the executor's.
 */
public interface Resource {
  /** Unique per node: kind plus key (a path, a package name, {@code keepalived.globals.enabled}). */
  ResourceId id();

  /** True when the content holds a secret: never diffed, never printed, installed 0600. */
  default boolean sensitive() {
    return false;
  }

  /** Names of the {@link Handler}s to run when this resource changes. */
  default List<String> notifies() {
    return List.of();
  }

  /** One line for humans: {@code file /etc/keepalived/keepalived.conf (0644 root:root)}. */
  String describe();

  /**
   * Compares this desired resource with what the node has now. Pure: no I/O.
   *
   * <p>The planner calls this for every resource; a platform kind implements it for its own
   * state type (use {@link ResourceState#expect} to narrow {@code current}). A sensitive
   * resource must not put its secret into the summary, the attribute changes or a
   * {@link ContentChange}.
   *
   * @param current the node's state for {@link #id()}, empty when the facts know nothing
   *     about it (nothing there, or a node that was never probed)
   * @return what would change, never null
   */
  Comparison compare(Optional<ResourceState> current);
}
