package io.haprovision.lab.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.haprovision.ProvisionListener;
import io.haprovision.Provisioner;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.FactsReport;
import io.haprovision.engine.LiveCopy;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.facts.VrrpRole;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.Location;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problem;
import io.haprovision.lab.LabHost;
import io.haprovision.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code provision rehearse}: tries an inventory's change on a lab replica of the live pairs
 * before the real apply. It reads the real routers (facts, and a copy of everything their
 * desired state manages: files, UCI config files, packages' and services' state) and changes
 * nothing on them; starts a lab with one pair per rehearsed pair; seeds each replica node with
 * its router's copy, addresses mapped into the lab's ranges ({@link AddressMap}); then applies
 * the inventory, mapped the same way, to the replica with the full rollout (commit-confirmed,
 * health gate) while the LAN client pings the VIP, and runs verify with the drills. The
 * {@link RehearsalReport} says what the real apply would do and how the replica's pair behaved.
 *
 * <p>Nothing here decides what a router needs: the real plan is the engine's, the replica is
 * changed by the engine's own rollout. A rehearsal shows how that rollout behaves on a copy.
 */
public final class Rehearsal {
  /** The platforms whose replicas are lab pairs of network namespaces, and the personality each needs. */
  private static final Map<String, String> NAMESPACE_PERSONALITIES = Map.of("openwrt", "openwrt", "bonder", "debian");
  /** The platform whose replicas are simulated routers. */
  private static final String SIMULATED = "mikrotik";
  /** Longest wait for the seeded replica to hold the real routers' VRRP roles. */
  private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(30);

  /**
   * What to rehearse.
   *
   * @param inventory the inventory file
   * @param limit only these pairs; empty: every pair of the inventory
   * @param keepLab leave the replica running afterwards ({@code provision lab down RUNID} removes it)
   * @param environment where {@code ${env:NAME}} secrets come from
   * @param listener progress of the engine's runs
   * @param progress the rehearsal's own steps, one line each
   */
  public record Options(Path inventory, List<String> limit, boolean keepLab, Map<String, String> environment,
      ProvisionListener listener, Consumer<String> progress) {
    /** Copies the list. */
    public Options {
      limit = List.copyOf(limit);
      environment = Map.copyOf(environment);
    }
  }

  private Rehearsal() {}

