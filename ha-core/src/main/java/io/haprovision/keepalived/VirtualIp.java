package io.haprovision.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code virtual_ipaddress}: {@code ADDRESS/PREFIX [dev DEVICE] [label LABEL]}.
 *
 * @param address with prefix length (without one keepalived uses /32 and adds no route)
 * @param device the interface, when not the instance's own
 * @param label an address label such as {@code br-lan:dns}
 */
public record VirtualIp(String address, Optional<String> device, Optional<String> label) {
  /** Checks address, device and label are single tokens. */
  public VirtualIp {
    ConfSyntax.address(address, "virtual_ipaddress");
    Objects.requireNonNull(device, "device").ifPresent(d -> ConfSyntax.name(d, "dev of virtual_ipaddress " + address));
    Objects.requireNonNull(label, "label").ifPresent(l -> ConfSyntax.name(l, "label of virtual_ipaddress " + address));
  }

  /** An address on the instance's own interface, without label. */
  public static VirtualIp of(String address) {
    return new VirtualIp(address, Optional.empty(), Optional.empty());
  }
}
