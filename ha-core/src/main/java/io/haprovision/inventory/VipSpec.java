package io.haprovision.inventory;

import java.util.Optional;

/**
 * A virtual IP address with its prefix (always given: a VIP without one becomes a /32
 * and adds no route), optionally on another {@code device} than the instance's
 * interface and with a {@code label}.
 */
public record VipSpec(String address, int prefix, Optional<String> device, Optional<String> label, String path) {
  /** {@code address/prefix}. */
  public String cidr() {
    return address + "/" + prefix;
  }
}
