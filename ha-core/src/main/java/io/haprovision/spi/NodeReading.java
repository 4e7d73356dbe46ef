package io.haprovision.spi;

import io.haprovision.facts.NodeFacts;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link NodeProtocol} read on one node.
 *
 * @param facts the state of each desired resource and the node's VRRP role, for the planner
 * @param os the system's short name ({@code routeros})
 * @param osVersion its version as the node prints it
 * @param osName one human line ({@code RouterOS 7.12.1 (stable) on CCR2004-16G-2S+})
 * @param hostname the node's own name for itself (identity, hostname)
 * @param refusal why ha-provision must not change this node (a version outside the supported
 *     list, the wrong device at the address), naming the fix; empty when it may
 * @param notes what a reader of the facts should know, one line each
 * @param drained the node is drained on purpose ({@code provision action drain}) and serves
 *     nothing until undrained
 */
public record NodeReading(
    NodeFacts facts, String os, String osVersion, String osName, String hostname, Optional<String> refusal,
    List<String> notes, boolean drained) {
  /** Copies the list; rejects nulls. */
  public NodeReading {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(refusal, "refusal");
    notes = List.copyOf(notes);
  }

  /** A reading of a node that is not drained. */
  public NodeReading(NodeFacts facts, String os, String osVersion, String osName, String hostname,
      Optional<String> refusal, List<String> notes) {
    this(facts, os, osVersion, osName, hostname, refusal, notes, false);
  }
}
