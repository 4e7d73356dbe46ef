package io.haprovision.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code global_defs} block. {@code enable_script_security} and {@code script_user root}
 * are not fields: they are rendered whenever the configuration runs any script or notify
 * command (see {@link KeepalivedConf#runsScripts()}), because keepalived refuses to run
 * scripts without them.
 *
 * @param routerId {@code router_id}: the node's name
 * @param vrrpMcastGroup4 {@code vrrp_mcast_group4}: the IPv4 multicast group of the
 *     multicast instances (keepalived has one group per address family and daemon)
 * @param vrrpMcastGroup6 {@code vrrp_mcast_group6}: the same for IPv6
 * @param reloadCheckConfig {@code reload_check_config} (keepalived 2.2.0+): validate the
 *     file before acting on a reload, so a bad file never replaces a running configuration
 */
public record GlobalDefs(
    String routerId, Optional<String> vrrpMcastGroup4, Optional<String> vrrpMcastGroup6, boolean reloadCheckConfig) {
  /** Checks the router id and groups are single tokens. */
  public GlobalDefs {
    ConfSyntax.name(routerId, "router_id");
    Objects.requireNonNull(vrrpMcastGroup4, "vrrpMcastGroup4")
        .ifPresent(g -> ConfSyntax.address(g, "vrrp_mcast_group4"));
    Objects.requireNonNull(vrrpMcastGroup6, "vrrpMcastGroup6")
        .ifPresent(g -> ConfSyntax.address(g, "vrrp_mcast_group6"));
  }

  /** Only a router id: default multicast groups, no reload check. */
  public static GlobalDefs of(String routerId) {
    return new GlobalDefs(routerId, Optional.empty(), Optional.empty(), false);
  }
}
