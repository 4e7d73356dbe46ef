package io.haprovision.inventory;

import java.time.Duration;
import java.util.Objects;

/**
 * A pair's {@code rollout} section after inheritance (top {@code defaults.rollout}, pair
 * {@code defaults.rollout}, pair {@code rollout}): the safety net armed on each node before its
 * change (commit-confirmed).
 *
 * @param autoRevert {@code auto_revert}: before a node is changed, what the change touches is
 *     saved on the node and a revert armed there that puts it back unless ha-provision confirms
 *     the node (healthy, and reachable over a fresh connection) within {@code revertWindow}
 * @param revertWindow {@code revert_window}: how long the node waits for that confirmation
 */
public record RolloutSpec(boolean autoRevert, Duration revertWindow) {
  /**
   * Five minutes: it must outlast everything ha-provision does on one node between arming and
   * confirming (the changes, package installs over a slow link, handlers, the health gate of up
   * to a minute, a fresh SSH handshake), with room to spare, while a node whose management path
   * the change broke is back well before anyone could drive to it. It is also RouterOS's revert
   * delay and the order of Junos' and VyOS' commit-confirmed defaults (10 minutes).
   */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  /** Below this the window could end while a healthy node is still being confirmed. */
  public static final Duration MIN_WINDOW = Duration.ofSeconds(15);
  /** Above this an unreachable node stays broken for longer than any change is worth. */
  public static final Duration MAX_WINDOW = Duration.ofHours(1);

  private static final RolloutSpec DEFAULTS = new RolloutSpec(true, DEFAULT_WINDOW);

  /** Rejects nulls. */
  public RolloutSpec {
    Objects.requireNonNull(revertWindow, "revertWindow");
  }

  /** Auto-revert on, five minutes. */
  public static RolloutSpec defaults() {
    return DEFAULTS;
  }

  /** This section with another window. */
  public RolloutSpec withRevertWindow(Duration window) {
    return new RolloutSpec(autoRevert, window);
  }

  /** This section with auto-revert on or off. */
  public RolloutSpec withAutoRevert(boolean on) {
    return new RolloutSpec(on, revertWindow);
  }
}
