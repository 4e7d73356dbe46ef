package io.haprovision.keepalived;

import io.haprovision.error.InternalException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One node's whole keepalived.conf, independent of the inventory and of the platform.
 * Render it with {@link KeepalivedRenderer#render(KeepalivedConf)}.
 *
 * <p>The constructor checks the references between blocks: every tracked script is
 * defined, names are unique, sync group members exist, and no member of a sync group
 * tracks with a weight (keepalived 2.2.x ignores such weights with a warning, which fails
 * {@code keepalived -t}).
 *
 * @param globalDefs the {@code global_defs} block
 * @param scripts {@code vrrp_script} blocks
 * @param instances {@code vrrp_instance} blocks, at least one
 * @param syncGroup the {@code vrrp_sync_group}, if any
 * @param drainFile the file every instance tracks so the node can be drained, if any
 *     ({@link DrainFile}); the sync group then allows its weight
 */
public record KeepalivedConf(
    GlobalDefs globalDefs, List<VrrpScript> scripts, List<VrrpInstance> instances, Optional<SyncGroup> syncGroup,
    Optional<DrainFile> drainFile) {
  /** Checks the references between blocks; copies the lists. */
  public KeepalivedConf {
    Objects.requireNonNull(globalDefs, "globalDefs");
    Objects.requireNonNull(drainFile, "drainFile");
    scripts = List.copyOf(scripts);
    instances = List.copyOf(instances);
    Objects.requireNonNull(syncGroup, "syncGroup");
    if (instances.isEmpty()) {
      throw new InternalException("keepalived.conf for " + globalDefs.routerId() + " has no vrrp_instance");
    }
    Set<String> scriptNames = unique(scripts.stream().map(VrrpScript::name).toList(), "vrrp_script");
    Set<String> instanceNames = unique(instances.stream().map(VrrpInstance::name).toList(), "vrrp_instance");
    unique(instances.stream().map(i -> i.interfaceName() + " vrid " + i.virtualRouterId()).toList(),
        "interface and virtual_router_id");
    for (VrrpInstance instance : instances) {
      requireDefined(globalDefs.routerId(), scriptNames, instance.trackScripts(), "vrrp_instance " + instance.name());
    }
    if (syncGroup.isPresent()) {
      SyncGroup group = syncGroup.get();
      requireDefined(globalDefs.routerId(), scriptNames, group.trackScripts(), "vrrp_sync_group " + group.name());
      for (String member : group.instances()) {
        if (!instanceNames.contains(member)) {
          throw new InternalException("keepalived.conf for " + globalDefs.routerId() + ": vrrp_sync_group "
              + group.name() + " names instance " + member + ", which is not defined (have " + instanceNames + ")");
        }
      }
      for (VrrpInstance instance : instances) {
        if (group.instances().contains(instance.name())) {
          refuseWeightsInSyncGroup(instance, group, scripts);
        }
      }
    }
  }

  /** A file without a drain file. */
  public KeepalivedConf(
      GlobalDefs globalDefs, List<VrrpScript> scripts, List<VrrpInstance> instances, Optional<SyncGroup> syncGroup) {
    this(globalDefs, scripts, instances, syncGroup, Optional.empty());
  }

  private static Set<String> unique(List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new InternalException("keepalived.conf: two " + what + " blocks share " + name);
      }
    }
    return seen;
  }

  private static void requireDefined(String routerId, Set<String> scriptNames, List<String> tracked, String where) {
    for (String name : tracked) {
      if (!scriptNames.contains(name)) {
        throw new InternalException("keepalived.conf for " + routerId + ": " + where
            + " tracks script " + name + ", which is not defined (have " + scriptNames + ")");
      }
    }
  }

  private static void refuseWeightsInSyncGroup(VrrpInstance instance, SyncGroup group, List<VrrpScript> scripts) {
    String weightedInterfaces = instance.trackInterfaces().stream().filter(TrackInterface::weighted)
        .map(TrackInterface::name).collect(Collectors.joining(", "));
    String weightedScripts = scripts.stream()
        .filter(s -> instance.trackScripts().contains(s.name()) && s.weighted())
        .map(VrrpScript::name).collect(Collectors.joining(", "));
    if (!weightedInterfaces.isEmpty() || !weightedScripts.isEmpty()) {
      throw new InternalException("keepalived.conf: vrrp_instance " + instance.name() + " is in vrrp_sync_group "
          + group.name() + " but tracks with a weight (" + weightedInterfaces
          + (weightedInterfaces.isEmpty() || weightedScripts.isEmpty() ? "" : ", ") + weightedScripts
          + "); keepalived ignores weights inside a sync group: track without weight, or on the group");
    }
  }

  /** True when the file holds a secret (any authentication block): install it 0600, never diff it. */
  public boolean holdsSecret() {
    return instances.stream().anyMatch(i -> i.authentication().isPresent());
  }

  /**
   * True when keepalived will run any command (track script or notify), which requires
   * {@code enable_script_security} and {@code script_user} in {@code global_defs}.
   */
  public boolean runsScripts() {
    return !scripts.isEmpty()
        || instances.stream().anyMatch(VrrpInstance::runsScripts)
        || syncGroup.map(g -> g.notifyCommands().any()).orElse(false);
  }
}