  /**
   * Rehearses the selected pairs.
   *
   * @throws InventoryException when the inventory is invalid or a pair does not fit a replica
   *     (nothing contacted)
   * @throws io.haprovision.error.TargetException when a real router cannot be read or the lab
   *     cannot start
   */
  public static RehearsalReport run(Options options) {
    long start = System.nanoTime();
    Provisioner real = Provisioner.builder().inventory(options.inventory()).limit(options.limit())
        .environment(options.environment()).listener(options.listener()).build();
    Inventory inventory = real.validate();
    String platform = platformOf(inventory);
    // Whatever would make the rehearsal fail later is refused before any router is contacted.
    if (NAMESPACE_PERSONALITIES.containsKey(platform)) {
      try {
        NamespaceReplicas.check(inventory.pairs(), NAMESPACE_PERSONALITIES.get(platform));
      } catch (Misfit m) {
        throw problem(inventory, m.key, m.getMessage(), m.fix);
      }
      LabHost.unavailableReason().ifPresent(why -> {
        throw new io.haprovision.error.TargetException(io.haprovision.error.TargetException.Kind.FAILED,
            "this machine", "a rehearsal of " + platform + " pairs needs a lab here, and " + why);
      });
    }

    options.progress().accept("reading the real routers (nothing is changed on them)");
    Plan realPlan;
    List<LiveCopy> copies;
    Map<String, Long> realCommands;
    Map<String, VrrpRole> realRoles;
    try (EngineSession session = real.connect()) {
      FactsReport facts = session.facts();
      realPlan = real.plan(facts.lookup());
      copies = session.liveCopy(facts);
      realCommands = session.execCounts();
      realRoles = roles(facts);
    }

    int count = inventory.pairs().size();
    options.progress().accept("starting a replica of " + count + (count == 1 ? " pair" : " pairs"));
    Replicas lab = NAMESPACE_PERSONALITIES.containsKey(platform)
        ? NamespaceReplicas.start(count, NAMESPACE_PERSONALITIES.get(platform), options.keepLab(), realRoles)
        : SimulatedReplicas.start(inventory.pairs(), copies);
    try {
      List<Replica> replicas = new ArrayList<>();
      List<PairSpec> replicaPairs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        PairSpec pair = inventory.pairs().get(i);
        List<LiveCopy> mine = copies.stream().filter(c -> c.pair().equals(pair.name())).toList();
        List<String> texts = new ArrayList<>();
        texts.add(pairYaml(options.inventory(), pair.name()));
        mine.forEach(c -> c.files().forEach(f -> f.content().ifPresent(texts::add)));
        ReplicaMap map;
        try {
          map = lab.map(i, pair, mine, texts);
        } catch (Misfit m) {
          throw problem(inventory, m.key, m.getMessage(), m.fix);
        }
        String yaml = lab.retarget(i, map.apply(texts.get(0)));
        PairSpec replicaPair = lab.reach(i, load(options, pair, yaml));
        replicaPairs.add(replicaPair);
        replicas.add(new Replica(pair, map, mine, new ArrayList<>()));
      }
      options.progress().accept("seeding the replica with what the routers have (" + lab.id() + ")");
      for (int i = 0; i < count; i++) {
        Replica r = replicas.get(i);
        r.notes().addAll(lab.seed(i, replicaPairs.get(i), r.map(), r.copies()));
      }
      Provisioner replica = Provisioner.builder().inventory(new Inventory(options.inventory(), replicaPairs))
          .environment(options.environment()).listener(options.listener()).parallelism(Math.max(1, count)).build();

      options.progress().accept("planning and applying on the replica");
      Plan replicaPlan;
      ApplyReport applied;
      List<Optional<ClientPing>> pings = new ArrayList<>();
      try (EngineSession session = replica.connect()) {
        settle(session, realRoles, options).ifPresent(note -> replicas.forEach(r -> r.notes().add(note)));
        replicaPlan = session.plan();
        for (int i = 0; i < count; i++) {
          pings.add(lab.ping(i, replicaPairs.get(i)));
        }
        try {
          applied = session.apply(replicaPlan);
        } finally {
          for (Optional<ClientPing> p : pings) {
            p.ifPresent(ClientPing::stop);
          }
        }
      }
      options.progress().accept("verifying the replica with the drills (failover, reload)");
      VerifyReport verified = replica.verify(VerifyOptions.defaults().withDrills(true));

      List<RehearsalReport.PairRehearsal> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Replica r = replicas.get(i);
        results.add(RehearsalReport.PairRehearsal.of(r.pair().name(), r.map(), r.copies(),
            realPlan.pair(r.pair().name()), replicaPlan.pair(r.pair().name()), applied,
            pings.get(i).map(ClientPing::result), verified, realCommands, r.notes()));
      }
      return new RehearsalReport(results, lab.id(), options.keepLab() && lab.canBeKept(), real.redactor(),
          (System.nanoTime() - start) / 1_000_000);
    } finally {
      if (!options.keepLab() || !lab.canBeKept()) {
        options.progress().accept("removing the replica (" + lab.id() + ")");
      }
      lab.close();
    }
  }

  /** Pair {@code pair}'s replica inventory {@code yaml}, loaded and checked as any inventory is. */
  private static PairSpec load(Options options, PairSpec pair, String yaml) {
    return Provisioner.builder()
        .inventory(yaml, "replica of " + options.inventory().getFileName() + " (" + pair.name() + ")",
            options.inventory().toAbsolutePath().getParent())
        .environment(options.environment()).build().validate().pairs().get(0);
  }

  /** Each node's VRRP role ({@code pair/node}) as the facts found it. */
  private static Map<String, VrrpRole> roles(FactsReport facts) {
    Map<String, VrrpRole> roles = new java.util.TreeMap<>();
    facts.nodes().forEach(o -> roles.put(o.key().toString(), o.facts().vrrpRole()));
    return roles;
  }

  /**
   * Waits until the replica's nodes hold the VRRP roles the real ones had (the seeded keepalived
   * has to win its elections first), so that its plan and rollout start where the real ones
   * would. Gives up after {@link #SETTLE}; the returned note then says what was still different.
   */
  private static Optional<String> settle(EngineSession session, Map<String, VrrpRole> real, Options options) {
    options.progress().accept("waiting for the replica's VRRP roles to be the real ones: " + real);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Map<String, VrrpRole> now = roles(session.facts(false));
    while (!now.equals(real) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      now = roles(session.facts(false));
    }
    return now.equals(real) ? Optional.empty() : Optional.of("the replica's VRRP roles were " + now + " after "
        + SETTLE.toSeconds() + " s, not the real routers' " + real + ": it started from another state than the real "
        + "pair would");
  }

  /** One rehearsed pair. */
  private record Replica(PairSpec pair, ReplicaMap map, List<LiveCopy> copies, List<String> notes) {}

  private static String platformOf(Inventory inventory) {
    String platform = inventory.pairs().get(0).platform();
    for (PairSpec pair : inventory.pairs()) {
      if (!NAMESPACE_PERSONALITIES.containsKey(pair.platform()) && !pair.platform().equals(SIMULATED)) {
        throw problem(inventory, pair.path() + ".platform", "pair " + pair.name() + " is a " + pair.platform()
            + " pair, and a replica stands in for " + String.join(", ", NAMESPACE_PERSONALITIES.keySet()) + " and "
            + SIMULATED + " pairs only", "rehearse the other pairs with --limit");
      }
      if (!pair.platform().equals(platform)) {
        throw problem(inventory, pair.path() + ".platform", "pairs " + inventory.pairs().get(0).name() + " and "
            + pair.name() + " are of different platforms (" + platform + ", " + pair.platform() + ")",
            "rehearse one platform at a time with --limit");
      }
    }
    return platform;
  }

  private static InventoryException problem(Inventory inventory, String key, String message, String fix) {
    String file = inventory.source() == null ? "<inventory>" : inventory.source().toString();
    return new InventoryException(List.of(new Problem(new Location(file, 0, 0), key, "rehearse.replica", message, fix)));
  }

  /**
   * The inventory with only pair {@code name}: its top-level keys ({@code version},
   * {@code defaults}) and that one pair, as YAML text, so that a pair's address map never
   * rewrites another pair's addresses.
   */
  static String pairYaml(Path inventory, String name) {
    YAMLMapper yaml = new YAMLMapper();
    try {
      JsonNode root = yaml.readTree(Files.readString(inventory));
      ObjectNode copy = ((ObjectNode) root).deepCopy();
      ArrayNode only = copy.putArray("pairs");
      for (JsonNode pair : root.path("pairs")) {
        if (name.equals(pair.path("name").asText())) {
          only.add(pair);
        }
      }
      return yaml.writeValueAsString(copy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + inventory + " again", e);
    }
  }

}
