package io.haprovision.facts;

import io.haprovision.resource.DigestKey;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one node has now: the state of each resource the probes looked at, the node's VRRP
 * role and keepalived's status. Immutable; build with {@link #empty} and the {@code with...}
 * methods.
 *
 * @param node the node's name in its pair
 * @param resources the probed state per resource; a resource missing here is unknown to the
 *     probes, which every core kind reads as "not there"
 * @param vrrpRole the VRRP role the node reports now
 * @param keepalived whether keepalived is installed and running
 * @param owedHandlers handlers an earlier apply changed things for but did not get to run (the
 *     node's ledger), by name
 * @param wire what each VRRP instance keepalived runs now puts on the wire, by instance name
 *     (empty when keepalived does not run or its state dump was not readable)
 */
public record NodeFacts(
    String node, Map<ResourceId, ResourceState> resources, VrrpRole vrrpRole, KeepalivedStatus keepalived,
    java.util.Set<String> owedHandlers, Map<String, VrrpWire> wire) {

  /** Copies the maps (keeping their order) and the set; rejects nulls. */
  public NodeFacts {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(vrrpRole, "vrrpRole");
    Objects.requireNonNull(keepalived, "keepalived");
    resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    owedHandlers = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(owedHandlers));
    wire = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(wire));
  }

  /** Facts without a reading of what keepalived puts on the wire. */
  public NodeFacts(String node, Map<ResourceId, ResourceState> resources, VrrpRole vrrpRole,
      KeepalivedStatus keepalived, java.util.Set<String> owedHandlers) {
    this(node, resources, vrrpRole, keepalived, owedHandlers, Map.of());
  }

  /** Facts of a node that owes no handler. */
  public NodeFacts(String node, Map<ResourceId, ResourceState> resources, VrrpRole vrrpRole,
      KeepalivedStatus keepalived) {
    this(node, resources, vrrpRole, keepalived, java.util.Set.of());
  }

  /** A node with nothing on it and no known role: used to render desired state and to plan offline. */
  public static NodeFacts empty(String node) {
    return new NodeFacts(node, Map.of(), VrrpRole.UNKNOWN, KeepalivedStatus.absent());
  }

  /** The probed state of {@code id}, empty when the probes know nothing about it. */
  public Optional<ResourceState> state(ResourceId id) {
    return Optional.ofNullable(resources.get(id));
  }

  /** The same facts with {@code id} in {@code state} (replacing any state it had). */
  public NodeFacts with(ResourceId id, ResourceState state) {
    Map<ResourceId, ResourceState> copy = new LinkedHashMap<>(resources);
    copy.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(state, "state"));
    return new NodeFacts(node, copy, vrrpRole, keepalived, owedHandlers, wire);
  }

  /** The same facts with another VRRP role. */
  public NodeFacts withVrrpRole(VrrpRole role) {
    return new NodeFacts(node, resources, role, keepalived, owedHandlers, wire);
  }

  /** The same facts with another keepalived status. */
  public NodeFacts withKeepalived(KeepalivedStatus status) {
    return new NodeFacts(node, resources, vrrpRole, status, owedHandlers, wire);
  }

  /** The same facts with these handlers owed. */
  public NodeFacts withOwedHandlers(java.util.Set<String> names) {
    return new NodeFacts(node, resources, vrrpRole, keepalived, names, wire);
  }

  /** The same facts with this reading of what keepalived puts on the wire. */
  public NodeFacts withWire(Map<String, VrrpWire> running) {
    return new NodeFacts(node, resources, vrrpRole, keepalived, owedHandlers, running);
  }

  /**
   * An HMAC-SHA256 (lowercase hex) under {@code key} over everything a plan depends on: node
   * name, role, keepalived status and every resource's {@link ResourceState#fingerprint()} in
   * id order. Fetched file content does not count (its hash does), so fetching content for a
   * diff does not change the digest. Apply compares it with fresh facts to refuse a stale plan.
   * Keyed, because fingerprints hold the hashes of sensitive files (see {@link DigestKey}).
   *
   * @param key the digest key ({@link DigestKey#local()} outside tests)
   */
  public String digest(DigestKey key) {
    StringBuilder canonical = new StringBuilder()
        .append("node=").append(node).append('\n')
        .append("vrrp_role=").append(vrrpRole).append('\n')
        .append("keepalived installed=").append(keepalived.installed())
        .append(" running=").append(keepalived.running()).append('\n');
    if (!owedHandlers.isEmpty()) {
      canonical.append("owed_handlers=").append(String.join(",", owedHandlers)).append('\n');
    }
    wire.forEach((name, w) -> canonical.append("wire ").append(name).append(' ').append(w.fingerprint()).append('\n'));
    resources.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(ResourceId::kind).thenComparing(ResourceId::key)))
        .forEach(e -> canonical.append(e.getKey()).append('=').append(e.getValue().fingerprint()).append('\n'));
    return key.digest(canonical.toString());
  }
}
