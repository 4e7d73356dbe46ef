package io.haprovision.openwrt.config;

import java.util.List;
import java.util.Objects;

/**
 * Source NAT of the LAN's forwarded traffic to a WAN VIP ({@code snat:}), as a UCI
 * {@code firewall} {@code config nat} section per source subnet. fw4 puts such rules in
 * the zone's {@code srcnat} chain ahead of the zone's masquerade, so NATed connections use
 * the VIP instead of the node's own WAN address: after a failover the upstream's replies
 * still reach whichever node holds the VIP, and the connections conntrackd handed over keep
 * working.
 *
 * @param enabled manage the SNAT sections at all (true when the key is written)
 * @param instance the VRRP instance whose first IPv4 VIP is the SNAT address
 * @param zone the fw4 zone the traffic leaves through (default {@code wan})
 * @param sources the source subnets (network form, {@code 198.51.100.0/24}); empty: the
 *     subnets of the other instances' IPv4 VIPs
 * @param path key path of the section
 */
public record SnatSettings(boolean enabled, String instance, String zone, List<String> sources, String path) {
  /** Default fw4 zone. */
  public static final String DEFAULT_ZONE = "wan";

  /** Copies the list; rejects nulls. */
  public SnatSettings {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(zone, "zone");
    sources = List.copyOf(sources);
    Objects.requireNonNull(path, "path");
  }

  /** No SNAT managed. */
  public static SnatSettings disabled(String path) {
    return new SnatSettings(false, "", DEFAULT_ZONE, List.of(), path);
  }
}
