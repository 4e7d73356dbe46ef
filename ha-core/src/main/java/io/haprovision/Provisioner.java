package io.haprovision;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.NodeConnector;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.error.InventoryException;
import io.haprovision.facts.FactsLookup;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.Location;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problem;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.VrrpRules;
import io.haprovision.plan.Plan;
import io.haprovision.plan.Planner;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The facade for embedding ha-provision: one object per inventory, built once, then
 * asked to validate, render or plan. See the package documentation for an example.
 *
 * <p>{@link Builder#build()} loads and validates the inventory before anything else
 * happens: an invalid inventory throws {@link InventoryException} and nothing is
 * contacted. Instances are immutable and thread-safe.
 */
public final class Provisioner {
  private final Inventory inventory;
  private final Targets targets;
  private final Redactor redactor;
  private final int parallelism;
  private final ProvisionListener listener;
  private final NodeConnector connector;
  private final DigestKey digestKey;

  private Provisioner(Inventory inventory, Targets targets, int parallelism, ProvisionListener listener,
      NodeConnector connector, DigestKey digestKey) {
    this.connector = connector;
    this.digestKey = digestKey;
    this.inventory = inventory;
    this.targets = targets;
    this.redactor = Redactor.of(inventory.secrets());
    this.parallelism = parallelism;
    this.listener = listener;
  }

  /** A builder; set the inventory (path, string or records), then {@link Builder#build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The validated inventory (only the pairs selected by {@link Builder#limit}). */
  public Inventory validate() {
    return inventory;
  }

  /** Masks this inventory's secrets; use it on anything you print or log. */
  public Redactor redactor() {
    return redactor;
  }

  /** How many pairs run at once. */
  public int parallelism() {
    return parallelism;
  }

  /** Where progress goes. */
  public ProvisionListener listener() {
    return listener;
  }

  /** The platforms this provisioner knows. */
  public Targets targets() {
    return targets;
  }

  /** The desired state of every pair. Pure: contacts nothing. */
  public List<DesiredPair> desired() {
    List<DesiredPair> pairs = new ArrayList<>();
    for (PairSpec pair : inventory.pairs()) {
      Target target = targets.find(pair.platform()).orElseThrow();
      DesiredNode primary = target.desired(pair, pair.primary());
      DesiredNode secondary = target.desired(pair, pair.secondary());
      pairs.add(new DesiredPair(pair.name(), primary, secondary, target.vrrpWires(pair),
          pair.vrrp().syncGroup().map(g -> g.instances()).orElse(List.of())));
      for (NodeSpec node : pair.nodes()) {
        listener.onEvent(new ProgressEvent(pair.name(), node.name(), ProgressEvent.Phase.RENDER,
            "desired state computed"));
      }
    }
    return pairs;
  }

  /** Everything every node would get, without contacting any router. */
  public Rendering render() {
    List<DesiredNode> nodes = new ArrayList<>();
    for (DesiredPair pair : desired()) {
      nodes.addAll(pair.nodes());
    }
    Map<String, Map<String, String>> reviews = new java.util.LinkedHashMap<>();
    for (PairSpec pair : inventory.pairs()) {
      Target target = targets.find(pair.platform()).orElseThrow();
      for (NodeSpec node : pair.nodes()) {
        Map<String, String> files = target.reviewFiles(pair, node);
        if (!files.isEmpty()) {
          reviews.put(Rendering.key(pair.name(), node.name()), files);
        }
      }
    }
    return new Rendering(nodes, reviews, redactor);
  }

  /**
   * The plan against facts you supply (for example {@link FactsLookup} of empty nodes to
   * see a first install). Pure: contacts nothing. Digests are keyed with the
   * {@link Builder#digestKey digest key}.
   */
  public Plan plan(FactsLookup facts) {
    return Planner.plan(desired(), facts, digestKey);
  }

  /**
   * Opens one SSH session per node of every selected pair, in parallel, for a run of
   * facts, plan, apply and verify; close it when done. Unreachable nodes throw
   * {@link io.haprovision.error.TargetException} (kind UNREACHABLE) naming
   * {@code user@host:port}, after closing the sessions already open.
   */
  public EngineSession connect() {
    return engine().open(inventory);
  }

  /** The live plan: gathers every node's facts (one round trip per node) and plans. */
  public Plan plan() {
    try (EngineSession session = connect()) {
      return session.plan();
    }
  }

  /** Plans and applies in one session (BACKUP first, health gate, then MASTER), then closes it. */
  public ApplyReport apply() {
    try (EngineSession session = connect()) {
      return session.apply(session.plan());
    }
  }

  /**
   * A watcher of the selected pairs ({@code provision watch}): cheap looks over one session per
   * node, reopened when lost, and full audits on demand. The caller closes it.
   */
  public io.haprovision.engine.PairWatcher watch() {
    return engine().watch(inventory);
  }

  /** Runs the verification plan of every selected pair (drills only when the options ask). */
  public VerifyReport verify(VerifyOptions options) {
    try (EngineSession session = connect()) {
      return session.verify(options);
    }
  }

  /**
   * Runs the platform action {@code name} ({@link Target#actions()}) on pair {@code pair}: with
   * sessions to the pair's nodes when the action needs them, opened for the action and closed
   * after it.
   *
   * @param args the arguments after the pair
   * @param progress receives progress lines, secrets masked
   * @throws InventoryException when the inventory has no such pair
   * @throws IllegalArgumentException when the pair's platform has no action {@code name}
   *     (a usage error), naming the actions it has
   */
  public io.haprovision.spi.ActionResult action(String name, String pair, List<String> args,
      java.util.function.Consumer<String> progress) {
    PairSpec spec = inventory.pair(pair).orElseThrow(() -> new InventoryException(List.of(new Problem(
        new Location(inventory.source() == null ? "<inventory>" : inventory.source().toString(), 0, 0), "pairs",
        "action.unknown-pair", "the inventory has no pair '" + pair + "'",
        "use one of: " + String.join(", ", inventory.pairs().stream().map(PairSpec::name).toList())))));
    Target target = targets.find(spec.platform()).orElseThrow();
    io.haprovision.spi.PlatformAction action = target.actions().stream().filter(a -> a.name().equals(name))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("platform " + spec.platform()
            + " has no action '" + name + "'" + (target.actions().isEmpty() ? " (it has none)"
            : "; its actions: " + String.join(", ", target.actions().stream()
                .map(io.haprovision.spi.PlatformAction::name).toList()))));
    action.checkArguments(spec, args);
    java.util.function.Consumer<String> masked = line -> progress.accept(redactor.redact(line));
    if (!action.needsConnection()) {
      io.haprovision.spi.ActionResult r = action.run(new io.haprovision.spi.ActionContext(spec,
          java.util.Optional.empty(), masked, java.util.Optional.ofNullable(inventory.source())), args);
      return new io.haprovision.spi.ActionResult(r.ok(), redactor.redact(r.output()));
    }
    Inventory one = new Inventory(inventory.source(), List.of(spec));
    try (EngineSession session = engine().open(one)) {
      return session.action(action, pair, args, masked, java.util.Optional.ofNullable(inventory.source()));
    }
  }

  /**
   * Reads a pair built by hand ({@code provision import}) over SSH, read-only, into an inventory
   * that keeps today's behaviour: the text, the notes on what could not be expressed or was
   * chosen, and the environment variables its secrets refer to. Needs no inventory.
   *
   * @param progress receives one line per step
   * @throws IllegalArgumentException for a platform that is not installed or cannot import
   * @throws io.haprovision.error.TargetException when a node cannot be reached or read
   */
  public static io.haprovision.adopt.PairImport.ImportedPair importPair(
      io.haprovision.adopt.PairImport.ImportRequest request, java.util.function.Consumer<String> progress) {
    return io.haprovision.adopt.PairImport.run(io.haprovision.spi.Targets.discover(), request, progress);
  }

  private Engine engine() {
    Engine.Builder builder = Engine.builder().targets(targets).parallelism(parallelism).listener(listener)
        .redactor(redactor).digestKey(digestKey);
    if (connector != null) {
      builder.connector(connector);
    }
    return builder.build();
  }

  /** Builds a {@link Provisioner}. Not thread-safe; use once. */
  public static final class Builder {
    private Path path;
    private String yaml;
    private String yamlName;
    private Path yamlBaseDir;
    private Inventory records;
    private Targets targets;
    private Function<String, String> environment = System::getenv;
    private final Set<String> limit = new LinkedHashSet<>();
    private int parallelism = io.haprovision.engine.Engine.DEFAULT_PARALLELISM;
    private ProvisionListener listener = ProvisionListener.NONE;
    private NodeConnector connector;
    private DigestKey digestKey;

    private Builder() {
    }

    /** The inventory file. */
    public Builder inventory(Path file) {
      this.path = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * An inventory held in a string; {@code name} is how errors name it, {@code baseDir}
     * what {@code ${file:...}} and relative paths are relative to (null: current folder).
     */
    public Builder inventory(String yaml, String name, Path baseDir) {
      this.yaml = Objects.requireNonNull(yaml, "yaml");
      this.yamlName = Objects.requireNonNull(name, "name");
      this.yamlBaseDir = baseDir;
      return this;
    }

    /** An inventory built in code; it is validated by {@link #build()} all the same. */
    public Builder inventory(Inventory inventory) {
      this.records = Objects.requireNonNull(inventory, "inventory");
      return this;
    }

    /** The platforms to use; default: every platform on the class path (ServiceLoader). */
    public Builder targets(Targets targets) {
      this.targets = Objects.requireNonNull(targets, "targets");
      return this;
    }

    /** Where {@code ${env:NAME}} secrets come from; default: the process environment. */
    public Builder environment(Map<String, String> environment) {
      Map<String, String> copy = Map.copyOf(environment);
      this.environment = copy::get;
      return this;
    }

    /** Only these pairs (empty: all). An unknown name is an inventory error. */
    public Builder limit(Collection<String> pairs) {
      limit.addAll(pairs);
      return this;
    }

    /** How many pairs to work on at once (default 4). */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /** How nodes are reached; default: SSH as each node's inventory entry says. */
    public Builder connector(NodeConnector connector) {
      this.connector = Objects.requireNonNull(connector, "connector");
      return this;
    }

    /**
     * The key of plan digests; default {@link DigestKey#local()}, this user's key on this
     * machine. Plans are applied only under the key they were made with.
     */
    public Builder digestKey(DigestKey digestKey) {
      this.digestKey = Objects.requireNonNull(digestKey, "digestKey");
      return this;
    }

    /** Receives progress events. */
    public Builder listener(ProvisionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Loads and validates the inventory.
     *
     * @throws InventoryException with every problem found; nothing has been contacted
     */
    public Provisioner build() {
      Targets t = targets != null ? targets : Targets.discover();
      InventoryLoader loader = new InventoryLoader().withTargets(t).withEnvironment(environment);
      Inventory inventory;
      if (path != null) {
        inventory = loader.load(path);
      } else if (yaml != null) {
        inventory = loader.load(yaml, yamlName, yamlBaseDir);
      } else if (records != null) {
        inventory = checkRecords(records, t);
      } else {
        throw new IllegalStateException("no inventory: call inventory(Path), inventory(String, ...) "
            + "or inventory(Inventory) before build()");
      }
      return new Provisioner(select(inventory), t, parallelism, listener, connector,
          digestKey != null ? digestKey : DigestKey.local());
    }

    private Inventory select(Inventory inventory) {
      if (limit.isEmpty()) {
        return inventory;
      }
      List<Problem> problems = new ArrayList<>();
      for (String name : limit) {
        if (inventory.pair(name).isEmpty()) {
          problems.add(new Problem(new Location(
              inventory.source() == null ? "<inventory>" : inventory.source().toString(), 0, 0),
              "pairs", "limit.unknown-pair", "--limit names pair '" + name + "', which the inventory lacks",
              "use one of: " + String.join(", ", inventory.pairs().stream().map(PairSpec::name).toList())));
        }
      }
      if (!problems.isEmpty()) {
        throw new InventoryException(problems);
      }
      return new Inventory(inventory.source(),
          inventory.pairs().stream().filter(p -> limit.contains(p.name())).toList(), inventory.warnings());
    }

    private static Inventory checkRecords(Inventory inventory, Targets targets) {
      Problems problems = Problems.detached();
      Set<String> names = new java.util.HashSet<>();
      for (PairSpec pair : inventory.pairs()) {
        if (!names.add(pair.name())) {
          problems.add(pair.path() + ".name", "pair.duplicate-name", "there are two pairs named " + pair.name(),
              "give every pair its own name");
          continue;
        }
        if (targets.find(pair.platform()).isEmpty()) {
          problems.add(pair.path() + ".platform", "platform.unknown",
              "no platform '" + pair.platform() + "' is installed",
              "use one of: " + String.join(", ", targets.names()));
          continue;
        }
        VrrpRules.checkPair(pair, problems);
      }
      VrrpRules.checkVridReuse(inventory.pairs(), problems);
      for (PairSpec pair : inventory.pairs()) {
        targets.find(pair.platform()).ifPresent(t -> t.validatePair(pair, problems));
      }
      problems.throwIfAny();
      return inventory;
    }
  }

}
