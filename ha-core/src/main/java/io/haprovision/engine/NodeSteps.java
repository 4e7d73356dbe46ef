package io.haprovision.engine;

import io.haprovision.engine.ApplyReport.ChangeResult;
import io.haprovision.engine.ApplyReport.HandlerResult;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.facts.NodeFacts;
import io.haprovision.inventory.RolloutSpec;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the one rollout ({@link PairRollout}) asks of a kind of node: read it, arm its safety
 * net, change it, judge the pair, confirm it over a fresh connection, disarm. {@link ShellSteps}
 * does it for POSIX nodes (probes, resource drivers, handlers, a revert armed on the node);
 * {@link ProtocolSteps} for nodes whose platform brings its own
 * {@link io.haprovision.spi.NodeProtocol}. One instance per pair and apply; not shared between
 * threads.
 */
interface NodeSteps {
  /**
   * Why the pair must not be changed at all, from a look at each node of {@code plan} that has
   * changes, before any node is touched (a device the platform refuses, an earlier run's revert
   * still armed). Empty when it may.
   */
  List<String> refusalsBeforeAnyChange(PairPlan plan);

  /**
   * The fresh look right before {@code plan}'s node is touched: its facts, read now (the rollout
   * compares them with the plan's), or why it cannot be read or must not be changed.
   */
  Look look(NodePlan plan);

  /** The outcome of {@link #look}. */
  sealed interface Look {
    /** The node may be changed; {@code detail} is the implementation's own reading. */
    record Ready(NodeFacts facts, Object detail) implements Look {}

    /** It may not: the node's result says why (refused or failed, nothing changed). */
    record Stop(NodeResult result) implements Look {}
  }

  /**
   * Arms the node's safety net before its first change (commit-confirmed).
   *
   * @return one line for the report saying what was armed; empty when nothing was
   * @throws io.haprovision.error.ProvisionException when it could not be armed: nothing was changed
   */
  Optional<String> arm(NodePlan plan, Look.Ready fresh, RolloutSpec rollout);

  /** Makes the changes of {@code plan} and runs its handlers; stops at the first failure. */
  Changed change(NodePlan plan, Look.Ready fresh, NodeRun run);

  /**
   * What {@link #change} did.
   *
   * @param failure why it stopped, empty when everything went through
   * @param restarted a restart ran, or the change moves the VIPs: the gate does not hold a lost
   *     MASTER against the node
   * @param keepalivedChanged keepalived was reloaded, restarted or started
   */
  record Changed(List<ChangeResult> changes, List<HandlerResult> handlers, Optional<String> failure,
      boolean restarted, boolean keepalivedChanged) {
    public Changed {
      changes = List.copyOf(changes);
      handlers = List.copyOf(handlers);
    }
  }

  /**
   * Waits until the pair is healthy after the node changed.
   *
   * @param held nodes held out of VRRP on purpose meanwhile
   */
  GateResult gate(NodePlan plan, Look.Ready fresh, Changed changed, NodeRun run, ApplyOptions options,
      Set<String> held);

  /**
   * Reaches the node over a new connection from this host and reads it: the change left its
   * management path working.
   *
   * @throws io.haprovision.error.ProvisionException saying why not
   */
  void confirm(String node);

  /**
   * Disarms the safety net: the change stays.
   *
   * @return one line for the report
   * @throws io.haprovision.error.ProvisionException when it could not (the revert fired already)
   */
  String disarm(String node);

  /**
   * After a failure on a node whose safety net was armed: puts it back now where that is
   * possible, or waits for the node's own revert, and says what became of it.
   *
   * @return lines for the report: what was restored, or when the revert fires
   */
  List<String> afterFailure(String node, String why);

  /** How this kind of node is held out of VRRP for a wire change; empty when it cannot be. */
  Optional<Hold> hold();

  /**
   * How one node is changed.
   *
   * @param resumeHeld the node was held for a {@link io.haprovision.plan.WireChange}: after its
   *     changes it takes part in VRRP again (instead of its keepalived handlers)
   * @param vipsMove the change moves the VIPs (a new VRID): the gate does not hold a lost
   *     MASTER against it
   */
  record NodeRun(boolean resumeHeld, boolean vipsMove) {
    static final NodeRun NORMAL = new NodeRun(false, false);
  }

  /**
   * Holding a node out of VRRP while its peer changes to a VRRP it does not speak yet
   * ({@link io.haprovision.plan.WireChange}).
   */
  interface Hold {
    /** A few words for messages: what the hold is on this kind of node. */
    String what(String node);

    /**
     * Takes the node out of VRRP; {@code facts} were read just before (what it speaks now).
     *
     * @return empty when held; otherwise the node's failed result (nothing was changed)
     */
    Optional<NodeResult> holdOut(String node, NodeFacts facts);

    /** What someone does by hand to let the node back in ("start keepalived on p1-b: ..."). */
    String byHand(String node);

    /** Lets the node back in unchanged. */
    NodeResult releaseUnchanged(String node, String reason);

    /** How the hold ends after the other node was not changed as planned. */
    Decision afterFailure(NodePlan heldPlan, NodeResult otherResult, io.haprovision.plan.WireChange wire);

    /** What to do with the held node. */
    enum Action { START_UNCHANGED, CHANGE_AND_START, KEEP_HELD }

    /** A decision and its reason. */
    record Decision(Action action, String reason) {}
  }
}
