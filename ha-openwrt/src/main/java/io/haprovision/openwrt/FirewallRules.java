package io.haprovision.openwrt;

import io.haprovision.error.InternalException;
import io.haprovision.inventory.AuthType;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
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

  /** An instance name as part of a UCI section name (letters, digits, _). */
  static String sectionPart(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }
}
