package io.haprovision.spi;

import io.haprovision.engine.GateResult;
import io.haprovision.facts.NodeFacts;
import io.haprovision.plan.Change;
import io.haprovision.resource.DesiredNode;
import java.time.Duration;
import java.util.List;

/**
 * A platform's own way to read and change its nodes, for nodes that are not POSIX systems
 * (a router with its own command language). The core keeps the flow: one connection per node,
 * the plan (each desired resource compares itself with the state {@link #read} found), the
 * rollout order (the BACKUP node first), the reports and the exit codes. Only reading a node,
 * changing it and judging the pair's health afterwards are the platform's. A platform returns
 * one from {@link Target#nodeProtocol}; platforms that return none are read and changed through
 * POSIX {@code sh} probes and {@link ResourceDriver}s as before.
 *
 * <p>The core's one rollout calls, for each node of a pair that has changes, in rollout order:
 * {@link #read} (a fresh look; a {@link NodeReading#refusal()} on any node of the pair refuses
 * the whole pair before any node is touched), {@link #beforeChange} (arm a safety net, such as a
 * scheduled revert on the node; skipped when the inventory turns {@code rollout.auto_revert}
 * off), {@link #apply}, {@link #awaitHealthy} (unless the run turned the gate off) and, when the
 * pair is healthy and a safety net was armed, {@link #confirm} over a new connection and
 * {@link #afterHealthy} (disarm the safety net). When apply, the gate or the confirmation fails,
 * {@code afterHealthy} is not called: the safety net stays armed. Nodes without
 * changes are not contacted; handlers ({@link io.haprovision.resource.Handler}) are not run for
 * such nodes (a platform with a protocol applies everything in {@link #apply}).
 *
 * <p>Implementations are stateless and thread-safe: nodes of different pairs are handled at
 * the same time. Failures are {@link io.haprovision.error.TargetException}s whose message
 * names the node and says what failed and why.
 */
public interface NodeProtocol {

  /**
   * Reads everything the plan, the reports and the gate need about {@code node}, ideally in
   * one command: the state of each of {@code desired}'s resources, the node's VRRP role, what
   * system it is, and whether ha-provision may change it at all.
   */
  NodeReading read(NodeContext node, DesiredNode desired);

  /**
   * Called right before {@link #apply} on a node whose plan changes something, with the state
   * read just before: a platform arms a safety net here (a scheduled revert).
   *
   * @param changes the node's planned changes that change something, in plan order
   * @return one line for the report saying what was armed (empty when nothing was)
   */
  default String beforeChange(NodeContext node, DesiredNode desired, NodeReading current, List<Change> changes) {
    return "";
  }

  /**
   * {@link #beforeChange(NodeContext, DesiredNode, NodeReading, List)} with the inventory's
   * revert window ({@code rollout.revert_window}): how long the node waits for the confirmation
   * before it puts its earlier configuration back. The default ignores the window.
   */
  default String beforeChange(NodeContext node, DesiredNode desired, NodeReading current, List<Change> changes,
      Duration window) {
    return beforeChange(node, desired, current, changes);
  }

  /**
   * The node's whole configuration as text a replica of it can be seeded with (RouterOS: its
   * export), read without changing anything; used by {@code provision rehearse}. It may hold
   * secrets: the engine never prints it. The default has none.
   */
  default java.util.Optional<String> configurationCopy(NodeContext node) {
    return java.util.Optional.empty();
  }

  /**
   * Reads {@code fresh}, a new connection to a node just changed and found healthy, to show that
   * the change left its management path working (the rollout's confirmation, before
   * {@link #afterHealthy} disarms the safety net). The default reads it with {@link #read}.
   *
   * @throws io.haprovision.error.ProvisionException when it cannot be read
   */
  default void confirm(NodeContext fresh, DesiredNode desired) {
    read(fresh, desired);
  }

  /**
   * Makes the node match {@code desired} for {@code changes} (only those that change
   * something, in plan order), from the state {@code current} read just before.
   *
   * @throws io.haprovision.error.TargetException naming the node, what failed (the command)
   *     and the device's own message
   */
  void apply(NodeContext node, DesiredNode desired, NodeFacts current, List<Change> changes);

  /**
   * Waits until the pair is healthy after {@code touched} was changed, reading both nodes.
   * The default skips the gate.
   *
   * @param pair the pair's nodes
   * @param touched the node just changed
   * @param timeout how long to wait at most; empty: the platform's own default
   */
  default GateResult awaitHealthy(PairNodes pair, String touched, java.util.Optional<Duration> timeout) {
    return GateResult.skipped("the platform has no health gate");
  }

  /**
   * Called after {@code node} was changed and the pair passed its health gate (or the gate
   * was turned off): a platform disarms the safety net {@link #beforeChange} armed.
   *
   * @return one line for the report (empty when nothing was done)
   */
  default String afterHealthy(NodeContext node) {
    return "";
  }

  /**
   * Where this platform keeps the pair lock on its nodes; empty when it keeps none (then apply,
   * actions and drills on its pairs run unlocked). Default: none.
   */
  default java.util.Optional<PairLockRecords> pairLock() {
    return java.util.Optional.empty();
  }

  /**
   * How this platform holds a node out of VRRP for a change the two nodes cannot both speak;
   * empty when it cannot (then such a change is rolled out like any other). Default: none.
   */
  default java.util.Optional<VrrpHold> vrrpHold() {
    return java.util.Optional.empty();
  }

  /**
   * {@link #awaitHealthy}, with {@code held} out of VRRP on purpose: their being out is no
   * problem. Default: {@link #awaitHealthy}.
   */
  default GateResult awaitHealthy(PairNodes pair, String touched, java.util.Optional<Duration> timeout,
      java.util.Set<String> held) {
    return awaitHealthy(pair, touched, timeout);
  }
}
