package io.haprovision.mikrotik.device;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.MikrotikDesiredState;
import io.haprovision.mikrotik.MikrotikSection;
import io.haprovision.spi.ActionContext;
import io.haprovision.spi.NodeReading;
import io.haprovision.spi.PairNodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both routers of a pair read once for an operation ({@code sync-standby}, {@code
 * switch-role}): their facts, which one is active, and any reason not to change them.
 */
final class PairSession {
  final PairSpec pair;
  final MikrotikSection section;
  final MikrotikProtocol protocol;
  final PairNodes nodes;
  final Map<String, RouterFacts> routers = new LinkedHashMap<>();
  final Map<String, NodeReading> readings = new LinkedHashMap<>();

  PairSession(ActionContext context) {
    this.pair = context.pair();
    this.section = pair.platformSection(MikrotikSection.class);
    this.protocol = new MikrotikProtocol(pair);
    this.nodes = context.connected();
    reread();
  }

  /** Reads both routers again. */
  void reread() {
    routers.clear();
    readings.clear();
    for (NodeSpec n : pair.nodes()) {
      NodeReading r = protocol.read(nodes.node(n.name()), MikrotikDesiredState.forNode(pair, n));
      readings.put(n.name(), r);
      protocol.lastRead(n.name()).ifPresent(f -> routers.put(n.name(), f));
    }
  }

  /** Why the routers must not be changed, when either is refused. */
  Optional<String> refusal() {
    List<String> why = readings.values().stream().flatMap(r -> r.refusal().stream()).toList();
    return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
  }

  /** The heartbeat's master, when exactly one router is. */
  Optional<String> active() {
    return PairHealth.active(section, routers);
  }

  NodeSpec spec(String node) {
    return protocol.nodeSpec(node);
  }

  String peerOf(String node) {
    return nodes.peerOf(node);
  }
}
