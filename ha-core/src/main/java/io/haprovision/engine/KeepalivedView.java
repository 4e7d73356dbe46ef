package io.haprovision.engine;

import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.KeepalivedProcess;
import io.haprovision.engine.probe.StateDump;
import io.haprovision.engine.probe.VrrpReading;
import java.util.Objects;
import java.util.Optional;

/**
 * keepalived on one node at one moment, as the health gate, verify and the drills read it
 * (one command: process, addresses and, when asked, the state dump).
 *
 * @param key the node
 * @param keepalived the process
 * @param addresses the addresses on each interface
 * @param dump keepalived's state dump, when asked for, running and readable
 * @param dumpProblem why a running keepalived gave no readable dump
 * @param vrrp the role of each expected instance on this node
 */
public record KeepalivedView(
    NodeKey key, KeepalivedProcess keepalived, AddressTable addresses, Optional<StateDump> dump,
    Optional<String> dumpProblem, VrrpReading vrrp) {
  /** Rejects nulls. */
  public KeepalivedView {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keepalived, "keepalived");
    Objects.requireNonNull(addresses, "addresses");
    Objects.requireNonNull(dump, "dump");
    Objects.requireNonNull(dumpProblem, "dumpProblem");
    Objects.requireNonNull(vrrp, "vrrp");
  }
}
