package io.haprovision.inventory;

import java.util.Optional;

/** Gratuitous ARP tuning of an instance ({@code garp_master_*}); empty means keepalived's default. */
public record GarpSpec(Optional<Integer> masterDelay, Optional<Integer> masterRepeat, Optional<Integer> masterRefresh) {
  /** No tuning: keepalived's defaults. */
  public static GarpSpec none() {
    return new GarpSpec(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
