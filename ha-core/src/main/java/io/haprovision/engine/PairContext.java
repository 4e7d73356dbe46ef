package io.haprovision.engine;

import io.haprovision.engine.driver.Drivers;
import io.haprovision.error.InternalException;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.Target;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.Connection;
import java.util.Map;

/**
 * One pair of a session: its inventory record, platform, desired state and connections. A
 * connection is opened on first use when the session did not open it ahead, and a released
 * pair ({@link #release()}) opens again on its next use.
 */
final class PairContext {
  final PairSpec spec;
  final Target target;
  final DesiredPair desired;
  final Drivers drivers;
  final VrrpExpectations expectations;
  final KeepalivedControl control;
  /** The platform's own node protocol, when its nodes are not read and changed with POSIX probes. */
  final java.util.Optional<io.haprovision.spi.NodeProtocol> protocol;
  private final Map<String, Connection> connections = new java.util.concurrent.ConcurrentHashMap<>();
  /** Commands run on connections of this pair closed by {@link #release()}, by node. */
  private final Map<String, Long> releasedExecs = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.function.Function<String, Connection> reopen;
  private volatile boolean closed;

  PairContext(PairSpec spec, Target target, DesiredPair desired, Map<String, Connection> connections,
      java.util.function.Function<String, Connection> reopen) {
    this.reopen = reopen;
    this.spec = spec;
    this.target = target;
    this.desired = desired;
    this.drivers = Drivers.forTarget(target);
    this.expectations = target.vrrpExpectations(spec);
    this.control = target.keepalivedControl();
    this.protocol = target.nodeProtocol(spec);
    this.connections.putAll(connections);
  }

  String name() {
    return spec.name();
  }

  /** Where on each node the pair's lock is ({@link PairLock}). */
  String lockPath() {
    return PairLock.path(target.runtimeDirectory(), spec.name());
  }

  /** Where on {@code node} its owed handlers are recorded ({@link HandlerLedger}). */
  String ledger(String node) {
    return HandlerLedger.path(target.runtimeDirectory(), spec.name(), node);
  }

  /** The session's connection to {@code node}, opened now if it is not open. */
  Connection connection(String node) {
    Connection c = connections.get(node);
    if (c != null) {
      return c;
    }
    node(node); // an unknown node is a bug, not a host to dial
    synchronized (this) {
      if (closed) {
        throw new InternalException("the session of pair " + spec.name() + " is closed");
      }
      return connections.computeIfAbsent(node, reopen);
    }
  }

  /**
   * Closes the pair's connections now; a later use opens them again. For runs over more nodes
   * than a session keeps open at once ({@link EngineSession#KEEP_OPEN_NODES}).
   */
  synchronized void release() {
    for (Map.Entry<String, Connection> e : connections.entrySet()) {
      releasedExecs.merge(e.getKey(), e.getValue().execCount(), Long::sum);
      e.getValue().close();
    }
    connections.clear();
  }

  /** Closes the pair's connections for good. */
  synchronized void close() {
    closed = true;
    release();
  }

  /** Commands run on each node so far, over every connection this pair had. */
  Map<String, Long> execCounts() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (NodeSpec n : spec.nodes()) {
      Connection c = connections.get(n.name());
      long now = c == null ? 0 : c.execCount();
      long before = releasedExecs.getOrDefault(n.name(), 0L);
      if (c != null || releasedExecs.containsKey(n.name())) {
        out.put(n.name(), now + before);
      }
    }
    return out;
  }

  /** A new connection to {@code node}, besides the session's; the caller closes it. */
  Connection reopen(String node) {
    return reopen.apply(node);
  }

  DesiredNode desired(String node) {
    for (DesiredNode n : desired.nodes()) {
      if (n.node().equals(node)) {
        return n;
      }
    }
    throw new InternalException("pair " + spec.name() + " has no node " + node);
  }

  NodeSpec node(String node) {
    return spec.nodes().stream().filter(n -> n.name().equals(node)).findFirst()
        .orElseThrow(() -> new InternalException("pair " + spec.name() + " has no node " + node));
  }

  /** The other node of the pair. */
  String peerOf(String node) {
    return spec.peerOf(node(node)).name();
  }
}
