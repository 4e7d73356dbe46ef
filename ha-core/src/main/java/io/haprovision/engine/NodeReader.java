package io.haprovision.engine;

import io.haprovision.engine.driver.Drivers;
import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.Framing;
import io.haprovision.engine.probe.KeepalivedProcess;
import io.haprovision.engine.probe.NodeProbes;
import io.haprovision.engine.probe.ProbeSection;
import io.haprovision.engine.probe.StateDump;
import io.haprovision.engine.probe.SystemInfo;
import io.haprovision.engine.probe.VrrpReading;
import io.haprovision.facts.KeepalivedStatus;
import io.haprovision.facts.NodeFacts;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads nodes: builds the framed probe script, runs it in one command and parses each
 * section. Facts of a node cost one command, plus one more only when some resource wants a
 * detail (a file's content for a diff).
 */
public final class NodeReader {
  private static final Logger LOG = LoggerFactory.getLogger(NodeReader.class);

  private final Supplier<String> nonces;
  private final EngineClock clock;

  /** A reader using {@code nonces} for frame markers and {@code clock} for timings. */
  public NodeReader(Supplier<String> nonces, EngineClock clock) {
    this.nonces = nonces;
    this.clock = clock;
  }

  /**
   * Everything the planner and the reports need about {@code desired}'s node: the node-level
   * probes and one probe per desired resource.
   *
   * @param fetchDetails also run the drivers' detail probes (file content for diffs) where
   *     they ask for one, in a second command
   */
  public NodeObservation observe(NodeKey key, Connection connection, DesiredNode desired, Drivers drivers,
      VrrpExpectations expectations, KeepalivedControl control, boolean fetchDetails) {
    return observe(key, connection, desired, drivers, expectations, control, fetchDetails, null);
  }

  /**
   * {@link #observe(NodeKey, Connection, DesiredNode, Drivers, VrrpExpectations, KeepalivedControl, boolean)},
   * also reading the handlers the node is owed from the ledger at {@code ledger} (none: null).
   */
  public NodeObservation observe(NodeKey key, Connection connection, DesiredNode desired, Drivers drivers,
      VrrpExpectations expectations, KeepalivedControl control, boolean fetchDetails, String ledger) {
    return observe(key, connection, desired, drivers, expectations, control, fetchDetails, ledger, null);
  }

  /** The same, also reporting a pair lock held at {@code lock} (none: null) as a note. */
  public NodeObservation observe(NodeKey key, Connection connection, DesiredNode desired, Drivers drivers,
      VrrpExpectations expectations, KeepalivedControl control, boolean fetchDetails, String ledger, String lock) {
    return observe(key, connection, desired, drivers, expectations, control, fetchDetails, ledger, lock, null);
  }

  /**
   * The same, also reporting as a note a revert of an earlier run still armed in
   * {@code revert}, the node's revert directory ({@link ShellRevert}; none: null).
   */
  public NodeObservation observe(NodeKey key, Connection connection, DesiredNode desired, Drivers drivers,
      VrrpExpectations expectations, KeepalivedControl control, boolean fetchDetails, String ledger, String lock,
      String revert) {
    long start = clock.nanoTime();
    List<ProbeSection> sections = new ArrayList<>();
    sections.add(NodeProbes.system());
    // A platform without keepalived instances gets no keepalived probes: nothing would read
    // them, and a keepalived that is none of its business must not change its facts.
    boolean keepalivedWanted = !expectations.isEmpty();
    if (keepalivedWanted) {
      sections.add(NodeProbes.keepalived(control));
    }
    sections.add(NodeProbes.addresses());
    if (keepalivedWanted) {
      sections.add(NodeProbes.stateDump(control));
    }
    if (ledger != null) {
      sections.add(HandlerLedger.probe(ledger));
    }
    if (lock != null) {
      sections.add(new ProbeSection("lock", "cat " + io.haprovision.transport.ShellQuote.quote(lock)
          + " 2>/dev/null; exit 0\n"));
    }
    if (revert != null) {
      sections.add(new ProbeSection("revert", ShellRevert.status(revert)));
    }
    List<Resource> resources = desired.resources();
    // Resources whose drivers read the same thing (every UCI option of one config reads that
    // config) share one section: it runs once, and each parses its part.
    Map<String, String> sectionOfProbe = new LinkedHashMap<>();
    List<String> sectionOf = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      String probe = probeOf(drivers, resources.get(i));
      String id = sectionOfProbe.get(probe);
      if (id == null) {
        id = "r" + i;
        sectionOfProbe.put(probe, id);
        sections.add(new ProbeSection(id, probe));
      }
      sectionOf.add(id);
    }
    Map<String, ProbeOutput> out = run(connection,
        keepalivedWanted ? NodeProbes.keepalivedPreamble(control) : NodeProbes.preamble(control), sections);

    SystemInfo system = NodeProbes.parseSystem(out.get(NodeProbes.SYSTEM));
    KeepalivedProcess keepalived = keepalivedWanted
        ? NodeProbes.parseKeepalived(out.get(NodeProbes.KEEPALIVED)) : KeepalivedProcess.absent();
    AddressTable addresses = NodeProbes.parseAddresses(out.get(NodeProbes.ADDRESSES));
    NodeProbes.DumpResult dump = keepalivedWanted
        ? NodeProbes.parseStateDump(out.get(NodeProbes.STATE_DUMP))
        : new NodeProbes.DumpResult(Optional.empty(), Optional.empty());

    Map<ResourceId, ResourceState> states = new LinkedHashMap<>();
    List<ResourceState> byIndex = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      ResourceState state = parseOf(drivers, resources.get(i), out.get(sectionOf.get(i)));
      byIndex.add(state);
      states.put(resources.get(i).id(), state);
    }
    if (fetchDetails) {
      List<ProbeSection> details = new ArrayList<>();
      for (int i = 0; i < resources.size(); i++) {
        Optional<String> detail = detailOf(drivers, resources.get(i), byIndex.get(i));
        if (detail.isPresent()) {
          details.add(new ProbeSection("d" + i, detail.get()));
        }
      }
      if (!details.isEmpty()) {
        Map<String, ProbeOutput> more = run(connection, "", details);
        for (ProbeSection s : details) {
          int i = Integer.parseInt(s.id().substring(1));
          states.put(resources.get(i).id(), parseDetailOf(drivers, resources.get(i), byIndex.get(i), more.get(s.id())));
        }
      }
    }
    VrrpReading vrrp = VrrpReading.read(key.node(), expectations, keepalived, addresses, dump.dump());
    List<String> notes = new ArrayList<>();
    if (lock != null && out.get("lock") != null && !out.get("lock").stdout().isBlank()) {
      notes.add("the pair is locked: " + PairLock.describe(PairLock.fields(out.get("lock").stdout())) + " holds "
          + lock);
    }
    if (revert != null && out.get("revert") != null) {
      ShellRevert.armedNote(key.node(), revert, out.get("revert").stdout()).ifPresent(notes::add);
    }
    dump.problem().ifPresent(notes::add);
    notes.addAll(vrrp.conflicts());
    NodeFacts facts = new NodeFacts(key.node(), states, vrrp.role(),
        new KeepalivedStatus(keepalived.installed(), keepalived.running()),
        ledger == null ? java.util.Set.of() : HandlerLedger.parse(out.get(HandlerLedger.SECTION)),
        wires(expectations, keepalived, dump.dump()));
    return new NodeObservation(key, connection.target(), facts, system, keepalivedWanted, keepalived, addresses,
        dump.dump(), vrrp, notes, clock.millisSince(start));
  }

  /**
   * What each expected instance keepalived runs puts on the wire: from the state dump, with
   * unicast from the file the daemon was started with. Empty when keepalived does not run or
   * gave no dump.
   */
  static Map<String, io.haprovision.facts.VrrpWire> wires(VrrpExpectations expectations, KeepalivedProcess process,
      Optional<StateDump> dump) {
    Map<String, io.haprovision.facts.VrrpWire> out = new LinkedHashMap<>();
    if (!process.running() || dump.isEmpty()) {
      return out;
    }
    for (VrrpExpectations.Instance i : expectations.instances()) {
      dump.get().instance(i.name()).ifPresent(s -> out.put(i.name(), s.wire(process.unicastOf(i.name()))));
    }
    return out;
  }

  /** keepalived on {@code key}'s node now: process, addresses and, if {@code withDump}, the state dump. */
  public KeepalivedView keepalived(NodeKey key, Connection connection, VrrpExpectations expectations,
      KeepalivedControl control, boolean withDump) {
    List<ProbeSection> sections = new ArrayList<>();
    sections.add(NodeProbes.keepalived(control));
    sections.add(NodeProbes.addresses());
    if (withDump) {
      sections.add(NodeProbes.stateDump(control));
    }
    Map<String, ProbeOutput> out = run(connection, NodeProbes.keepalivedPreamble(control), sections);
    KeepalivedProcess keepalived = NodeProbes.parseKeepalived(out.get(NodeProbes.KEEPALIVED));
    AddressTable addresses = NodeProbes.parseAddresses(out.get(NodeProbes.ADDRESSES));
    NodeProbes.DumpResult dump = withDump
        ? NodeProbes.parseStateDump(out.get(NodeProbes.STATE_DUMP))
        : new NodeProbes.DumpResult(Optional.empty(), Optional.empty());
    Optional<StateDump> d = dump.dump();
    return new KeepalivedView(key, keepalived, addresses, d, dump.problem(),
        VrrpReading.read(key.node(), expectations, keepalived, addresses, d));
  }

  /** Only the addresses bound on the node now: the cheapest read, for polling in drills. */
  public AddressTable addresses(Connection connection) {
    Map<String, ProbeOutput> out = run(connection, "", List.of(NodeProbes.addresses()));
    return NodeProbes.parseAddresses(out.get(NodeProbes.ADDRESSES));
  }

  /** Runs framed sections in one command and cuts the output apart. */
  Map<String, ProbeOutput> run(Connection connection, String preamble, List<ProbeSection> sections) {
    String nonce = nonces.get();
    String script = Framing.script(nonce, preamble, sections);
    ExecResult result = connection.exec(Framing.COMMAND, script.getBytes(StandardCharsets.UTF_8));
    LOG.debug("{}: probe of {} sections, exec #{}", connection.target(), sections.size(), connection.execCount());
    return Framing.parse(nonce, connection.target(), sections.stream().map(ProbeSection::id).toList(), result);
  }

  // The drivers are typed by resource class; the registry guarantees the match.
  private static <R extends Resource> String probeOf(Drivers drivers, R resource) {
    ResourceDriver<R> d = drivers.of(resource);
    return d.probe(resource);
  }

  private static <R extends Resource> ResourceState parseOf(Drivers drivers, R resource, ProbeOutput out) {
    ResourceDriver<R> d = drivers.of(resource);
    return d.parse(resource, out);
  }

  private static <R extends Resource> Optional<String> detailOf(Drivers drivers, R resource, ResourceState state) {
    ResourceDriver<R> d = drivers.of(resource);
    return d.detailProbe(resource, state);
  }

  private static <R extends Resource> ResourceState parseDetailOf(Drivers drivers, R resource, ResourceState state,
      ProbeOutput out) {
    ResourceDriver<R> d = drivers.of(resource);
    return d.parseDetail(resource, state, out);
  }
}
