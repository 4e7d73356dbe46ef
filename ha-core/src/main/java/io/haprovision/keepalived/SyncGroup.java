package io.haprovision.keepalived;

import io.haprovision.error.InternalException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A {@code vrrp_sync_group}: instances that change state together. keepalived 2.2.x
 * refuses ({@code -t} exit 5) a group of fewer than two instances, so this model does too.
 *
 * @param name the group's name
 * @param instances names of its instances, at least two, each defined in the same file
 * @param trackScripts names of {@code vrrp_script}s the whole group tracks
 * @param notifyCommands commands run on the group's state changes
 */
public record SyncGroup(String name, List<String> instances, List<String> trackScripts, Notify notifyCommands) {
  /** Checks names and that the group has two or more distinct instances; copies the lists. */
  public SyncGroup {
    ConfSyntax.name(name, "vrrp_sync_group name");
    instances = ConfSyntax.names(instances, "instance of vrrp_sync_group " + name);
    trackScripts = ConfSyntax.names(trackScripts, "track_script of vrrp_sync_group " + name);
    Objects.requireNonNull(notifyCommands, "notifyCommands");
    if (instances.size() < 2) {
      throw new InternalException("keepalived.conf: vrrp_sync_group " + name + " has "
          + instances.size() + " instance(s); keepalived refuses groups of fewer than 2"
          + " (leave the sync group out for a single instance)");
    }
    if (new HashSet<>(instances).size() != instances.size()) {
      throw new InternalException("keepalived.conf: vrrp_sync_group " + name + " lists an instance twice: " + instances);
    }
  }
}
