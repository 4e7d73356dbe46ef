package io.haprovision.engine;

import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.inventory.SshSpec;
import io.haprovision.inventory.VrrpSpec;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.Handler;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.Connection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import io.haprovision.ProgressEvent;

/**
 * Simulated pairs ({@link FakePair}) behind a platform named {@code fake} and a connector, so
 * a real {@link Engine} runs against them. The desired priority and motd of each node can be
 * changed between runs, as an edited inventory would.
 */
final class FakeWorld {
  final FakeClock clock = new FakeClock();
  final Map<String, FakePair> pairs = new LinkedHashMap<>();
  /** Desired settings per {@code pair/node}. */
  final Map<String, Map<String, String>> desired = new LinkedHashMap<>();
  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
  final AtomicLong handshakes = new AtomicLong();

  FakeWorld(String... pairNames) {
    for (String p : pairNames) {
      FakePair pair = new FakePair(p, clock);
      pairs.put(p, pair);
      want(p, "gw-a", 150, "hello");
      want(p, "gw-b", 100, "hello");
    }
  }

  FakePair pair(String name) {
    return pairs.get(name);
  }

  void want(String pair, String node, int priority, String motd) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("priority", Integer.toString(priority));
    m.put("motd", motd);
    desired.put(pair + "/" + node, m);
  }

  Inventory inventory() {
    List<PairSpec> specs = new ArrayList<>();
    int i = 0;
    for (String p : pairs.keySet()) {
      SshSpec ssh = new SshSpec("root", 22, Optional.empty(), true, Optional.empty(), Optional.empty(),
          HostKeyPolicy.STRICT, SshSpec.DEFAULT_CONNECT_TIMEOUT, SshSpec.DEFAULT_COMMAND_TIMEOUT, false);
      String path = "pairs[" + i++ + "]";
      NodeSpec a = new NodeSpec("gw-a", NodeRole.PRIMARY, "192.0.2.11", ssh, Map.of(), path + ".nodes[0]");
      NodeSpec b = new NodeSpec("gw-b", NodeRole.SECONDARY, "192.0.2.12", ssh, Map.of(), path + ".nodes[1]");
      specs.add(new PairSpec(p, "fake", List.of(a, b), new VrrpSpec(List.of(), List.of(), Optional.empty()),
          new PlatformSection() { }, path));
    }
    return new Inventory(null, specs);
  }

  Engine engine(int parallelism) {
    return Engine.builder()
        .targets(Targets.of(new Platform()))
        .connector(new NodeConnector() {
          @Override
          public Map<NodeKey, Connection> openAll(List<NodeTarget> nodes, int p) {
            Map<NodeKey, Connection> out = new LinkedHashMap<>();
            for (NodeTarget t : nodes) {
              handshakes.incrementAndGet();
              out.put(t.key(), pairs.get(t.pair().name()).node(t.node().name()).connect());
            }
            return out;
          }

          @Override
          public long handshakes() {
            return handshakes.get();
          }
        })
        .parallelism(parallelism)
        .clock(clock)
        .listener(events::add)
        .build();
  }

  /** The {@code fake} platform: settings as resources, keepalived driven by fake commands. */
  final class Platform implements Target {
    @Override
    public String platform() {
      return "fake";
    }

    @Override
    public PlatformSection bindSection(SectionReader section, Problems problems) {
      return new PlatformSection() { };
    }

    @Override
    public void validatePair(PairSpec pair, Problems problems) {}

    @Override
    public DesiredNode desired(PairSpec pair, NodeSpec node) {
      Map<String, String> m = desired.get(pair.name() + "/" + node.name());
      return new DesiredNode(pair.name(), node.name(),
          List.of(FakeSetting.of("priority", m.get("priority"), "reload keepalived"), FakeSetting.of("motd", m.get("motd"))),
          List.of(new Handler("reload keepalived", Handler.Kind.RELOAD, "fake-reload")));
    }

    @Override
    public List<ResourceDriver<?>> resourceDrivers() {
      return List.of(new FakeSetting.Driver());
    }

    @Override
    public VrrpExpectations vrrpExpectations(PairSpec pair) {
      Map<String, Integer> priorities = new LinkedHashMap<>();
      for (NodeSpec n : pair.nodes()) {
        priorities.put(n.name(), Integer.parseInt(desired.get(pair.name() + "/" + n.name()).get("priority")));
      }
      return new VrrpExpectations(List.of(new VrrpExpectations.Instance("LAN", "br-lan", 51,
          List.of(new VrrpExpectations.Vip(FakePair.VIP, 24, "br-lan")), priorities, BigDecimal.ONE, true)));
    }

    @Override
    public KeepalivedControl keepalivedControl() {
      return new KeepalivedControl(KeepalivedControl.DEFAULT_PID_FILES, KeepalivedControl.DEFAULT_DATA_FILE,
          KeepalivedControl.DEFAULT_JSON_FILE, "fake-reload", "fake-stop", "fake-start");
    }
  }
}
