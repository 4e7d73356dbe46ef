package io.haprovision.keepalived;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Gratuitous ARP after becoming master: {@code garp_master_delay} (seconds before the
 * second burst), {@code garp_master_repeat} (ARPs per burst), {@code garp_master_refresh}
 * (seconds between periodic repeats, 0 = off). Absent values keep keepalived's defaults.
 */
public record Garp(OptionalInt masterDelay, OptionalInt masterRepeat, OptionalInt masterRefresh) {
  /** keepalived's defaults everywhere: nothing is rendered. */
  public static final Garp DEFAULTS = new Garp(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

  /** Checks the bounds keepalived accepts. */
  public Garp {
    ConfSyntax.range(Objects.requireNonNull(masterDelay, "masterDelay"), 0, 255, "garp_master_delay");
    ConfSyntax.range(Objects.requireNonNull(masterRepeat, "masterRepeat"), 1, 255, "garp_master_repeat");
    ConfSyntax.range(Objects.requireNonNull(masterRefresh, "masterRefresh"), 0, 86_400, "garp_master_refresh");
  }
}
