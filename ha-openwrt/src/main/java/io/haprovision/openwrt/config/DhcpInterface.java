package io.haprovision.openwrt.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One interface DHCP is served on ({@code dhcp.interfaces[N]}).
 *
 * @param interfaceName the OpenWrt network ({@code lan}), written to the section's
 *     {@code interface} option
 * @param section the section's name in {@code /etc/config/dhcp} (default: the network's name)
 * @param instance the VRRP instance whose VIP clients use; empty: the instance on
 *     {@code br-NAME} or {@code NAME}
 * @param gateway the VIP handed out as router (option 3); empty: the instance's first IPv4 VIP
 * @param dns the VIP handed out as DNS server (option 6); empty: the gateway
 * @param force {@code option force '1'}: serve even when another DHCP server answers (default true)
 * @param extraOptions more {@code dhcp_option} values ({@code 42,198.51.100.5}) kept after 3 and 6
 * @param path key path of the entry
 */
public record DhcpInterface(
    String interfaceName,
    String section,
    Optional<String> instance,
    Optional<String> gateway,
    Optional<String> dns,
    boolean force,
    List<String> extraOptions,
    String path) {

  /** Copies the list; rejects nulls. */
  public DhcpInterface {
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(dns, "dns");
    extraOptions = List.copyOf(extraOptions);
    Objects.requireNonNull(path, "path");
  }
}
