package io.haprovision.spi;

import java.util.List;

/**
 * An operation a platform offers on one of its pairs beyond converge and verify (move the
 * master to the peer, copy the active's configuration to the standby, print a bootstrap
 * script), run by {@code provision action INVENTORY NAME PAIR [ARGS...]} without the CLI
 * knowing the platform. Returned by {@link Target#actions()}; stateless and thread-safe.
 */
public interface PlatformAction {

  /** The action's name on the command line ({@code switch-role}); unique within its platform. */
  String name();

  /** The arguments after the pair, for help ({@code [--permanent]}, {@code NODE}); empty for none. */
  String usage();

  /** One line saying what it does. */
  String description();

  /**
   * Whether it needs sessions to the pair's nodes; false for pure ones (printing a script),
   * which then get a context whose {@link ActionContext#nodes()} is empty.
   */
  default boolean needsConnection() {
    return true;
  }

  /**
   * Checks the arguments before any connection is opened: a usage error must not cost a login
   * to the routers. Default: nothing to check here ({@link #run} checks).
   *
   * @throws IllegalArgumentException for a usage error, naming what is expected
   */
  default void checkArguments(io.haprovision.inventory.PairSpec pair, List<String> args) {}

  /**
   * Runs the action on {@code context}'s pair.
   *
   * @param args the arguments after the pair
   * @return what happened; {@link ActionResult#ok()} false fails the command (exit 1)
   * @throws io.haprovision.error.InventoryException for bad arguments (exit 65 is wrong for
   *     them; throw {@link IllegalArgumentException} for a usage error, exit 64)
   */
  ActionResult run(ActionContext context, List<String> args);
}
