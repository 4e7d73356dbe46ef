package io.haprovision.engine;

import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.KeepalivedProcess;
import io.haprovision.engine.probe.StateDump;
import io.haprovision.engine.probe.SystemInfo;
import io.haprovision.engine.probe.VrrpReading;
import io.haprovision.facts.NodeFacts;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one probe of a node found: the facts the planner uses, and what the node is
 * beyond them (system, keepalived process, addresses, keepalived's state dump and the VRRP
 * role read from them).
 *
 * @param key the node
 * @param target {@code user@host:port}
 * @param facts per-resource state, VRRP role and keepalived status, for the planner
 * @param system OS, package manager, init system
 * @param keepalivedProbed whether keepalived was looked at (not on a platform that runs no
 *     keepalived instance; then {@code keepalived} reads as absent)
 * @param keepalived the keepalived binary and process
 * @param addresses the addresses on each interface
 * @param stateDump keepalived's own state dump, when it runs and the dump was readable
 * @param vrrp each expected instance's role on this node
 * @param notes what a reader should know (a dump that failed, a VIP bound without keepalived)
 * @param millis how long the probe took (all its commands)
 */
public record NodeObservation(
    NodeKey key,
    String target,
    NodeFacts facts,
    SystemInfo system,
    boolean keepalivedProbed,
    KeepalivedProcess keepalived,
    AddressTable addresses,
    Optional<StateDump> stateDump,
    VrrpReading vrrp,
    List<String> notes,
    long millis) {
  /** Copies the list; rejects nulls. */
  public NodeObservation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(keepalived, "keepalived");
    Objects.requireNonNull(addresses, "addresses");
    Objects.requireNonNull(stateDump, "stateDump");
    Objects.requireNonNull(vrrp, "vrrp");
    notes = List.copyOf(notes);
  }
}
