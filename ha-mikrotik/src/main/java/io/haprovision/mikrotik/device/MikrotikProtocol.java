package io.haprovision.mikrotik.device;

import io.haprovision.engine.GateResult;
import io.haprovision.error.TargetException;
import io.haprovision.facts.KeepalivedStatus;
import io.haprovision.facts.NodeFacts;
import io.haprovision.facts.VrrpRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.MikrotikSection;
import io.haprovision.mikrotik.RouterOsFormat;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import io.haprovision.mikrotik.routeros.RouterOsOwnedSet;
import io.haprovision.plan.Change;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.secret.Secret;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.NodeProtocol;
import io.haprovision.spi.NodeReading;
import io.haprovision.spi.PairNodes;
import io.haprovision.transport.ExecResult;
import java.time.Duration;
import java.time.LocalDateTime;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How ha-provision reads and changes the routers of one MikroTik pair: one RouterOS script per
 * read ({@link RouterScripts#read}), the version policy and the router's identity (its HA
 * port's MAC) checked on every read, the changes of a router sent as one framed script behind
 * a {@link Revert scheduled revert}, and a health gate on the pair's VRRP state. One instance
 * per pair; thread-safe.
 */
public final class MikrotikProtocol implements NodeProtocol {
  /** Time between two looks of the health gate. */
  static final Duration POLL = Duration.ofMillis(200);
  /** Looks in a row the gate's conditions must hold. */
  static final int SETTLE_POLLS = 2;

  private final PairSpec pair;
  private final MikrotikSection section;
  /** Per router, whether its last edits changed its existing heartbeat. */
  private final Map<String, Boolean> heartbeatChanged = new java.util.concurrent.ConcurrentHashMap<>();
  /** The last full read of each router, for the revert (its clock, identity, ports) and messages. */
  private final Map<String, RouterFacts> lastRead = new ConcurrentHashMap<>();
  /** When the armed revert of each router fires. */
  private final Map<String, LocalDateTime> armed = new ConcurrentHashMap<>();

  /** The protocol for {@code pair}, a MikroTik pair of a valid inventory. */
  public MikrotikProtocol(PairSpec pair) {
    this.pair = pair;
    this.section = pair.platformSection(MikrotikSection.class);
  }

  @Override
  public NodeReading read(NodeContext node, DesiredNode desired) {
    String who = "router " + node.node() + " (" + node.target() + ")";
    RouterReader.Reading reading = RouterReader.read(node.connection()::exec, section, node.target());
    if (reading.facts().isEmpty()) {
      String why = section.versionPolicy().refusal(who, reading.version())
          .orElse(who + " refused ha-provision's read script (" + reading.refusedScript() + "); nothing was changed");
      return new NodeReading(NodeFacts.empty(node.node()), "routeros", reading.version(), "RouterOS "
          + reading.version(), "", Optional.of(why), List.of());
    }
    RouterFacts facts = reading.facts().get();
    lastRead.put(node.node(), facts);
    Map<ResourceId, ResourceState> states = new LinkedHashMap<>();
    for (Resource r : desired.resources()) {
      if (r instanceof RouterOsEntry entry) {
        states.put(r.id(), EntryStates.stateOf(entry, facts, section.routerOs()));
      } else if (r instanceof RouterOsOwnedSet set) {
        states.put(r.id(), EntryStates.marked(set, facts, section.routerOs()));
      }
    }
    VrrpRole role = role(facts);
    List<String> notes = new ArrayList<>();
    notes.add("identity " + facts.identity() + ", " + section.heartbeat().name() + " " + describe(facts,
        section.heartbeat().name()) + pair.vrrp().instances().stream()
        .map(i -> ", " + i.name() + " " + describe(facts, i.name())).reduce("", String::concat));
    // The pair lock is in the export already: facts show a held one without another round trip.
    facts.export().of("/system script").stream()
        .filter(e -> PairLockRecord.name(pair.name()).equals(e.properties().get("name")))
        .findFirst().ifPresent(e -> notes.add("the pair is locked: " + PairLockRecord.describe(
            e.properties().getOrDefault("source", ""))));
    // What the heartbeat runs on the wire, when it runs: the planner compares it with the inventory's.
    Map<String, io.haprovision.facts.VrrpWire> wire = facts.vrrp(section.heartbeat().name())
        .filter(v -> !v.disabled()).map(v -> Map.of(section.heartbeat().name(), HeartbeatWire.of(v)))
        .orElse(Map.of());
    return new NodeReading(new NodeFacts(node.node(), states, role, KeepalivedStatus.absent()).withWire(wire),
        "routeros",
        facts.version(), "RouterOS " + facts.version() + " on " + facts.resource().getOrDefault("board-name", "?"),
        facts.identity(), refusal(node, who, facts), notes,
        facts.vrrp(section.heartbeat().name()).map(PrintedEntry::disabled).orElse(false));
  }

  /**
   * The router's export as the last read found it (read again when this session has not read
   * it), for {@code provision rehearse} to seed a simulated router with: first comment lines
   * naming the version ({@code # ha-provision-copy routeros VERSION}) and each ethernet port's
   * hardware address ({@code # ha-provision-copy ether NAME MAC}), then every exported command,
   * one logical line each (continuations joined). With {@code show-sensitive} on RouterOS 7, so
   * it holds secrets: the engine never prints it.
   */
  @Override
  public Optional<String> configurationCopy(NodeContext node) {
    RouterFacts facts = lastRead.get(node.node());
    if (facts == null) {
      RouterReader.Reading reading = RouterReader.read(node.connection()::exec, section, node.target());
      if (reading.facts().isEmpty()) {
        return Optional.empty();
      }
      facts = reading.facts().get();
    }
    StringBuilder s = new StringBuilder("# ha-provision-copy routeros ").append(facts.version()).append('\n');
    for (PrintedEntry port : facts.ethernet()) {
      String name = port.properties().get("default-name") != null ? port.properties().get("default-name")
          : port.properties().get("name");
      String mac = port.properties().get("orig-mac-address");
      if (name != null && mac != null) {
        s.append("# ha-provision-copy ether ").append(name).append(' ').append(mac).append('\n');
      }
    }
    facts.export().entries().forEach(e -> s.append(e.text()).append('\n'));
    return Optional.of(s.toString());
  }

  /** The router's role: its heartbeat's. */
  VrrpRole role(RouterFacts facts) {
    Optional<PrintedEntry> hb = facts.vrrp(section.heartbeat().name());
    if (hb.isEmpty() || hb.get().disabled()) {
      return VrrpRole.UNKNOWN;
    }
    return hb.get().master() ? VrrpRole.MASTER : hb.get().backup() ? VrrpRole.BACKUP : VrrpRole.UNKNOWN;
  }

  private static String describe(RouterFacts facts, String vrrp) {
    return facts.vrrp(vrrp).map(v -> v.disabled() ? "disabled" : v.master() ? "master" : v.backup() ? "backup"
        : "flags " + v.flags()).orElse("absent");
  }

  /** Why this router must not be changed: its version, the wrong router at the address, a pending revert. */
  Optional<String> refusal(NodeContext node, String who, RouterFacts facts) {
    Optional<String> version = section.versionPolicy().refusal(who, facts.version());
    if (version.isPresent()) {
      return version;
    }
    NodeSpec spec = nodeSpec(node.node());
    String port = section.haLink().interfaceName();
    String want = section.haLink().mac().of(spec.role());
    Optional<PrintedEntry> ha = facts.ethernet(port);
    if (ha.isEmpty()) {
      return Optional.of(who + " has no ethernet port " + port + " (" + section.path()
          + ".ha_link.interface); nothing was changed");
    }
    String has = ha.get().get("orig-mac-address").toUpperCase(java.util.Locale.ROOT);
    if (!has.equals(want)) {
      return Optional.of(who + " is not " + node.node() + ": its " + port + " has orig-mac-address " + has + " but "
          + section.path() + ".ha_link.mac." + spec.role().yamlName() + " says " + want
          + " (are the two routers' addresses swapped?); nothing was changed");
    }
    if (Revert.pending(facts)) {
      return Optional.of(who + " still has the scheduled revert " + Revert.NAME + " of an earlier run that did not"
          + " finish; wait until it has run (it removes itself), or remove it by hand (/system scheduler remove"
          + " [find name=" + Revert.NAME + "]) if the router is as it should be");
    }
    return Optional.empty();
  }

  /** The edits {@code changes} need on the router read as {@code current}. */
  public static List<Edit> edits(DesiredNode desired, NodeFacts current, List<Change> changes) {
    Map<ResourceId, Resource> byId = new LinkedHashMap<>();
    desired.resources().forEach(r -> byId.put(r.id(), r));
    List<Edit> edits = new ArrayList<>();
    for (Change c : changes) {
      if (byId.get(c.id()) instanceof RouterOsEntry entry) {
        EntryStates.edit(entry, current.state(c.id())).ifPresent(edits::add);
      } else if (byId.get(c.id()) instanceof RouterOsOwnedSet set) {
        edits.addAll(EntryStates.removals(set, current.state(c.id())));
      }
    }
    return edits;
  }

  @Override
  public String beforeChange(NodeContext node, DesiredNode desired, NodeReading current, List<Change> changes) {
    return arm(node, edits(desired, current.facts(), changes));
  }

  /** Schedules the revert {@code window} after the router's clock (the inventory's {@code rollout.revert_window}). */
  @Override
  public String beforeChange(NodeContext node, DesiredNode desired, NodeReading current, List<Change> changes,
      java.time.Duration window) {
    return arm(node, edits(desired, current.facts(), changes), window);
  }

  /**
   * Saves the export on the router and schedules the undo of {@code edits} ({@link Revert}),
   * from the router's last read.
   *
   * @return one line saying when the revert fires
   */
  String arm(NodeContext node, List<Edit> edits) {
    return arm(node, edits, Revert.DELAY);
  }

  /** {@link #arm(NodeContext, List)}, firing {@code delay} after the router's clock. */
  String arm(NodeContext node, List<Edit> edits, java.time.Duration delay) {
    RouterFacts before = lastRead.get(node.node());
    if (before == null || before.clock().isEmpty()) {
      throw new TargetException(TargetException.Kind.FAILED, node.target(), "cannot schedule the revert on router "
          + node.node() + ": its clock was not read; nothing was changed");
    }
    LocalDateTime fireAt = before.clock().get().plus(delay).withNano(0);
    RouterOsFormat format = before.format(section.routerOs());
    List<Edit> written = edits.stream().map(e -> e.forRouter(format)).toList();
    run(node, Revert.arm(written, before, format, fireAt), "scheduling the revert", "nothing was changed");
    armed.put(node.node(), fireAt);
    return "scheduled revert " + Revert.NAME + " armed on " + node.node() + ": fires at " + Revert.describe(fireAt)
        + " unless the router passes its health gate";
  }

  @Override
  public void apply(NodeContext node, DesiredNode desired, NodeFacts current, List<Change> changes) {
    applyEdits(node, edits(desired, current, changes));
  }

  /** Sends {@code edits} to the router as one framed script. */
  void applyEdits(NodeContext node, List<Edit> edits) {
    if (edits.isEmpty()) {
      return;
    }
    // A heartbeat that was there and changed: the gate then waits a master-down interval.
    heartbeatChanged.put(node.node(), edits.stream().anyMatch(e -> e.menu().equals("/interface vrrp")
        && e.op() == Edit.Op.SET && section.heartbeat().name().equals(e.key().get("name"))));
    String pending = Optional.ofNullable(armed.get(node.node()))
        .map(t -> "the scheduled revert " + Revert.NAME + " restores the router's earlier configuration at "
            + Revert.describe(t))
        .orElse("no revert was scheduled");
    RouterOsFormat format = Optional.ofNullable(lastRead.get(node.node())).map(f -> f.format(section.routerOs()))
        .orElse(section.format());
    List<Edit> written = edits.stream().map(e -> e.forRouter(format)).toList();
    List<String> commands = written.stream().map(Edit::command).toList();
    List<String> shown = written.stream().map(Edit::shown).toList();
    runShown(node, commands, shown, "applying " + edits.size() + " change(s)", pending);
  }

  /** Runs {@code commands} as one framed script; a failure names the router, the command and RouterOS's message. */
  void run(NodeContext node, List<String> commands, String what, String after) {
    runShown(node, commands, commands, what, after);
  }

  private void runShown(NodeContext node, List<String> commands, List<String> shown, String what, String after) {
    ExecResult r;
    try {
      r = node.connection().exec(RouterScripts.changes(commands));
    } catch (TargetException e) {
      throw new TargetException(e.kind(), node.target(), "router " + node.node() + ": " + what
          + " was cut off (" + stripTarget(e) + "); " + after, e);
    }
    Optional<RouterScripts.Failure> f = RouterScripts.failure(r.stdout() + r.stderr(), commands);
    if (f.isEmpty()) {
      return;
    }
    RouterScripts.Failure failure = f.get();
    String command = failure.index() >= 0 && failure.index() < shown.size() ? shown.get(failure.index()) : "(unknown)";
    String where = failure.index() >= 0 ? " command " + (failure.index() + 1) + " of " + commands.size() : "";
    String state = failure.nothingRan() ? "RouterOS refused the whole script, so nothing of it ran"
        : failure.index() > 0 ? "the " + failure.index() + " command(s) before it were applied; " + after
        : "nothing of it was applied";
    throw new TargetException(TargetException.Kind.FAILED, node.target(), "router " + node.node() + ": " + what
        + " failed at" + where + " `" + mask(command) + "`: RouterOS says \"" + failure.message() + "\"; " + state);
  }

  private String mask(String text) {
    String out = text;
    for (var instance : pair.vrrp().instances()) {
      for (var settings : List.of(instance.nodes().of(io.haprovision.inventory.NodeRole.PRIMARY),
          instance.nodes().of(io.haprovision.inventory.NodeRole.SECONDARY))) {
        if (settings.auth().value().isPresent()) {
          Secret s = settings.auth().value().get().password();
          if (!s.reveal().isEmpty()) {
            out = out.replace(s.reveal(), Secret.MASK);
          }
        }
      }
    }
    return out;
  }

  private static String stripTarget(TargetException e) {
    String m = String.valueOf(e.getMessage());
    return m.startsWith(e.target() + ": ") ? m.substring(e.target().length() + 2) : m;
  }

  /** Holds a router out by disabling its heartbeat: it keeps its standby role and ports and cannot become ACTIVE. */
  @Override
  public Optional<io.haprovision.spi.VrrpHold> vrrpHold() {
    String hb = RouterOsSyntax.value(section.heartbeat().name());
    return Optional.of(new io.haprovision.spi.VrrpHold() {
      @Override
      public void holdOut(NodeContext node) {
        run(node, List.of("/interface vrrp disable [find name=" + hb + "]"), "holding the heartbeat disabled",
            "nothing was changed");
      }

      @Override
      public void letBackIn(NodeContext node) {
        run(node, List.of("/interface vrrp enable [find name=" + hb + "]"), "enabling the heartbeat again",
            "enable it by hand: /interface vrrp enable [find name=" + hb + "]");
      }
    });
  }

  @Override
  public GateResult awaitHealthy(PairNodes nodes, String touched, Optional<Duration> timeout) {
    return awaitHealthy(nodes, touched, timeout, java.util.Set.of());
  }

  @Override
  public GateResult awaitHealthy(PairNodes nodes, String touched, Optional<Duration> timeout,
      java.util.Set<String> outOfVrrp) {
    long start = System.nanoTime();
    Duration limit = timeout.orElse(defaultGateTimeout());
    int held = 0;
    int polls = 0;
    // After a change of the heartbeat, a STANDBY that no longer hears the ACTIVE router takes
    // over only after its master-down interval: the gate passes no sooner (3 intervals + skew).
    long minMillis = Boolean.TRUE.equals(heartbeatChanged.remove(touched))
        ? section.heartbeat().interval().multiply(java.math.BigDecimal.valueOf(4000)).longValue() : 0;
    int splitBrain = 0;
    long splitSince = -1;
    List<String> last = List.of();
    while (true) {
      Map<String, RouterFacts> routers = new LinkedHashMap<>();
      for (NodeSpec n : pair.nodes()) {
        NodeContext c = nodes.node(n.name());
        routers.put(n.name(), RouterReader.roles(c.connection()::exec, c.target()));
      }
      polls++;
      List<String> problems = new ArrayList<>(PairHealth.gate(pair, section, routers, touched));
      // A router held out of VRRP on purpose (outOfVrrp, or drained) has a disabled heartbeat:
      // PairHealth takes that as no problem while the other router is master.
      long millis = (System.nanoTime() - start) / 1_000_000;
      // Both routers ACTIVE on three looks in a row, for two heartbeat intervals, is split brain,
      // not an election under way (a preempting router and the one it replaces overlap for up to
      // one interval).
      boolean both = problems.stream().anyMatch(p -> p.endsWith("(split brain)"));
      splitBrain = both ? splitBrain + 1 : 0;
      splitSince = both ? (splitBrain == 1 ? millis : splitSince) : -1;
      long overlap = section.heartbeat().interval().multiply(java.math.BigDecimal.valueOf(2000)).longValue();
      if (splitBrain >= 3 && millis - splitSince >= overlap) {
        return new GateResult(GateResult.Status.FAILED, "split brain after " + touched + " was changed: "
            + String.join("; ", problems) + Optional.ofNullable(armed.get(touched)).map(t -> "; the scheduled revert "
                + Revert.NAME + " on " + touched + " restores its earlier configuration at " + Revert.describe(t))
            .orElse(""), problems, millis, polls);
      }
      if (problems.isEmpty()) {
        if (++held >= SETTLE_POLLS && millis >= minMillis) {
          return new GateResult(GateResult.Status.PASSED, summary(routers), List.of(), millis, polls);
        }
      } else {
        held = 0;
        last = problems;
      }
      if (millis >= limit.toMillis()) {
        return new GateResult(GateResult.Status.FAILED, "the pair was not healthy within " + limit.toSeconds()
            + " s after " + touched + " was changed: " + String.join("; ", last)
            + Optional.ofNullable(armed.get(touched)).map(t -> "; the scheduled revert " + Revert.NAME + " on " + touched
                + " restores its earlier configuration at " + Revert.describe(t)).orElse(""), last, millis, polls);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new GateResult(GateResult.Status.FAILED, "interrupted", List.of("interrupted"), millis, polls);
      }
    }
  }

  private Duration defaultGateTimeout() {
    long advert = section.heartbeat().interval().multiply(java.math.BigDecimal.valueOf(1000)).longValue();
    return Duration.ofMillis(Math.max(15_000, advert * 6 + 5_000));
  }

  private String summary(Map<String, RouterFacts> routers) {
    List<String> parts = new ArrayList<>();
    routers.forEach((name, f) -> parts.add(name + " " + describe(f, section.heartbeat().name())));
    return section.heartbeat().name() + ": " + String.join(", ", parts);
  }

  @Override
  public String afterHealthy(NodeContext node) {
    if (armed.remove(node.node()) == null) {
      return "";
    }
    run(node, Revert.disarm(), "removing the scheduled revert", "remove " + Revert.NAME
        + " from /system scheduler and /system script by hand before it fires, or it undoes the change");
    return "scheduled revert removed from " + node.node() + ": the change stays";
  }

  /** The inventory's node named {@code name}. */
  NodeSpec nodeSpec(String name) {
    return pair.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  /** The pair's section. */
  MikrotikSection section() {
    return section;
  }

  /** The pair. */
  PairSpec pair() {
    return pair;
  }

  /** The last full read of {@code node}, if any. */
  Optional<RouterFacts> lastRead(String node) {
    return Optional.ofNullable(lastRead.get(node));
  }

  /** The lock is a {@code /system script} ({@link PairLockRecord}). */
  @Override
  public Optional<io.haprovision.spi.PairLockRecords> pairLock() {
    return Optional.of(PairLockRecord.RECORDS);
  }
}
