package io.haprovision.inventory;

import java.util.List;

/** A {@code vrrp_sync_group}: instances that change state together (always two or more). */
public record SyncGroupSpec(String name, List<String> instances, List<String> trackScripts, NotifySpec notifications, String path) {
  /** Copies the lists. */
  public SyncGroupSpec {
    instances = List.copyOf(instances);
    trackScripts = List.copyOf(trackScripts);
  }
}
