package io.haprovision.engine;

import io.haprovision.ProvisionListener;
import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.Location;
import io.haprovision.inventory.Problem;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The engine's settings: platforms, how nodes are reached, how many pairs run at once, where
 * progress goes, what to mask. Immutable and reusable; {@link #open} starts a session.
 *
 * <pre>{@code
 * Engine engine = Engine.builder().targets(targets).parallelism(4).listener(listener)
 *     .redactor(redactor).build();
 * try (EngineSession session = engine.open(inventory)) {
 *   FactsReport facts = session.facts();
 *   Plan plan = Planner.plan(session.desired(), facts.lookup(), engine.digestKey());
 *   ApplyReport applied = session.apply(plan);
 *   VerifyReport verified = session.verify(VerifyOptions.defaults());
 * }
 * }</pre>
 */
public final class Engine {
  final Targets targets;
  final NodeConnector connector;
  /** Pairs worked on at once unless told otherwise: the CLI's {@code --parallel} default too. */
  public static final int DEFAULT_PARALLELISM = 4;

  final int parallelism;
  final ProvisionListener listener;
  final Redactor redactor;
  final EngineClock clock;
  final Supplier<String> nonces;
  final DigestKey digestKey;

  private Engine(Builder b) {
    this.targets = b.targets != null ? b.targets : Targets.discover();
    this.connector = b.connector != null ? b.connector : new SshNodeConnector();
    this.parallelism = b.parallelism;
    this.listener = b.listener;
    this.redactor = b.redactor;
    this.clock = b.clock;
    this.nonces = b.nonces;
    this.digestKey = b.digestKey != null ? b.digestKey : DigestKey.local();
  }

  /** The key of plan digests: plans made and applied by this engine use it. */
  public DigestKey digestKey() {
    return digestKey;
  }

  /** A builder with the defaults: every platform on the class path, SSH, 4 pairs at once. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A watcher of the pairs of {@code inventory} ({@code provision watch}): it connects node by
   * node on its first look, never all-or-nothing, so an unreachable node is a reading, not an
   * error. The caller closes it.
   */
  public PairWatcher watch(Inventory inventory) {
    return new PairWatcher(this, inventory);
  }

  /**
   * Opens one session per node of every pair of {@code inventory} (a validated inventory,
   * already limited to the pairs wanted), in parallel, and computes each pair's desired state.
   *
   * @throws io.haprovision.error.TargetException ({@code UNREACHABLE}) when a node cannot be
   *     reached; no session stays open then. Also, before any node is contacted, when a
   *     platform's {@link io.haprovision.spi.Target#preflight} finds a problem ({@code
   *     UNREACHABLE}: a service unreachable or refusing the credentials; else {@code FAILED})
   * @throws InventoryException when a pair's platform is not installed
   */
  public EngineSession open(Inventory inventory) {
    for (var pair : inventory.pairs()) {
      if (targets.find(pair.platform()).isEmpty()) {
        throw new InventoryException(List.of(new Problem(new Location(
            inventory.source() == null ? "<inventory>" : inventory.source().toString(), 0, 0),
            pair.path() + ".platform", "platform.unknown", "no platform '" + pair.platform() + "' is installed",
            "use one of: " + String.join(", ", targets.names()))));
      }
    }
    return EngineSession.open(this, inventory);
  }

  /** Builds an {@link Engine}. */
  public static final class Builder {
    private Targets targets;
    private NodeConnector connector;
    private int parallelism = DEFAULT_PARALLELISM;
    private ProvisionListener listener = ProvisionListener.NONE;
    private Redactor redactor = Redactor.none();
    private EngineClock clock = EngineClock.SYSTEM;
    private Supplier<String> nonces = io.haprovision.engine.probe.Framing::newNonce;
    private DigestKey digestKey;

    private Builder() {}

    /** The platforms (default: {@link Targets#discover()}). */
    public Builder targets(Targets t) {
      this.targets = Objects.requireNonNull(t, "targets");
      return this;
    }

    /** How nodes are reached (default: {@link SshNodeConnector} with a new transport). */
    public Builder connector(NodeConnector c) {
      this.connector = Objects.requireNonNull(c, "connector");
      return this;
    }

    /** How many pairs are worked on at once, and how many nodes are connected at once (default 4). */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + n);
      }
      this.parallelism = n;
      return this;
    }

    /** Where progress events go (default: nowhere). */
    public Builder listener(ProvisionListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** Masks the inventory's secrets in every message and report (default: none known). */
    public Builder redactor(Redactor r) {
      this.redactor = Objects.requireNonNull(r, "redactor");
      return this;
    }

    /** The clock for timings, deadlines and polling (tests). */
    public Builder clock(EngineClock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Where probe frame nonces come from (tests use fixed ones to replay recorded output). */
    public Builder nonces(Supplier<String> n) {
      this.nonces = Objects.requireNonNull(n, "nonces");
      return this;
    }

    /**
     * The key of plan digests (default: {@link DigestKey#local()}, this user's key on this
     * machine, read on first use). A plan is only applied under the key it was made with.
     */
    public Builder digestKey(DigestKey k) {
      this.digestKey = Objects.requireNonNull(k, "digestKey");
      return this;
    }

    /** The engine. */
    public Engine build() {
      return new Engine(this);
    }
  }
}
