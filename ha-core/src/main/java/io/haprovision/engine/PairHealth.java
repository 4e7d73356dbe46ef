package io.haprovision.engine;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.facts.VrrpRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One pair as {@link PairWatcher} saw it in one look: each node reached or not, and each VRRP
 * instance's role on each node, who holds its VIPs and how many masters it has (the number a
 * per-node exporter cannot see: both or none).
 *
 * @param pair the pair's name
 * @param platform its platform
 * @param at when the look ended
 * @param nodes each node, in inventory order
 * @param instances each instance of the inventory, in inventory order
 */
public record PairHealth(String pair, String platform, Instant at, List<NodeHealth> nodes,
    List<InstanceHealth> instances) {
  /** Copies the lists. */
  public PairHealth {
    Objects.requireNonNull(pair, "pair");
    nodes = List.copyOf(nodes);
    instances = List.copyOf(instances);
  }

  /**
   * One node in one look.
   *
   * @param node its name
   * @param reached the probe got an answer
   * @param probeSeconds how long the probe took, answered or not
   * @param problem why it was not reached (the transport's words, never a secret)
   * @param keepalivedRunning keepalived runs (for a platform with its own protocol: the node answered)
   * @param drained the node is drained on purpose ({@code provision action drain}): it serves
   *     nothing until undrained, and a FAULT or a missing master role there is no failure
   */
  public record NodeHealth(String node, boolean reached, double probeSeconds, Optional<String> problem,
      boolean keepalivedRunning, boolean drained) {}

  /**
   * One instance in one look.
   *
   * @param instance its name
   * @param roles its role on each reached node
   * @param masters the nodes where it is MASTER
   * @param vipHolder the node holding all its VIPs, when exactly one does (for an instance without
   *     VIPs, or a platform whose reading has none: the only MASTER)
   * @param vips how many VIPs it has
   * @param lastChange the latest change of sole MASTER this watcher saw
   */
  public record InstanceHealth(String instance, Map<String, VrrpRole> roles, List<String> masters,
      Optional<String> vipHolder, int vips, Optional<RoleChange> lastChange) {
    /** Copies the collections. */
    public InstanceHealth {
      roles = Map.copyOf(roles);
      masters = List.copyOf(masters);
    }
  }

  /**
   * The sole MASTER of an instance moved.
   *
   * @param from the old MASTER
   * @param to the new one
   * @param at the look that first saw the new one alone
   * @param seconds from the last look that saw the old one alone to {@code at}: the change took
   *     at most this long (the watch interval is its resolution)
   */
  public record RoleChange(String from, String to, Instant at, double seconds) {}

  /**
   * What a full read of one pair found, less often than the looks: the changes a plan would
   * make (drift from the inventory) and the verification checks without drills (the VIPs
   * answering from the probe host, the platform's own, such as RouterOS's standby config).
   *
   * @param pair the pair's name
   * @param at when it ended
   * @param driftChanges changes a plan would make; empty when it could not be read
   * @param checks the checks, empty when they could not run
   * @param problem why the read failed, when it did
   */
  public record Audit(String pair, Instant at, OptionalInt driftChanges, List<CheckResult> checks,
      Optional<String> problem) {
    /** Copies the list. */
    public Audit {
      checks = List.copyOf(checks);
    }
  }
}
