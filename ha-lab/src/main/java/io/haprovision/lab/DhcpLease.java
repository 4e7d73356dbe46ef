package io.haprovision.lab;

import java.util.List;

/**
 * A DHCP lease a pair's LAN client obtained ({@link Lab#dhcpRequest(int)}).
 *
 * @param address the leased address, without prefix
 * @param prefix  its prefix length (from the subnet mask option)
 * @param routers the routers (option 3), first one used as the default route
 * @param dns     the DNS servers (option 6)
 * @param server  the answering server's identifier (option 54): the address of the
 *                node whose dnsmasq handed out the lease
 */
public record DhcpLease(String address, int prefix, List<String> routers, List<String> dns, String server) {

  /** Copies the lists. */
  public DhcpLease {
    routers = List.copyOf(routers);
    dns = List.copyOf(dns);
  }

  /** The first router, or an empty string when the lease named none. */
  public String router() {
    return routers.isEmpty() ? "" : routers.get(0);
  }
}
