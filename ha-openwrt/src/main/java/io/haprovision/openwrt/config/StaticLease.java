package io.haprovision.openwrt.config;

/**
 * A static DHCP lease ({@code dhcp.static_leases[N]}), a {@code host} section in
 * {@code /etc/config/dhcp} on both nodes.
 *
 * @param name the host name (a DNS label); the section is named {@code ha_NAME}
 * @param mac the client's MAC address, upper case, colon separated
 * @param ip the IPv4 address it always gets
 * @param path key path of the entry
 */
public record StaticLease(String name, String mac, String ip, String path) {
  /** The UCI section name: {@code ha_} and the host name with {@code -} as {@code _}. */
  public String sectionName() {
    return "ha_" + name.replace('-', '_');
  }
}
