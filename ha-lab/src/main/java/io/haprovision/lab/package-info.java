/**
 * The lab: HA router pairs made of Linux network namespaces on the machine that
 * runs the tests, each node with its own overlay root, PID and mount namespace,
 * a real sshd and real daemons (keepalived, conntrackd, dnsmasq).
 *
 * <p>{@link io.haprovision.lab.Lab#up(LabSpec)} builds a lab and
 * {@link io.haprovision.lab.Lab#down(String)} removes every trace of it; all state
 * lives under {@code /run/ha-provision-lab/RUNID/} so another process can find and
 * remove it. {@link io.haprovision.lab.AddressPlan} documents the addresses.
 * Needs root and network namespaces.
 *
 * <h2>The lab owns its kernel settings</h2>
 *
 * <p>No lab result may depend on how the host is set up. A new network namespace copies
 * the host's IPv4 {@code all}/{@code default} settings (and, with
 * {@code net.core.devconf_inherit_init_net} 1 or 3, its IPv6 ones), and bridge netfilter
 * starts switched on in every namespace whatever the host set for itself (per namespace
 * since Linux 5.3; built into this project's 6.18 machines). So before it creates any link
 * in a namespace, the lab writes there ({@link io.haprovision.lab.NamespaceSettings},
 * applied by the generated {@code net-up.sh}; {@code NamespaceSettingsLabTest} builds a lab
 * while the host's defaults say otherwise and checks every value):
 *
 * <table>
 * <caption>Settings in every lab namespace</caption>
 * <tr><th>setting</th><th>value</th><th>why</th></tr>
 * <tr><td>{@code net.ipv4.conf.{all,default}.rp_filter}</td><td>0</td><td>After a failover the
 *   VIP's replies and the flows the new master took over arrive where a strict reverse-path
 *   filter drops them; 0 is the kernel's default, but a host's 1 or 2 would be copied.</td></tr>
 * <tr><td>{@code net.ipv4.conf.{all,default}.arp_ignore}, {@code arp_announce}</td><td>0</td><td>Who
 *   answers ARP for a VIP decides where the LAN sends; kernel defaults unless the
 *   personality says otherwise (OpenWrt: {@code arp_ignore} 1).</td></tr>
 * <tr><td>{@code net.ipv6.conf.default.disable_ipv6}</td><td>1</td><td>The lab speaks IPv4 only:
 *   its links send no duplicate address detection, router solicitations or MLD reports,
 *   whose timing, and whether they happen at all, would follow the host's IPv6 settings.
 *   Loopback keeps {@code ::1}.</td></tr>
 * <tr><td>{@code net.ipv4.ip_forward}</td><td>1 on routers, 0 elsewhere</td><td>Routers forward
 *   LAN to WAN; the upstream host must not carry the LAN's traffic on its own, and a host
 *   that forwards (any container host) would pass that on.</td></tr>
 * </table>
 *
 * <table>
 * <caption>Settings of one kind of namespace</caption>
 * <tr><th>where</th><th>setting</th><th>why</th></tr>
 * <tr><td>switch</td><td>{@code net.bridge.bridge-nf-call-{iptables,ip6tables,arptables}} 0
 *   (where bridge netfilter exists)</td><td>The lab's bridges are plain wires: a switched frame
 *   must not pass the switch namespace's netfilter hooks and conntrack. Setting the host's
 *   value changes nothing here.</td></tr>
 * <tr><td>openwrt routers</td><td>OpenWrt's boot-time {@code net.*} settings, from its
 *   {@code /etc/sysctl.d/10-default.conf} and conntrack defaults
 *   ({@code openwrt/sysctl-defaults.conf}, which names its source)</td><td>A real OpenWrt router
 *   applies them at every boot: {@code arp_ignore} 1, forwarding, TCP timers, conntrack
 *   timeouts and {@code nf_conntrack_checksum} 0.</td></tr>
 * <tr><td>every veth end</td><td>transmit checksum offload off ({@code ethtool -K DEV tx
 *   off})</td><td>A veth hands frames across namespaces with their TCP/UDP checksum not yet
 *   filled in; on a cable every frame carries its final checksum. Whatever reads raw frames
 *   (udhcpc's packet socket, tcpdump, conntrack's checksum check) then sees what a real link
 *   carries.</td></tr>
 * </table>
 *
 * <p>Timing the lab does not set but has to respect: dnsmasq probes a dynamic address with
 * an ICMP echo for 3 s ({@code PING_WAIT}) before it offers it and answers no DHCP packet
 * meanwhile, so the lab's DHCP client ({@link io.haprovision.lab.Lab#dhcpRequest}) waits
 * 3 s between discovers and sends five.
 */
package io.haprovision.lab;
