package io.haprovision.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel settings the lab writes inside each of its network namespaces before it
 * creates a link there, so that no result depends on the host's own defaults. A new
 * network namespace copies the host's IPv4 {@code all} and {@code default} settings
 * ({@code net.core.devconf_inherit_init_net} 0, the kernel default; 1 and 3 copy IPv6
 * too), and bridge netfilter starts switched on in every namespace, whatever the host
 * set for itself. The package documentation lists each setting with its reason.
 */
public final class NamespaceSettings {
  private NamespaceSettings() {}

  private static final String INHERITED = "a new namespace copies this from the host";

  /** Every lab namespace: IPv4 behaviour the lab's results rest on, and no IPv6 on its links. */
  static List<Sysctl> common() {
    return List.of(
        Sysctl.of("net.ipv4.conf.all.rp_filter", "0", "reverse-path filtering off (the kernel's default; "
            + INHERITED + "): after a failover the VIP's replies and the flows the new master took over "
            + "arrive where a strict filter drops them"),
        Sysctl.of("net.ipv4.conf.default.rp_filter", "0", "likewise for every link created afterwards"),
        Sysctl.of("net.ipv4.conf.all.arp_ignore", "0", "answer ARP for any local address (the kernel's "
            + "default; " + INHERITED + "): who answers for a VIP decides where the LAN sends"),
        Sysctl.of("net.ipv4.conf.default.arp_ignore", "0", "likewise for every link created afterwards"),
        Sysctl.of("net.ipv4.conf.all.arp_announce", "0", "ARP source address choice (kernel default; "
            + INHERITED + ")"),
        Sysctl.of("net.ipv4.conf.default.arp_announce", "0", "likewise for every link created afterwards"),
        Sysctl.of("net.ipv6.conf.default.disable_ipv6", "1", "the lab speaks IPv4 only: without IPv6 its "
            + "links send no duplicate address detection, router solicitations or MLD reports, whose "
            + "timing, and whether they happen at all, follow the host's IPv6 settings "
            + "(devconf_inherit_init_net 1 or 3); loopback keeps ::1"));
  }

  /**
   * The switch namespace: its bridges are plain wires. Bridge netfilter (built into many
   * kernels, such as this project's 6.18 machines, {@code CONFIG_BRIDGE_NETFILTER=y}) is on
   * in every new namespace since Linux 5.3 made it per namespace, so setting it on the host
   * changes nothing here.
   */
  static List<Sysctl> wire() {
    List<Sysctl> s = new ArrayList<>(common());
    String why = "frames the lab's bridges switch must not pass the switch namespace's "
        + "netfilter hooks and conntrack: a wire does not filter";
    s.add(Sysctl.of("net.bridge.bridge-nf-call-iptables", "0", why));
    s.add(Sysctl.of("net.bridge.bridge-nf-call-ip6tables", "0", why));
    s.add(Sysctl.of("net.bridge.bridge-nf-call-arptables", "0", why));
    s.add(Sysctl.of("net.ipv4.ip_forward", "0", "a switch does not route (" + INHERITED + ")"));
    return List.copyOf(s);
  }

  /** LAN clients and upstream hosts: end hosts that never route. */
  static List<Sysctl> endHost() {
    List<Sysctl> s = new ArrayList<>(common());
    s.add(Sysctl.of("net.ipv4.ip_forward", "0", "an end host does not route (" + INHERITED + "): the "
        + "upstream host must not carry the LAN's traffic on its own"));
    return List.copyOf(s);
  }

  /**
   * Router nodes: forwarding on, then the personality's own boot-time settings (which may
   * override the common ones, as OpenWrt's {@code arp_ignore} does).
   */
  static List<Sysctl> router(Personality personality) {
    Map<String, Sysctl> byKey = new LinkedHashMap<>();
    List<Sysctl> all = new ArrayList<>(common());
    all.add(Sysctl.of("net.ipv4.ip_forward", "1", "a router forwards between LAN and WAN"));
    if (personality != null) {
      all.addAll(personality.sysctls());
    }
    for (Sysctl setting : all) {
      byKey.remove(setting.key());
      byKey.put(setting.key(), setting);
    }
    return List.copyOf(byKey.values());
  }

  /**
   * The lab's veths hand frames across namespaces with their TCP/UDP checksum not yet
   * filled in (checksum offload); on a cable every frame carries its final checksum.
   * Transmit checksumming off on each end makes the kernel finish it before sending, so
   * whatever reads raw frames (udhcpc's packet socket, tcpdump, conntrack with checksum
   * checks) sees what a real link carries.
   */
  static final String OFFLOAD_WHY = "veth transmit checksum offload off: frames carry final checksums";

  /** One {@code sh -e} script writing {@code settings} in the namespace it runs in. */
  static String script(List<Sysctl> settings) {
    StringBuilder s = new StringBuilder();
    for (Sysctl setting : settings) {
      s.append(setting.shellLine()).append('\n');
    }
    return s.toString();
  }

  /** One {@code sh -e} script turning transmit checksum offload off on {@code devices}. */
  static String offloadScript(List<String> devices) {
    StringBuilder s = new StringBuilder();
    for (String device : devices) {
      s.append("ethtool -K ").append(device).append(" tx off >/dev/null\n");
    }
    return s.toString();
  }
}
