package io.haprovision.openwrt;

import io.haprovision.error.InternalException;
import io.haprovision.inventory.AuthType;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.openwrt.config.ConntrackdSettings;
import io.haprovision.openwrt.config.FirewallSettings;
import io.haprovision.openwrt.config.OpenWrtSection;
import io.haprovision.openwrt.config.PairResolution;
import io.haprovision.openwrt.uci.UciOption;
import io.haprovision.openwrt.uci.UciSection;
import io.haprovision.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fw4 sections one node needs so the pair can talk, each a UCI {@code firewall} section
 * ha-provision owns ({@code ha_*}, never the user's). OpenWrt's stock zones reject input on
 * {@code wan} and on any device in no zone, so without them the peer's VRRP adverts on the WAN
 * pass only while they match a conntrack entry of this node's own adverts (split brain once
 * that expires), and conntrackd's sync and the lease sync are rejected outright.
 *
 * <ul>
 *   <li>{@code ha_vrrp_INSTANCE}: VRRP (IP protocol 112, and AH, 51, when the instance
 *       authenticates with AH) from the peer's address on the instance's interface, in any zone
 *       ({@code src '*'}: fw4 puts such rules ahead of every zone's).
 *   <li>{@code ha_sync}: a zone holding only the sync interface (input rejected but for the
 *       rules below), unless the inventory names a zone of the user's that holds it.
 *   <li>{@code ha_conntrackd}: conntrackd's UDP port from the peer's sync address.
 *   <li>{@code ha_lease_sync}: SSH from the peer's address the lease sync pushes from.
 * </ul>
 *
 * <p>With conntrackd, also {@link #takeoverHold}: keepalived binds the VIPs before the role hook
 * can commit the synced connections, and a packet of such a connection arriving in between is
 * one the kernel does not know (no mid-stream pickup: invalid), which fw4 answers with a TCP
 * reset that ends the connection for good. Dropped instead, it is sent again, and by then the
 * commit has put the connection in place.
 */
final class FirewallRules {
  /** IP protocol numbers (numbers, not names: they need no /etc/protocols). */
  static final String VRRP = "112";
  static final String AH = "51";

  private FirewallRules() {}

  /** Resources for {@code node}, each notifying {@code reload}. */
  static List<Resource> of(PairSpec pair, NodeSpec node, OpenWrtSection s, String reload) {
    NodeSpec peer = pair.peerOf(node);
    List<Resource> r = new ArrayList<>();
    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      InterfaceAddress from = peer.address(instance.interfaceName()).orElseThrow(() -> new InternalException(
          "validation should have refused a node without an address on " + instance.interfaceName()));
      boolean ah = pair.nodes().stream().anyMatch(n -> instance.nodes().of(n.role()).auth().value()
          .map(a -> a.type() == AuthType.AH).orElse(false));
      String sec = "ha_vrrp_" + sectionPart(instance.name());
      rule(r, sec, reload, "ha-provision: VRRP " + instance.name() + " from " + peer.name(), "*", from,
          ah ? List.of(VRRP, AH) : List.of(VRRP), null);
    }
    ConntrackdSettings c = s.conntrackd();
    FirewallSettings fw = s.firewall();
    if (c.enabled()) {
      String zone = fw.syncZone();
      if (!fw.syncZoneExists()) {
        r.add(UciSection.of("firewall", zone, "zone").notifying(reload));
        r.add(UciOption.set("firewall", zone, "name", zone).notifying(reload));
        r.add(UciOption.list("firewall", zone, "device", List.of(c.interfaceName())).notifying(reload));
        r.add(UciOption.set("firewall", zone, "input", "REJECT").notifying(reload));
        r.add(UciOption.set("firewall", zone, "output", "ACCEPT").notifying(reload));
        r.add(UciOption.set("firewall", zone, "forward", "REJECT").notifying(reload));
      }
      InterfaceAddress peerSync = InterfaceAddress.parse(
          PairResolution.resolveSyncAddresses(pair, c).of(peer.role()) + "/32").orElseThrow();
      rule(r, "ha_conntrackd", reload, "ha-provision: conntrackd sync from " + peer.name(), zone, peerSync,
          List.of("udp"), Integer.toString(c.port()));
      if (s.dhcp().leaseSync().enabled()) {
        rule(r, "ha_lease_sync", reload, "ha-provision: lease sync from " + peer.name(), zone, peerSync,
            List.of("tcp"), Integer.toString(node.ssh().port()));
      }
    } else if (s.dhcp().leaseSync().enabled()) {
      // Without a sync link the lease sync pushes over the first DHCP instance's interface.
      String iface = PairResolution.resolveDhcp(pair, s).get(0).instance().interfaceName();
      rule(r, "ha_lease_sync", reload, "ha-provision: lease sync from " + peer.name(), "*",
          peer.address(iface).orElseThrow(), List.of("tcp"), Integer.toString(node.ssh().port()));
    }
    return r;
  }

  private static void rule(List<Resource> r, String sec, String reload, String name, String src, InterfaceAddress from,
      List<String> protos, String destPort) {
    r.add(UciSection.of("firewall", sec, "rule").notifying(reload));
    r.add(UciOption.set("firewall", sec, "name", name).notifying(reload));
    r.add(UciOption.set("firewall", sec, "src", src).notifying(reload));
    r.add(UciOption.set("firewall", sec, "src_ip", from.address()).notifying(reload));
    r.add(UciOption.set("firewall", sec, "family", from.isIpv4() ? "ipv4" : "ipv6").notifying(reload));
    r.add((protos.size() == 1 ? UciOption.set("firewall", sec, "proto", protos.get(0))
        : UciOption.list("firewall", sec, "proto", protos)).notifying(reload));
    if (destPort != null) {
      r.add(UciOption.set("firewall", sec, "dest_port", destPort).notifying(reload));
    }
    r.add(UciOption.set("firewall", sec, "target", "ACCEPT").notifying(reload));
  }

  /**
   * {@code /etc/nftables.d/10-ha-provision.nft}, which fw4 includes in its table: a chain ahead of
   * fw4's input (priority -1, as OpenWrt's own README there shows) that drops, silently, packets
   * to the VIPs that belong to no connection the kernel knows, instead of fw4 rejecting them with
   * a reset.
   */
  static String takeoverHold(PairSpec pair) {
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      for (VipSpec vip : instance.vips()) {
        (vip.address().contains(":") ? v6 : v4).add(vip.address());
      }
    }
    StringBuilder out = new StringBuilder()
        .append("# Managed by ha-provision: local changes are overwritten on the next apply.\n")
        .append("# fw4 includes this file in table inet fw4. A router taking the VIPs over binds them\n")
        .append("# before its role hook has committed the connections conntrackd synced; a packet of\n")
        .append("# one of them arriving in between is invalid here (no mid-stream pickup) and fw4 would\n")
        .append("# answer it with a reset that ends the connection. Dropped, it is sent again, and by\n")
        .append("# then the commit has put the connection in place.\n")
        .append("chain ha_takeover_hold {\n")
        .append("\ttype filter hook input priority -1; policy accept;\n");
    if (!v4.isEmpty()) {
      out.append("\tip daddr { ").append(String.join(", ", v4))
          .append(" } ct state invalid counter drop comment \"ha-provision: no reset before the commit\"\n");
    }
    if (!v6.isEmpty()) {
      out.append("\tip6 daddr { ").append(String.join(", ", v6))
          .append(" } ct state invalid counter drop comment \"ha-provision: no reset before the commit\"\n");
    }
    return out.append("}\n").toString();
  }

  /** An instance name as part of a UCI section name (letters, digits, _). */
  static String sectionPart(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }
}
