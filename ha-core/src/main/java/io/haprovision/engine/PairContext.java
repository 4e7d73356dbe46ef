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

/** One pair of a session: its inventory record, platform, desired state and open connections. */
final class PairContext {
  final PairSpec spec;
  final Target target;
  final DesiredPair desired;
  final Drivers drivers;
  final VrrpExpectations expectations;
  final KeepalivedControl control;
  /** The platform's own node protocol, when its nodes are not read and changed with POSIX probes. */
  final java.util.Optional<io.haprovision.spi.NodeProtocol> protocol;
  private final Map<String, Connection> connections;
  private final java.util.function.Function<String, Connection> reopen;

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
    this.connections = Map.copyOf(connections);
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

  Connection connection(String node) {
    Connection c = connections.get(node);
    if (c == null) {
      throw new InternalException("no connection to node " + node + " of pair " + spec.name());
    }
    return c;
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
