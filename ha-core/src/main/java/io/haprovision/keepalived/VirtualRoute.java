package io.haprovision.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code virtual_routes}: {@code TO [via GATEWAY] [dev DEVICE] [src SOURCE]},
 * a route present only while the instance is MASTER.
 */
public record VirtualRoute(String to, Optional<String> via, Optional<String> dev, Optional<String> src) {
  /** Checks every part is a single token. */
  public VirtualRoute {
    ConfSyntax.address(to, "virtual route destination");
    Objects.requireNonNull(via, "via").ifPresent(v -> ConfSyntax.address(v, "via of virtual route " + to));
    Objects.requireNonNull(dev, "dev").ifPresent(d -> ConfSyntax.name(d, "dev of virtual route " + to));
    Objects.requireNonNull(src, "src").ifPresent(s -> ConfSyntax.address(s, "src of virtual route " + to));
  }
}
