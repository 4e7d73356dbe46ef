package io.haprovision.engine;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.ProbeSpec;
import io.haprovision.transport.Connection;
import java.util.List;
import java.util.Map;

/**
 * Opens the sessions of a run: one {@link Connection} per node, kept until the session ends.
 * {@link SshNodeConnector} is the real one; tests give connections that replay recorded
 * output.
 */
public interface NodeConnector {
  /**
   * A node to connect to.
   *
   * @param pair its pair
   * @param node the node
   */
  record NodeTarget(PairSpec pair, NodeSpec node) {
    /** The node's key. */
    public NodeKey key() {
      return new NodeKey(pair.name(), node.name());
    }
  }

  /**
   * Opens every node, up to {@code parallelism} at a time. All or nothing: on a failure the
   * ones already open are closed and the first failure is thrown.
   *
   * @return the connections by node, in the order of {@code nodes}
   * @throws io.haprovision.error.TargetException ({@code UNREACHABLE}) naming the node
   */
  Map<NodeKey, Connection> openAll(List<NodeTarget> nodes, int parallelism);

  /**
   * Opens the probe host a pair's {@code verify.probe} names: one more session, kept until
   * the engine session ends. This default reaches no probe host.
   *
   * @throws io.haprovision.error.TargetException ({@code UNREACHABLE}) naming {@code user@host:port}
   */
  default Connection openProbe(PairSpec pair, ProbeSpec probe) {
    throw new io.haprovision.error.TargetException(io.haprovision.error.TargetException.Kind.UNREACHABLE,
        probe.target(), "this connector (" + getClass().getName() + ") cannot open probe host " + probe.name()
            + " of pair " + pair.name());
  }

  /**
   * Opens one more connection to {@code node}, for a check that the node can still be reached
   * from this host (the rollout's confirmation). The caller closes it. The default opens it
   * through {@link #openAll}.
   *
   * @throws io.haprovision.error.TargetException ({@code UNREACHABLE}) naming the node
   */
  default Connection open(NodeTarget node) {
    return openAll(List.of(node), 1).get(node.key());
  }

  /** How many SSH handshakes this connector made so far (0 when it does not count). */
  default long handshakes() {
    return 0;
  }
}
