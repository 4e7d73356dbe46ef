package io.haprovision.openwrt;

import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.Suggestions;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.openwrt.config.ConntrackdSettings;
import io.haprovision.openwrt.config.DhcpInterface;
import io.haprovision.openwrt.config.OpenWrtSection;
import io.haprovision.openwrt.config.PairResolution;
import io.haprovision.openwrt.config.StaticLease;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that check a pair's {@code openwrt:} section against its nodes and VRRP
 * instances. Each has its own rule id ({@code openwrt.dhcp-no-instance}...), reported at
 * the key path to fix.
 */
public final class OpenWrtPairRules {
  private OpenWrtPairRules() {}

  /** Checks {@code pair} (whose section is {@code section}), reporting into {@code problems}. */
  public static void check(PairSpec pair, OpenWrtSection section, Problems problems) {
    List<InterfaceAddress> dhcpSubnets = checkDhcp(pair, section, problems);
    checkLeases(pair, section, dhcpSubnets, problems);
    if (section.conntrackd().enabled()) {
      checkConntrackd(pair, section.conntrackd(), problems);
    }
    checkRoleHookWiring(pair, section, problems);
    if (section.snat().enabled()) {
      checkSnat(pair, section.snat(), problems);
    }
    checkFirewall(pair, section, problems);
  }

