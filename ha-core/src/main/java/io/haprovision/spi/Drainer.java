package io.haprovision.spi;

/**
 * How a platform takes one node of a pair out of service on purpose and puts it back
 * ({@code provision action INVENTORY drain|undrain PAIR NODE}). {@link DrainActions} turns it
 * into the two actions, so every platform offers them under the same names, arguments and
 * checks of the node argument.
 *
 * <p>A drain moves everything the node serves to its peer without an outage and keeps it
 * there across daemon restarts and reboots, even when the peer fails, until undrain; it is
 * refused, changing nothing, when the peer is drained too or could not take over. Both hold
 * the pair's lock (the engine takes it for any action that needs connections).
 */
public interface Drainer {
  /** Drains {@code node} of {@code context}'s pair; {@code peer} is the other node. */
  ActionResult drain(ActionContext context, String node, String peer);

  /** Puts a drained {@code node} back in service; a node that is not drained is left alone (ok). */
  ActionResult undrain(ActionContext context, String node, String peer);
}
