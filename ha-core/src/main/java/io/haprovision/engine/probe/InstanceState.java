package io.haprovision.engine.probe;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One VRRP instance as keepalived's own state dump reports it.
 *
 * @param name the instance name
 * @param state {@code MASTER}, {@code BACKUP}, {@code FAULT}, {@code INIT} or {@code STOP}
 * @param interfaceName the interface it runs on
 * @param virtualRouterId its VRID
 * @param basePriority the configured priority
 * @param effectivePriority the priority after track weights
 * @param advertInt the advert interval in seconds
 * @param version the VRRP version (2 or 3), 0 when the dump does not say
 * @param vips the virtual addresses as the dump prints them ({@code 192.0.2.254/24 dev lan ...})
 * @param becameMaster how often it became MASTER (JSON dump only)
 * @param releasedMaster how often it gave MASTER up (JSON dump only)
 */
public record InstanceState(
    String name,
    String state,
    String interfaceName,
    int virtualRouterId,
    int basePriority,
    int effectivePriority,
    BigDecimal advertInt,
    int version,
    List<String> vips,
    OptionalLong becameMaster,
    OptionalLong releasedMaster) {

  /** Copies the list; rejects nulls. */
  public InstanceState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(advertInt, "advertInt");
    vips = List.copyOf(vips);
    Objects.requireNonNull(becameMaster, "becameMaster");
    Objects.requireNonNull(releasedMaster, "releasedMaster");
  }
}
