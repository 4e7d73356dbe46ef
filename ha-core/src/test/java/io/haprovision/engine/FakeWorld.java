package io.haprovision.engine;

import io.haprovision.resource.DigestKey;
import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.inventory.SshSpec;
import io.haprovision.inventory.ProbeSpec;
import io.haprovision.inventory.VerifySpec;
import io.haprovision.inventory.VrrpSpec;
import io.haprovision.error.TargetException;
import io.haprovision.transport.ExecResult;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.Resource;
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
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  final FakeClock clock = new FakeClock();
  final Map<String, FakePair> pairs = new LinkedHashMap<>();
  /** Desired settings per {@code pair/node}. */
  final Map<String, Map<String, String>> desired = new LinkedHashMap<>();
  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
  final AtomicLong handshakes = new AtomicLong();
  /** The {@code verify} section of each pair, by pair name (absent: empty). */
  final Map<String, VerifySpec> verify = new LinkedHashMap<>();
  /**
   * The VRRP password of each pair, by pair name, written into a sensitive file on both nodes
   * (absent: no such file).
   */
  final Map<String, String> vrrpPassword = new LinkedHashMap<>();
  /** Probe hosts ({@code user@host:port}) that refuse connections. */
  final java.util.Set<String> unreachableProbes = new java.util.HashSet<>();
  /** Checks the fake platform adds to verify ({@link Target#extraChecks}), for every pair. */
  final List<io.haprovision.spi.PlatformCheck> extraChecks = new ArrayList<>();
  /** What LAN is to put on the wire on every node; null: the platform does not say. */
  io.haprovision.facts.VrrpWire wire;
  /** Every node connection handed out, session and extra ones alike. */
  final List<ScriptedConnection> nodeConnections = new CopyOnWriteArrayList<>();
  /** The most node connections open at once so far. */
  final java.util.concurrent.atomic.AtomicInteger mostOpenAtOnce = new java.util.concurrent.atomic.AtomicInteger();
  /** Every probe connection opened, by pair name, in order. */
  final Map<String, List<ScriptedConnection>> probeConnections = new LinkedHashMap<>();

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

  /** Labels ({@link FakeLabel}) {@code node} of {@code pair} is to have, besides its settings. */
  final Map<String, Map<String, String>> labels = new LinkedHashMap<>();

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
          new PlatformSection() { }, path, verify.getOrDefault(p, VerifySpec.empty())));
    }
    return new Inventory(null, specs);
  }

  Engine engine(int parallelism) {
    return engine(parallelism, KEY);
  }

  /** An engine whose plan digests are keyed with {@code digestKey} (another machine, say). */
  Engine engine(int parallelism, DigestKey digestKey) {
    return Engine.builder().digestKey(digestKey)
        .targets(Targets.of(new Platform()))
        .connector(new NodeConnector() {
          @Override
          public Map<NodeKey, Connection> openAll(List<NodeTarget> nodes, int p) {
            Map<NodeKey, Connection> out = new LinkedHashMap<>();
            for (NodeTarget t : nodes) {
              handshakes.incrementAndGet();
              out.put(t.key(), handedOut(pairs.get(t.pair().name()).node(t.node().name()).connect()));
            }
            return out;
          }

          @Override
          public Connection openProbe(PairSpec pair, ProbeSpec probe) {
            handshakes.incrementAndGet();
            if (unreachableProbes.contains(probe.target())) {
              throw new TargetException(TargetException.Kind.UNREACHABLE, probe.target(), "connection refused");
            }
            FakePair fake = pairs.get(pair.name());
            ScriptedConnection c = new ScriptedConnection(probe.target(), (command, stdin) -> ping(fake, command));
            probeConnections.computeIfAbsent(pair.name(), k -> new ArrayList<>()).add(c);
            return c;
          }

          @Override
          public long handshakes() {
            return handshakes.get();
          }

          @Override
          public Connection open(NodeTarget t) {
            handshakes.incrementAndGet();
            return handedOut(pairs.get(t.pair().name()).node(t.node().name()).fresh());
          }
        })
        .parallelism(parallelism)
        .clock(clock)
        .listener(events::add)
        .build();
  }

  /** Node connections handed out and not closed yet. */
  int openConnections() {
    return (int) nodeConnections.stream().filter(c -> !c.closed()).count();
  }

  private synchronized ScriptedConnection handedOut(ScriptedConnection c) {
    nodeConnections.add(c);
    mostOpenAtOnce.accumulateAndGet(openConnections(), Math::max);
    return c;
  }

  /** A LAN host's {@code ping -c N -W S ADDRESS}: the VIP answers while some node holds it. */
  private static ExecResult ping(FakePair pair, String command) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^ping -c (\\d+) -W \\d+ '?([0-9.]+)'? 2>&1$").matcher(command);
    if (!m.matches()) {
      return new ExecResult(127, "", "sh: unexpected command on the probe host: " + command);
    }
    int count = Integer.parseInt(m.group(1));
    boolean up = m.group(2).equals(FakePair.VIP) && pair.master() != null;
    String out = "PING " + m.group(2) + " 56(84) bytes of data.\n\n--- " + m.group(2) + " ping statistics ---\n"
        + count + " packets transmitted, " + (up ? count : 0) + " received, " + (up ? "0" : "100") + "% packet loss\n"
        + (up ? "rtt min/avg/max/mdev = 0.100/0.200/0.300/0.050 ms\n" : "");
    return new ExecResult(up ? 0 : 1, out, "");
  }

  /** The {@code fake} platform: settings as resources, keepalived driven by fake commands. */
  final class Platform implements Target {
    /** Where {@link #vrrpPassword} goes. */
    static final String AUTH_FILE = "/etc/keepalived/auth.conf";

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
      List<Resource> resources = new ArrayList<>(List.of(
          FakeSetting.of("priority", m.get("priority"), "reload keepalived"), FakeSetting.of("motd", m.get("motd"))));
      labels.getOrDefault(pair.name() + "/" + node.name(), Map.of()).forEach((k, v) -> resources.add(new FakeLabel(k, v)));
      if (vrrpPassword.containsKey(pair.name())) {
        resources.add(FileResource.secret(AUTH_FILE, "auth_pass " + vrrpPassword.get(pair.name()) + "\n")
            .notifying("reload keepalived"));
      }
      return new DesiredNode(pair.name(), node.name(), resources,
          List.of(new Handler("reload keepalived", Handler.Kind.RELOAD, "fake-reload")));
    }

    @Override
    public List<ResourceDriver<?>> resourceDrivers() {
      return List.of(new FakeSetting.Driver(), new FakeLabel.Driver());
    }

    @Override
    public VrrpExpectations vrrpExpectations(PairSpec pair) {
      Map<String, Integer> priorities = new LinkedHashMap<>();
      for (NodeSpec n : pair.nodes()) {
        priorities.put(n.name(), Integer.parseInt(desired.get(pair.name() + "/" + n.name()).get("priority")));
      }
      Map<String, io.haprovision.facts.VrrpWire> wires = new LinkedHashMap<>();
      if (wire != null) {
        pair.nodes().forEach(n -> wires.put(n.name(), wire));
      }
      return new VrrpExpectations(List.of(new VrrpExpectations.Instance("LAN", "br-lan", 51,
          List.of(new VrrpExpectations.Vip(FakePair.VIP, 24, "br-lan")), priorities, BigDecimal.ONE, true, wires)));
    }

    @Override
    public List<io.haprovision.spi.PlatformCheck> extraChecks(PairSpec pair) {
      return List.copyOf(extraChecks);
    }

    @Override
    public KeepalivedControl keepalivedControl() {
      return new KeepalivedControl(KeepalivedControl.DEFAULT_PID_FILES, KeepalivedControl.DEFAULT_DATA_FILE,
          KeepalivedControl.DEFAULT_JSON_FILE, "fake-reload", "fake-stop", "fake-start");
    }
  }
}
