package io.haprovision.engine;

import io.haprovision.engine.NodeConnector.NodeTarget;
import io.haprovision.engine.PairHealth.InstanceHealth;
import io.haprovision.engine.PairHealth.NodeHealth;
import io.haprovision.engine.PairHealth.RoleChange;
import io.haprovision.engine.probe.VrrpReading;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.facts.VrrpRole;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanCounts;
import io.haprovision.resource.DesiredNode;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.NodeProtocol;
import io.haprovision.spi.NodeReading;
import io.haprovision.spi.Target;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches pairs for {@code provision watch}. A {@link #look()} reads every node cheaply, the
 * way the health gate does: keepalived's process, the bound addresses and its state dump in
 * one command (a platform with its own node protocol, such as RouterOS: its one reading), over
 * one SSH session kept per node; a session that broke is dropped and opened again on the next
 * look, so a rebooted router comes back by itself. An {@link #audit(String)} is the full read
 * ({@code plan} and {@code verify} without drills) over sessions of its own, for the slower
 * questions: drift from the inventory, VIPs answering from the probe host, a platform's own
 * checks. Thread-safe for one look at a time.
 */
public final class PairWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PairWatcher.class);

  private final Engine engine;
  private final Inventory inventory;
  private final NodeReader reader;
  private final io.haprovision.secret.Redactor commands;
  private final Map<NodeKey, Connection> connections = new ConcurrentHashMap<>();
  /** What every look at a pair needs, worked out once: it depends only on the inventory. */
  private final Map<String, Watched> watched = new LinkedHashMap<>();
  /** By pair and instance: the sole MASTER last seen, when (monotonic), and the last change. */
  private final Map<String, Master> masters = new ConcurrentHashMap<>();
  private final ExecutorService pool;

  private record Master(String node, long seenAtNanos, Optional<RoleChange> lastChange) {}

  /**
   * A pair's platform, what it expects keepalived to show, its node protocol if any, each node's
   * desired state (the protocol reads against it) and each instance's VIP count: the instances
   * as the platform expects them on the nodes, or the inventory's when it expects none (a
   * platform with its own protocol).
   */
  private record Watched(Target target, VrrpExpectations expectations, Optional<NodeProtocol> protocol,
      Map<String, DesiredNode> desired, Map<String, Integer> vipCounts) {}

  PairWatcher(Engine engine, Inventory inventory) {
    this.engine = engine;
    this.inventory = inventory;
    this.reader = new NodeReader(engine.nonces, engine.clock);
    this.commands = engine.redactor.withEscapedForms();
    for (PairSpec pair : inventory.pairs()) {
      Target target = engine.targets.find(pair.platform()).orElseThrow();
      VrrpExpectations expectations = target.vrrpExpectations(pair);
      Optional<NodeProtocol> protocol = target.nodeProtocol(pair);
      Map<String, DesiredNode> desired = new LinkedHashMap<>();
      if (protocol.isPresent()) {
        pair.nodes().forEach(n -> desired.put(n.name(), target.desired(pair, n)));
      }
      Map<String, Integer> vipCounts = new LinkedHashMap<>();
      if (!expectations.isEmpty()) {
        expectations.instances().forEach(i -> vipCounts.put(i.name(), i.vips().size()));
      } else {
        pair.vrrp().instances().forEach(i -> vipCounts.put(i.name(), i.vips().size()));
      }
      watched.put(pair.name(), new Watched(target, expectations, protocol, desired, vipCounts));
    }
    this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(engine.parallelism, inventory.pairs().size())),
        r -> {
          Thread t = new Thread(r, "ha-provision-watch");
          t.setDaemon(true);
          return t;
        });
  }

  /** The pairs watched. */
  public List<PairSpec> pairs() {
    return inventory.pairs();
  }

  /** One look at every pair, pairs in parallel ({@code --parallel}); never throws for a node. */
  public List<PairHealth> look() {
    List<Future<PairHealth>> futures = new ArrayList<>();
    for (PairSpec pair : inventory.pairs()) {
      futures.add(pool.submit(() -> look(pair)));
    }
    List<PairHealth> out = new ArrayList<>();
    for (Future<PairHealth> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while watching", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("watching failed: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  /** One look at {@code pair}. */
  PairHealth look(PairSpec pair) {
    Watched w = watched.get(pair.name());
    Optional<NodeProtocol> protocol = w.protocol();
    Map<String, Integer> vipCounts = w.vipCounts();
    List<NodeHealth> nodes = new ArrayList<>();
    Map<String, Map<String, VrrpRole>> roles = new LinkedHashMap<>(); // instance -> node -> role
    Map<String, Map<String, Boolean>> holds = new LinkedHashMap<>(); // instance -> node -> all VIPs bound
    for (String instance : vipCounts.keySet()) {
      roles.put(instance, new LinkedHashMap<>());
      holds.put(instance, new LinkedHashMap<>());
    }
    for (NodeSpec node : pair.nodes()) {
      NodeKey key = new NodeKey(pair.name(), node.name());
      long start = engine.clock.nanoTime();
      try {
        Connection c = connection(pair, node);
        boolean running;
        boolean drained = false;
        if (protocol.isPresent()) {
          NodeReading r = protocol.get().read(new NodeContext(pair.name(), node.name(), c),
              w.desired().get(node.name()));
          running = true;
          drained = r.drained();
          for (String instance : roles.keySet()) {
            roles.get(instance).put(node.name(), r.facts().vrrpRole());
          }
        } else {
          KeepalivedView v = reader.keepalived(key, c, w.expectations(), w.target().keepalivedControl(), true);
          running = v.keepalived().running();
          drained = v.keepalived().drained();
          for (String instance : roles.keySet()) {
            Optional<VrrpReading.InstanceReading> ir = v.vrrp().instance(instance);
            roles.get(instance).put(node.name(), ir.map(VrrpReading.InstanceReading::role).orElse(VrrpRole.UNKNOWN));
            holds.get(instance).put(node.name(), ir.map(x -> x.vipsExpected() > 0 && x.vipsBound() == x.vipsExpected())
                .orElse(false));
          }
        }
        nodes.add(new NodeHealth(node.name(), true, seconds(start), Optional.empty(), running, drained));
      } catch (RuntimeException e) {
        drop(key);
        String why = engine.redactor.redact(String.valueOf(e.getMessage()));
        LOG.debug("watch: {} not read: {}", key, why);
        nodes.add(new NodeHealth(node.name(), false, seconds(start), Optional.of(why), false, false));
      }
    }
    Instant now = Instant.now();
    long nowNanos = engine.clock.nanoTime();
    List<InstanceHealth> instances = new ArrayList<>();
    for (Map.Entry<String, Integer> i : vipCounts.entrySet()) {
      Map<String, VrrpRole> r = roles.get(i.getKey());
      List<String> mastersNow = r.entrySet().stream().filter(e -> e.getValue() == VrrpRole.MASTER)
          .map(Map.Entry::getKey).toList();
      List<String> holders = holds.get(i.getKey()).entrySet().stream().filter(Map.Entry::getValue)
          .map(Map.Entry::getKey).toList();
      Optional<String> holder = i.getValue() > 0 && protocol.isEmpty()
          ? (holders.size() == 1 ? Optional.of(holders.get(0)) : Optional.empty())
          : (mastersNow.size() == 1 ? Optional.of(mastersNow.get(0)) : Optional.empty());
      instances.add(new InstanceHealth(i.getKey(), r, mastersNow, holder, i.getValue(),
          transition(pair.name() + "/" + i.getKey(), mastersNow, now, nowNanos)));
    }
    return new PairHealth(pair.name(), pair.platform(), now, nodes, instances);
  }

  /**
   * The full read of {@code pair}: the changes a plan would make and the checks of
   * {@code verify} without drills, over sessions of its own (closed after).
   */
  public PairHealth.Audit audit(String pairName) {
    PairSpec pair = inventory.pair(pairName).orElseThrow(() -> new IllegalArgumentException("no pair " + pairName));
    Inventory one = new Inventory(inventory.source(), List.of(pair));
    OptionalInt drift = OptionalInt.empty();
    List<io.haprovision.engine.verify.CheckResult> checks = List.of();
    try (EngineSession session = engine.open(one)) {
      Plan plan = session.plan();
      PlanCounts counts = plan.pair(pairName).counts();
      drift = OptionalInt.of(counts.create() + counts.update() + counts.delete());
      VerifyReport report = session.verify(VerifyOptions.defaults().withDrills(false));
      checks = report.pairs().isEmpty() ? List.of() : report.pairs().get(0).checks();
      return new PairHealth.Audit(pairName, Instant.now(), drift, checks,
          Optional.empty());
    } catch (RuntimeException e) {
      return new PairHealth.Audit(pairName, Instant.now(), drift, checks,
          Optional.of(engine.redactor.redact(String.valueOf(e.getMessage()))));
    }
  }

  /** Closes every session. */
  @Override
  public void close() {
    pool.shutdownNow();
    connections.values().forEach(Connection::close);
    connections.clear();
  }

  /** The role change {@code mastersNow} makes, if any; its duration on the monotonic clock. */
  private Optional<RoleChange> transition(String key, List<String> mastersNow, Instant now, long nowNanos) {
    Master before = masters.get(key);
    if (mastersNow.size() != 1) {
      return before == null ? Optional.empty() : before.lastChange();
    }
    String sole = mastersNow.get(0);
    Optional<RoleChange> change = before == null ? Optional.empty() : before.lastChange();
    if (before != null && !before.node().equals(sole)) {
      change = Optional.of(new RoleChange(before.node(), sole, now, (nowNanos - before.seenAtNanos()) / 1e9));
    }
    masters.put(key, new Master(sole, nowNanos, change));
    return change;
  }

  private Connection connection(PairSpec pair, NodeSpec node) {
    return connections.computeIfAbsent(new NodeKey(pair.name(), node.name()),
        k -> LoggedConnection.wrap(engine.connector.open(new NodeTarget(pair, node)), commands));
  }

  private void drop(NodeKey key) {
    Connection c = connections.remove(key);
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        // already broken
      }
    }
  }

  private double seconds(long startNanos) {
    return (engine.clock.nanoTime() - startNanos) / 1e9;
  }
}