  /**
   * A zone of ha-provision's own for the sync link is not on an interface a VRRP instance (so a
   * zone of the user's) already uses, where fw4 would match the user's zone first and never ours.
   * (That every node has an address on every instance's interface, which the VRRP rules accept
   * adverts from, the common rule {@code vrrp.interface-missing} already says.)
   */
  private static void checkFirewall(PairSpec pair, OpenWrtSection section, Problems problems) {
    io.haprovision.openwrt.config.FirewallSettings fw = section.firewall();
    if (section.conntrackd().enabled() && !fw.syncZoneExists()) {
      String sync = section.conntrackd().interfaceName();
      for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
        if (instance.interfaceName().equals(sync)) {
          problems.add(fw.path() + ".sync_zone", "openwrt.firewall-sync-zone-shared",
              "the sync link `" + sync + "` also carries VRRP instance " + instance.name() + ", so it is in a zone"
                  + " of yours already; a zone " + fw.syncZone() + " for it would never be matched and conntrackd's"
                  + " sync would stay rejected wherever that zone rejects input",
              "set `sync_zone: ZONE` to the zone of /etc/config/firewall that holds " + sync
                  + " and `sync_zone_exists: true` (ha-provision then adds its rules to that zone)");
          break;
        }
      }
    }
  }

  /** The SNAT instance exists and has an IPv4 VIP; there is a source subnet, given or derived. */
  private static void checkSnat(PairSpec pair, io.haprovision.openwrt.config.SnatSettings snat, Problems problems) {
    List<String> names = pair.vrrp().instances().stream().map(VrrpInstanceSpec::name).toList();
    Optional<VrrpInstanceSpec> instance = pair.vrrp().instance(snat.instance());
    if (instance.isEmpty()) {
      problems.add(snat.path() + ".instance", "openwrt.snat-instance-unknown",
          "VRRP instance `" + snat.instance() + "` does not exist in this pair",
          "name the instance of the WAN VIP, one of " + String.join(", ", names)
              + Suggestions.didYouMean(snat.instance(), names));
      return;
    }
    if (PairResolution.firstIpv4Vip(instance.get()).isEmpty()) {
      problems.add(snat.path() + ".instance", "openwrt.snat-no-ipv4-vip",
          "instance `" + snat.instance() + "` has no IPv4 VIP to translate the LAN's traffic to",
          "give that instance an IPv4 VIP, or name the instance that holds the WAN VIP");
      return;
    }
    if (PairResolution.snatSources(pair, snat).isEmpty()) {
      problems.add(snat.path(), "openwrt.snat-no-source",
          "no source subnet for the SNAT rule: `sources` is not given and no other instance has an IPv4 VIP",
          "list the LAN subnets to translate in `sources`, such as [192.168.1.0/24]");
    }
  }

  /** Checks each DHCP interface; returns the subnets DHCP is served on (the primary's addresses there). */
  private static List<InterfaceAddress> checkDhcp(PairSpec pair, OpenWrtSection section, Problems problems) {
    List<InterfaceAddress> subnets = new ArrayList<>();
    List<String> names = pair.vrrp().instances().stream().map(VrrpInstanceSpec::name).toList();
    for (DhcpInterface di : section.dhcp().interfaces()) {
      List<VrrpInstanceSpec> found = candidatesOf(pair, di);
      if (di.instance().isPresent() && found.isEmpty()) {
        problems.add(di.path() + ".instance", "openwrt.dhcp-instance-unknown",
            "VRRP instance `" + di.instance().get() + "` does not exist in this pair",
            "name one of " + String.join(", ", names) + Suggestions.didYouMean(di.instance().get(), names));
        continue;
      }
      if (found.isEmpty()) {
        problems.add(di.path(), "openwrt.dhcp-no-instance",
            "DHCP on `" + di.interfaceName() + "` needs a VRRP instance whose VIP clients use as gateway,"
                + " but no instance runs on br-" + di.interfaceName() + " or " + di.interfaceName(),
            "add `instance: NAME` naming the VRRP instance of that network (one of " + String.join(", ", names) + ")");
        continue;
      }
      if (found.size() > 1) {
        problems.add(di.path(), "openwrt.dhcp-instance-ambiguous",
            "DHCP on `" + di.interfaceName() + "` could use instances "
                + String.join(", ", found.stream().map(VrrpInstanceSpec::name).toList()),
            "add `instance: NAME` to say which one's VIP is the gateway");
        continue;
      }
      VrrpInstanceSpec instance = found.get(0);
      List<String> vips = instance.vips().stream().map(VipSpec::address).toList();
      checkVip(di, "gateway", di.gateway(), instance, vips, problems);
      checkVip(di, "dns", di.dns(), instance, vips, problems);
      if (di.gateway().isEmpty() && vips.stream().noneMatch(PairResolution::isIpv4)) {
        problems.add(di.path(), "openwrt.dhcp-no-ipv4-vip",
            "VRRP instance " + instance.name() + " has no IPv4 VIP to hand out as gateway and DNS",
            "add an IPv4 VIP to instance " + instance.name() + " (" + instance.path() + ".vips)");
      }
      pair.primary().address(instance.interfaceName()).ifPresent(subnets::add);
    }
    return subnets;
  }

  private static void checkVip(DhcpInterface di, String key, Optional<String> address, VrrpInstanceSpec instance,
      List<String> vips, Problems problems) {
    if (address.isEmpty()) {
      return;
    }
    if (!vips.contains(address.get())) {
      problems.add(di.path() + "." + key, "openwrt.dhcp-" + key + "-not-vip",
          key + " " + address.get() + " is not a VIP of instance " + instance.name()
              + ", so clients would lose it on failover",
          "use one of its VIPs: " + String.join(", ", vips));
    } else if (!PairResolution.isIpv4(address.get())) {
      problems.add(di.path() + "." + key, "openwrt.dhcp-" + key + "-not-ipv4",
          key + " " + address.get() + " is IPv6; DHCP options 3 and 6 carry IPv4 addresses",
          "use an IPv4 VIP of instance " + instance.name());
    }
  }

  private static void checkLeases(PairSpec pair, OpenWrtSection section, List<InterfaceAddress> subnets,
      Problems problems) {
    Set<String> taken = new HashSet<>();
    for (NodeSpec node : pair.nodes()) {
      node.interfaces().values().forEach(a -> taken.add(a.address()));
    }
    pair.vrrp().instances().forEach(i -> i.vips().forEach(v -> taken.add(v.address())));
    for (StaticLease lease : section.dhcp().staticLeases()) {
      if (taken.contains(lease.ip())) {
        problems.add(lease.path() + ".ip", "openwrt.lease-address-taken",
            "static lease " + lease.name() + " gets " + lease.ip() + ", which is a node address or a VIP",
            "give the client an address of its own");
      } else if (!subnets.isEmpty() && subnets.stream().noneMatch(s -> s.contains(lease.ip()))) {
        problems.add(lease.path() + ".ip", "openwrt.lease-outside-dhcp",
            "static lease " + lease.name() + " gets " + lease.ip() + ", outside every network DHCP is served on ("
                + String.join(", ", subnets.stream().map(InterfaceAddress::network).toList()) + ")",
            "use an address inside one of those networks");
      }
    }
  }

  private static void checkConntrackd(PairSpec pair, ConntrackdSettings c, Problems problems) {
    String where = c.addresses().isPresent() ? c.path() + ".addresses" : c.path() + ".interface";
    Optional<String> primary = Optional.empty();
    Optional<String> secondary = Optional.empty();
    for (NodeRole role : NodeRole.values()) {
      NodeSpec node = pair.node(role);
      Optional<InterfaceAddress> onLink = node.address(c.interfaceName());
      Optional<String> address = c.addresses().map(a -> a.of(role)).or(() -> onLink.map(InterfaceAddress::address));
      if (address.isEmpty()) {
        problems.add(where, "openwrt.conntrackd-no-address",
            "node " + node.name() + " has no address on the sync link `" + c.interfaceName() + "` for conntrackd",
            "add `" + c.interfaceName() + ": ADDRESS/PREFIX` to " + node.path()
                + ".interfaces, or give `addresses: {primary: ..., secondary: ...}` here");
        continue;
      }
      if (c.addresses().isPresent() && onLink.isPresent() && !onLink.get().contains(address.get())) {
        problems.add(c.path() + ".addresses." + role.yamlName(), "openwrt.conntrackd-address-off-link",
            "conntrackd address " + address.get() + " of node " + node.name() + " is not on the sync link "
                + c.interfaceName() + " (" + onLink.get().network() + ")",
            "use the node's address on " + c.interfaceName() + " (" + onLink.get().address() + ")");
      }
      for (VrrpInstanceSpec i : pair.vrrp().instances()) {
        for (VipSpec v : i.vips()) {
          if (v.address().equals(address.get())) {
            problems.add(where, "openwrt.conntrackd-address-is-vip",
                "conntrackd address " + address.get() + " of node " + node.name() + " is a VIP of instance "
                    + i.name() + "; it would move with failover",
                "use the node's own address on the sync link");
          }
        }
      }
      if (role == NodeRole.PRIMARY) {
        primary = address;
      } else {
        secondary = address;
      }
    }
    if (primary.isEmpty() || secondary.isEmpty()) {
      return;
    }
    String a = primary.get();
    String b = secondary.get();
    if (a.equals(b)) {
      problems.add(where, "openwrt.conntrackd-same-address",
          "both nodes would sync from the same address " + a, "give each node its own address on the sync link");
    } else if (PairResolution.isIpv4(a) != PairResolution.isIpv4(b)) {
      problems.add(where, "openwrt.conntrackd-address-family",
          "conntrackd addresses " + a + " and " + b + " are of different IP versions",
          "use two IPv4 or two IPv6 addresses");
    } else {
      Optional<InterfaceAddress> primaryLink = pair.primary().address(c.interfaceName());
      if (primaryLink.isPresent() && !primaryLink.get().contains(b)) {
        problems.add(where, "openwrt.conntrackd-not-same-link",
            "conntrackd address " + b + " of node " + pair.secondary().name() + " is not in "
                + primaryLink.get().network() + ", the sync link of node " + pair.primary().name(),
            "put both nodes' sync addresses in one subnet on the dedicated link");
      }
    }
  }

  private static void checkRoleHookWiring(PairSpec pair, OpenWrtSection section, Problems problems) {
    if (!PairResolution.roleHookHasWork(section)) {
      return;
    }
    List<String> own = PairResolution.ownNotifyPaths(pair);
    if (!own.isEmpty()) {
      boolean callsHook = PairResolution.ownNotifyCommands(pair).stream()
          .anyMatch(cmd -> cmd.contains(OpenWrtPaths.ROLE_HOOK));
      if (!callsHook) {
        problems.add(own.get(0), "openwrt.notify-bypasses-role-hook",
            "these notify commands replace the role hook, so DHCP, conntrackd and VPN switching would never run",
            "remove `notify` and put your commands under openwrt.role_hooks.commands, or call "
                + OpenWrtPaths.ROLE_HOOK + " master|backup|fault from your own notify commands");
      }
      return;
    }
    List<VrrpInstanceSpec> instances = pair.vrrp().instances();
    if (instances.size() < 2) {
      return;
    }
    Set<String> grouped = pair.vrrp().syncGroup().map(g -> Set.copyOf(g.instances())).orElse(Set.of());
    List<String> outside = instances.stream().map(VrrpInstanceSpec::name).filter(n -> !grouped.contains(n)).toList();
    if (!outside.isEmpty()) {
      String at = pair.vrrp().syncGroup().map(g -> g.path() + ".instances").orElse(pair.path() + ".vrrp");
      problems.add(at, "openwrt.role-hook-needs-sync-group",
          "instance(s) " + String.join(", ", outside) + " are outside a sync group, so the role hook would run once"
              + " per instance and DHCP, conntrackd and VPNs would follow whichever instance changed last",
          pair.vrrp().syncGroup().isPresent()
              ? "list every instance in the sync group"
              : "add `sync_group: {name: NAME}` under vrrp (it holds every instance by default)");
    }
  }

  private static List<VrrpInstanceSpec> candidatesOf(PairSpec pair, DhcpInterface di) {
    return PairResolution.candidates(pair.vrrp(), di);
  }
}
