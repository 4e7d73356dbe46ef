package io.haprovision.inventory;

import java.util.Optional;

/** An interface whose failure lowers the priority by {@code weight}, or faults the instance without one. */
public record TrackInterfaceSpec(String interfaceName, Optional<Integer> weight) {}
