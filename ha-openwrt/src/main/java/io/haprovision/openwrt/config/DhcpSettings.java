package io.haprovision.openwrt.config;

import java.util.List;
import java.util.Objects;

/**
 * DHCP served by dnsmasq on the MASTER only ({@code dhcp:}): the role hook turns serving
 * on and off; ha-provision sets the gateway and DNS options to the VIP, the static leases
 * and the lease sync.
 *
 * @param interfaces the interfaces DHCP is served on; empty: DHCP is not managed
 * @param staticLeases {@code host} sections, the same on both nodes
 * @param leaseSync pushing the lease file from the MASTER to the peer
 * @param path key path of the section
 */
public record DhcpSettings(
    List<DhcpInterface> interfaces, List<StaticLease> staticLeases, LeaseSyncSettings leaseSync, String path) {

  /** Copies the lists; rejects nulls. */
  public DhcpSettings {
    interfaces = List.copyOf(interfaces);
    staticLeases = List.copyOf(staticLeases);
    Objects.requireNonNull(leaseSync, "leaseSync");
    Objects.requireNonNull(path, "path");
  }

  /** DHCP not managed. */
  public static DhcpSettings none(String path) {
    return new DhcpSettings(List.of(), List.of(), LeaseSyncSettings.disabled(path + ".lease_sync"), path);
  }

  /** True when ha-provision manages DHCP on at least one interface. */
  public boolean managed() {
    return !interfaces.isEmpty();
  }
}
