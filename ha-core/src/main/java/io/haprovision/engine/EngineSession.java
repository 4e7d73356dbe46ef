package io.haprovision.engine;

import io.haprovision.ProgressEvent;
import io.haprovision.ProgressEvent.Phase;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.engine.NodeConnector.NodeTarget;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.ProbeHost;
import io.haprovision.engine.verify.ShellProbeHost;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.engine.verify.VerifyReport.PairVerification;
import io.haprovision.error.InternalException;
import io.haprovision.error.ProvisionException;
import io.haprovision.error.TargetException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.ProbeSpec;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.Plan;
import io.haprovision.plan.Planner;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.spi.Target;
import io.haprovision.transport.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One run against the nodes of an inventory: one connection per node, opened at the start
 * (in parallel) and kept until {@link #close()}. Facts, apply and verify all use them, so the
 * whole run costs one SSH handshake per node; {@link #execCounts()} says how many commands
 * each node cost.
 *
 * <p>Pairs are worked on in parallel, at most the engine's parallelism at once; the two nodes
 * of a pair never at the same time during apply. Thread-safe for one call at a time.
 */
public final class EngineSession implements AutoCloseable {
  private final Engine engine;
  /**
   * Most nodes a session connects to ahead and keeps connected for its whole life. A larger
   * inventory is worked through pair by pair instead: a pair's nodes are connected when its
   * work starts and disconnected when that step (facts, apply, verify) is done for the pair, so
   * a run holds about {@code --parallel} pairs' sessions at a time, not a thousand pairs'
   * (memory: a session costs its reader thread and buffers), at one more SSH handshake for each
   * node a later step comes back to.
   */
  public static final int KEEP_OPEN_NODES = 200;

  /** True when the session works pair by pair ({@link #KEEP_OPEN_NODES}). */
  private final boolean bounded;
  /** The redactor of the commands log: the secrets as scripts sent to nodes may carry them. */
  private final io.haprovision.secret.Redactor commands;
  private final List<PairContext> pairs;
  private final NodeReader reader;
  private final long handshakesBefore;
  /** Probe host sessions by pair name, opened by verify on first use. */
  private final Map<String, Connection> probeConnections = new java.util.concurrent.ConcurrentHashMap<>();
  private boolean closed;

  private EngineSession(Engine engine, boolean bounded, io.haprovision.secret.Redactor commands,
      List<PairContext> pairs, long handshakesBefore) {
    this.engine = engine;
    this.bounded = bounded;
    this.commands = commands;
    this.pairs = pairs;
    this.reader = new NodeReader(engine.nonces, engine.clock);
    this.handshakesBefore = handshakesBefore;
  }

  static EngineSession open(Engine engine, Inventory inventory) {
    // Desired state first: it is pure, and a platform bug should surface before any connection.
    List<DesiredPair> desired = new ArrayList<>();
    for (PairSpec pair : inventory.pairs()) {
      Target target = engine.targets.find(pair.platform()).orElseThrow();
      DesiredNode primary = target.desired(pair, pair.primary());
      DesiredNode secondary = target.desired(pair, pair.secondary());
      desired.add(new DesiredPair(pair.name(), primary, secondary, target.vrrpWires(pair),
          pair.vrrp().syncGroup().map(g -> g.instances()).orElse(List.of())));
    }
    List<NodeTarget> targets = new ArrayList<>();
    for (PairSpec pair : inventory.pairs()) {
      for (NodeSpec node : pair.nodes()) {
        targets.add(new NodeTarget(pair, node));
      }
    }
    // What the pairs depend on outside their nodes (a management API...), before any node is touched.
    Preflight.check(inventory, engine.targets, engine.listener, engine.redactor);
    long handshakesBefore = engine.connector.handshakes();
    // A small inventory is connected all at once, ahead: every node is known reachable (or the
    // run stops, having read nothing) before any is read. A large one pair by pair.
    boolean bounded = targets.size() > KEEP_OPEN_NODES;
    // what scripts sent to the nodes may hold of the secrets: worked out once, used by every connection
    io.haprovision.secret.Redactor commands = engine.redactor.withEscapedForms();
    Map<NodeKey, Connection> connections = bounded ? Map.of() : engine.connector.openAll(targets, engine.parallelism);
    List<PairContext> contexts = new ArrayList<>();
    for (int i = 0; i < inventory.pairs().size(); i++) {
      PairSpec pair = inventory.pairs().get(i);
      Map<String, Connection> byNode = new LinkedHashMap<>();
      for (NodeSpec node : bounded ? List.<NodeSpec>of() : pair.nodes()) {
        Connection c = connections.get(new NodeKey(pair.name(), node.name()));
        if (c == null) {
          connections.values().forEach(Connection::close);
          throw new InternalException("the connector opened no connection to " + pair.name() + "/" + node.name());
        }
        byNode.put(node.name(), LoggedConnection.wrap(c, commands));
      }
      contexts.add(new PairContext(pair, engine.targets.find(pair.platform()).orElseThrow(), desired.get(i), byNode,
          node -> LoggedConnection.wrap(engine.connector.open(new NodeTarget(pair, pair.nodes().stream()
              .filter(n -> n.name().equals(node)).findFirst().orElseThrow())), commands)));
    }
    return new EngineSession(engine, bounded, commands, List.copyOf(contexts), handshakesBefore);
  }

  /** The desired state of every pair of the session, in inventory order. */
  public List<DesiredPair> desired() {
    return pairs.stream().map(p -> p.desired).toList();
  }

  /**
   * Reads every node: one command per node, plus one more on nodes where a file's content is
   * fetched for a diff (its hash differs and it is not sensitive).
   *
   * @throws io.haprovision.error.TargetException when a node's probe fails
   */
  public FactsReport facts() {
    return facts(true);
  }

  /**
   * Reads every node.
   *
   * @param fetchContent fetch the content of differing files for diffs (a second command on
   *     such nodes); false keeps it to exactly one command per node
   */
  public FactsReport facts(boolean fetchContent) {
    long start = engine.clock.nanoTime();
    // Reading is side-effect free: both nodes of a pair are read at the same time.
    List<NodeRef> nodes = nodeRefs();
    Map<String, java.util.concurrent.atomic.AtomicInteger> unread = new java.util.concurrent.ConcurrentHashMap<>();
    for (PairContext pair : pairs) {
      unread.put(pair.name(), new java.util.concurrent.atomic.AtomicInteger(pair.spec.nodes().size()));
    }
    List<NodeObservation> all = parallelOver(nodes, 2, ref -> {
      PairContext pair = ref.pair();
      NodeSpec node = ref.node();
      NodeKey key = new NodeKey(pair.name(), node.name());
      event(pair.name(), node.name(), Phase.FACTS, "reading");
      NodeObservation o = pair.protocol.isPresent()
          ? ProtocolSteps.observe(pair, key, engine.clock)
          : reader.observe(key, pair.connection(node.name()), pair.desired(node.name()),
              pair.drivers, pair.expectations, pair.control, fetchContent, pair.ledger(node.name()),
              pair.lockPath(), ShellRevert.directory(pair.target.runtimeDirectory(), pair.name(), node.name()));
      event(pair.name(), node.name(), Phase.FACTS, "VRRP " + o.facts().vrrpRole() + (pair.protocol.isPresent()
          ? ", " + (o.system().osName().isEmpty() ? o.system().os() : o.system().osName())
          : ", keepalived " + (o.keepalived().running() ? "running" : o.keepalived().installed() ? "stopped"
              : "not installed")) + " (" + o.millis() + " ms)");
      if (unread.get(pair.name()).decrementAndGet() == 0) {
        releaseIfBounded(pair);
        event(pair.name(), "", Phase.FINISHED, "facts: both nodes read");
      }
      return o;
    });
    return new FactsReport(all, execCounts(), handshakes(), engine.clock.millisSince(start), engine.digestKey);
  }

  /**
   * Reads a {@link LiveCopy} of every node (what its managed resources live in, and their
   * state), for seeding a replica; changes nothing.
   *
   * @param facts this session's facts, read before
   */
  public List<LiveCopy> liveCopy(FactsReport facts) {
    return parallelOver(nodeRefs(), 2, ref -> {
      event(ref.pair().name(), ref.node().name(), Phase.FACTS, "copying what the desired state manages");
      return LiveCopier.copy(ref.pair(), ref.node().name(),
          facts.lookup().factsFor(ref.pair().name(), ref.node().name()));
    });
  }

  /**
   * Facts, then the pure planner: the plan of every pair of the session, its digests under the
   * engine's {@link Engine.Builder#digestKey digest key}.
   */
  public Plan plan() {
    return Planner.plan(desired(), facts().lookup(), engine.digestKey);
  }

  /** {@link #apply(Plan, ApplyOptions)} with {@link ApplyOptions#defaults()}. */
  public ApplyReport apply(Plan plan) {
    return apply(plan, ApplyOptions.defaults());
  }

  /**
   * Applies {@code plan}: pairs in parallel, each node in the pair's rollout order, behind a
   * check that the inventory still gives the desired state planned for and a fresh look at its
   * facts (a plan made from another inventory or stale facts is refused before the node is
   * touched) and followed
   * by the health gate. A pair that fails stops before its next node; other pairs go on.
   * Nodes without changes are not contacted at all.
   *
   * @throws InternalException when the plan names a pair this session does not have
   */
  public ApplyReport apply(Plan plan, ApplyOptions options) {
    long start = engine.clock.nanoTime();
    Map<String, PairContext> byName = new LinkedHashMap<>();
    pairs.forEach(p -> byName.put(p.name(), p));
    for (PairPlan p : plan.pairs()) {
      if (!byName.containsKey(p.pair())) {
        throw new InternalException("the plan names pair " + p.pair() + ", which this session does not have"
            + " (sessions: " + String.join(", ", byName.keySet()) + "); plan and apply with the same inventory"
            + " and --limit");
      }
    }
    List<PairPlan> planned = plan.pairs();
    List<PairResult> results = parallelOver(planned, 1, p -> {
      PairContext pair = byName.get(p.pair());
      try {
        PairResult r = rollout(pair).apply(p, options);
        releaseIfBounded(pair);
        event(p.pair(), "", Phase.FINISHED, "apply: " + r.status().name().toLowerCase(java.util.Locale.ROOT));
        return r;
      } catch (RuntimeException e) {
        // A bug or an unexpected failure in one pair must not hide the others' results.
        String why = engine.redactor.redact(String.valueOf(e.getMessage()));
        event(p.pair(), "", Phase.FAILED, why);
        List<NodeResult> nodes = new ArrayList<>();
        for (NodePlan n : p.nodes()) {
          nodes.add(new NodeResult(n.node(), NodeStatus.FAILED, List.of(), List.of(), Optional.empty(), why, 0));
        }
        event(p.pair(), "", Phase.FINISHED, "apply: failed");
        return new PairResult(p.pair(), PairStatus.FAILED, p.rolloutOrder(), nodes,
            "failed: " + why + (e instanceof ProvisionException ? "" : " (" + e.getClass().getSimpleName() + ")"), 0);
      }
    });
    return new ApplyReport(results, execCounts(), handshakes(), engine.clock.millisSince(start));
  }

  /** The one rollout of {@code pair}, with the steps of its kind of node. */
  private PairRollout rollout(PairContext pair) {
    RolloutEvents events = new RolloutEvents(pair.name(), engine.listener, engine.redactor, engine.clock);
    NodeSteps steps = pair.protocol.isPresent()
        ? new ProtocolSteps(pair, pair.protocol.get(), events)
        : new ShellSteps(pair, reader, events, engine.listener);
    return new PairRollout(pair, steps, events, engine.digestKey);
  }

  /** Verifies every pair: checks, and the drills when {@code options} ask for them. */
  public VerifyReport verify(VerifyOptions options) {
    long start = engine.clock.nanoTime();
    Verifier verifier = new Verifier(reader, engine.clock, engine.listener, engine.redactor);
    List<PairVerification> results = parallel(pair -> {
      PairVerification v = verifier.verify(pair, options, () -> probeHost(pair, options));
      releaseIfBounded(pair);
      long failed = v.checks().stream().filter(c -> c.status() == CheckResult.Status.FAILED).count();
      event(pair.name(), "", Phase.FINISHED, "verify: " + v.checks().size() + " checks, "
          + (failed == 0 ? "all passed or skipped" : failed + " failed"));
      return v;
    });
    return new VerifyReport(results, execCounts(), handshakes(), engine.clock.millisSince(start));
  }

  /**
   * The probe host of a pair: the one the run gives in code, else the one the inventory names
   * ({@code verify.probe}), opened on first use and kept until {@link #close()}.
   *
   * @throws TargetException ({@code UNREACHABLE}) naming the probe host when it cannot be opened
   */
  private Optional<ProbeHost> probeHost(PairContext pair, VerifyOptions options) {
    Optional<ProbeHost> given = options.probeHosts().apply(pair.spec);
    if (given.isPresent() || pair.spec.verify().probe().isEmpty()) {
      return given;
    }
    ProbeSpec probe = pair.spec.verify().probe().get();
    Connection c = probeConnections.get(pair.name());
    if (c == null) {
      try {
        c = LoggedConnection.wrap(engine.connector.openProbe(pair.spec, probe), commands);
      } catch (TargetException e) {
        String reason = e.getMessage().startsWith(e.target() + ": ")
            ? e.getMessage().substring(e.target().length() + 2) : e.getMessage();
        throw new TargetException(TargetException.Kind.UNREACHABLE, probe.target(), "probe host " + probe.name()
            + " of pair " + pair.name() + " (" + probe.path() + ") cannot be reached: " + reason
            + "; check verify.probe in the inventory", e);
      }
      synchronized (probeConnections) {
        if (closed) {
          c.close();
          throw new InternalException("the engine session was closed during verify");
        }
        probeConnections.put(pair.name(), c);
      }
    }
    return Optional.of(new ShellProbeHost(probe.name(), c));
  }

  /**
   * Runs a platform's {@code action} on {@code pairName}, a pair of this session, with the
   * session's connections to its nodes.
   *
   * @param args the arguments after the pair
   * @param progress receives progress lines (secrets masked)
   * @throws InternalException when the session has no such pair
   */
  public io.haprovision.spi.ActionResult action(io.haprovision.spi.PlatformAction action, String pairName,
      List<String> args, java.util.function.Consumer<String> progress, Optional<java.nio.file.Path> inventoryFile) {
    PairContext pair = pairs.stream().filter(p -> p.name().equals(pairName)).findFirst()
        .orElseThrow(() -> new InternalException("this session has no pair " + pairName));
    Map<String, io.haprovision.spi.NodeContext> nodes = new LinkedHashMap<>();
    for (NodeSpec node : pair.spec.nodes()) {
      nodes.put(node.name(), new io.haprovision.spi.NodeContext(pair.name(), node.name(), pair.connection(node.name())));
    }
    io.haprovision.spi.ActionContext context = new io.haprovision.spi.ActionContext(pair.spec,
        Optional.of(new io.haprovision.spi.PairNodes(pair.spec, nodes)),
        line -> progress.accept(engine.redactor.redact(line)), inventoryFile);
    if (!action.needsConnection()) {
      io.haprovision.spi.ActionResult r = action.run(context, args);
      return new io.haprovision.spi.ActionResult(r.ok(), engine.redactor.redact(r.output()));
    }
    // An action changes the pair: one writer per pair, as for apply.
    PairLockHold.Result taken = PairLockHold.take(pair, pair.spec.nodes().stream().map(NodeSpec::name).toList(),
        "action " + action.name(), false, why -> progress.accept(engine.redactor.redact(why)));
    if (taken.busy().isPresent()) {
      return io.haprovision.spi.ActionResult.locked(engine.redactor.redact(taken.busy().get()));
    }
    try (PairLockHold hold = taken.hold().orElseThrow()) {
      io.haprovision.spi.ActionResult r = action.run(context, args);
      return new io.haprovision.spi.ActionResult(r.ok(), engine.redactor.redact(r.output()));
    }
  }

  /** Commands run on each node ({@code pair/node}) in this session so far. */
  public Map<String, Long> execCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (PairContext pair : pairs) {
      pair.execCounts().forEach((node, n) -> counts.put(new NodeKey(pair.name(), node).toString(), n));
    }
    return counts;
  }

  /** A large session's pair gives its connections back when a step is done with it. */
  private void releaseIfBounded(PairContext pair) {
    if (bounded) {
      pair.release();
      Connection probe = probeConnections.remove(pair.name());
      if (probe != null) {
        probe.close();
      }
    }
  }

  /** SSH handshakes this session made (its connector may serve several sessions). */
  public long handshakes() {
    return engine.connector.handshakes() - handshakesBefore;
  }

  /** Closes every connection, the probe hosts' too. */
  @Override
  public void close() {
    pairs.forEach(PairContext::close);
    synchronized (probeConnections) {
      closed = true;
      probeConnections.values().forEach(Connection::close);
      probeConnections.clear();
    }
  }

  private record NodeRef(PairContext pair, NodeSpec node) {}

  /** Every node of every pair, pair by pair. */
  private List<NodeRef> nodeRefs() {
    List<NodeRef> nodes = new ArrayList<>();
    for (PairContext pair : pairs) {
      for (NodeSpec node : pair.spec.nodes()) {
        nodes.add(new NodeRef(pair, node));
      }
    }
    return nodes;
  }

  private <T> List<T> parallel(Function<PairContext, T> work) {
    return parallelOver(pairs, 1, work);
  }

  /**
   * Runs {@code work} on each item, at most {@code perPair} times the engine's parallelism at
   * once; results in input order.
   */
  private <I, T> List<T> parallelOver(List<I> items, int perPair, Function<I, T> work) {
    if (items.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(engine.parallelism * perPair, items.size());
    if (threads == 1) {
      List<T> out = new ArrayList<>();
      items.forEach(i -> out.add(work.apply(i)));
      return out;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ha-pair-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (I item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<T> out = new ArrayList<>();
      RuntimeException first = null;
      for (Future<T> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          RuntimeException re = e.getCause() instanceof RuntimeException r ? r
              : new InternalException("a pair failed unexpectedly: " + e.getCause(), e.getCause());
          if (first == null) {
            first = re;
          } else {
            first.addSuppressed(re);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InternalException("interrupted while working on pairs", e);
        }
      }
      if (first != null) {
        throw first;
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private void event(String pair, String node, Phase phase, String message) {
    engine.listener.onEvent(new ProgressEvent(pair, node, phase, engine.redactor.redact(message)));
  }
}
