package io.haprovision.keepalived;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One line of {@code track_interface}: {@code NAME [weight W]}. Without a weight (or
 * with 0) the interface going down puts the instance in FAULT.
 */
public record TrackInterface(String name, OptionalInt weight) {
  /** Checks the name and the weight (-254..254). */
  public TrackInterface {
    ConfSyntax.name(name, "track_interface");
    ConfSyntax.range(Objects.requireNonNull(weight, "weight"), -254, 254, "weight of track_interface " + name);
  }

  /** An unweighted tracked interface. */
  public static TrackInterface of(String name) {
    return new TrackInterface(name, OptionalInt.empty());
  }

  /** True when a failure changes the priority rather than forcing FAULT. */
  public boolean weighted() {
    return weight.isPresent() && weight.getAsInt() != 0;
  }
}
