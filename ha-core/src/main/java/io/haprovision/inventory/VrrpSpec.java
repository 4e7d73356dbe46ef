package io.haprovision.inventory;

import java.util.List;
import java.util.Optional;

/** The VRRP setup of a pair: its instances, the track scripts they use, an optional sync group. */
public record VrrpSpec(List<VrrpInstanceSpec> instances, List<TrackScriptSpec> trackScripts, Optional<SyncGroupSpec> syncGroup) {
  /** Copies the lists. */
  public VrrpSpec {
    instances = List.copyOf(instances);
    trackScripts = List.copyOf(trackScripts);
  }

  /** The instance with this name, if any. */
  public Optional<VrrpInstanceSpec> instance(String name) {
    return instances.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** The track script with this name, if any. */
  public Optional<TrackScriptSpec> trackScript(String name) {
    return trackScripts.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
