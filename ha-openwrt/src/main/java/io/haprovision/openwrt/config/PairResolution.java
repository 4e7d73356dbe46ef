package io.haprovision.openwrt.config;

import com.google.common.net.InetAddresses;
import io.haprovision.error.InternalException;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NotifySpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.PerNode;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.inventory.VrrpSpec;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code openwrt:} section means for one pair once its nodes and VRRP instances
 * are known: which instance serves each DHCP interface and which VIPs clients get, each
 * node's conntrackd sync address, whether keepalived's notify commands are the role
 * hook's. {@link OpenWrtPairRules} reports where these cannot be worked out; the
 * {@code resolve...} methods are for validated pairs and treat a failure as a bug.
 */
public final class PairResolution {
  private PairResolution() {}

  /**
   * A DHCP interface with its VRRP instance and the VIPs handed out.
   *
   * @param spec the inventory entry
   * @param instance the VRRP instance on that interface
   * @param gateway the VIP handed out as router (option 3)
   * @param dns the VIP handed out as DNS server (option 6)
   */
  public record ResolvedDhcp(DhcpInterface spec, VrrpInstanceSpec instance, String gateway, String dns) {}

  /** The instances an entry without {@code instance:} may mean: those on {@code br-NAME} or {@code NAME}. */
  public static List<VrrpInstanceSpec> candidates(VrrpSpec vrrp, DhcpInterface di) {
    if (di.instance().isPresent()) {
      return vrrp.instance(di.instance().get()).map(List::of).orElse(List.of());
    }
    List<VrrpInstanceSpec> out = new ArrayList<>();
    for (VrrpInstanceSpec i : vrrp.instances()) {
      if (i.interfaceName().equals("br-" + di.interfaceName()) || i.interfaceName().equals(di.interfaceName())) {
        out.add(i);
      }
    }
    return out;
  }

  /** The first IPv4 VIP of {@code instance}, if it has one. */
  public static Optional<String> firstIpv4Vip(VrrpInstanceSpec instance) {
    return instance.vips().stream().map(VipSpec::address).filter(PairResolution::isIpv4).findFirst();
  }

  /** True for an IPv4 address in text form. */
  public static boolean isIpv4(String address) {
    return InetAddresses.isInetAddress(address) && InetAddresses.forString(address) instanceof Inet4Address;
  }

  /** Every DHCP interface of a validated pair, resolved. */
  public static List<ResolvedDhcp> resolveDhcp(PairSpec pair, OpenWrtSection section) {
    List<ResolvedDhcp> out = new ArrayList<>();
    for (DhcpInterface di : section.dhcp().interfaces()) {
      List<VrrpInstanceSpec> found = candidates(pair.vrrp(), di);
      if (found.size() != 1) {
        throw new InternalException("pair " + pair.name() + ": DHCP interface " + di.interfaceName()
            + " matches " + found.size() + " VRRP instances; validation should have refused it");
      }
      VrrpInstanceSpec instance = found.get(0);
      String gateway = di.gateway().or(() -> firstIpv4Vip(instance)).orElseThrow(() -> new InternalException(
          "pair " + pair.name() + ": instance " + instance.name() + " has no IPv4 VIP for DHCP"));
      out.add(new ResolvedDhcp(di, instance, gateway, di.dns().orElse(gateway)));
    }
    return out;
  }

  /** The sync address of the node with {@code role}: given in {@code addresses}, or its address on the sync link. */
  public static Optional<String> syncAddress(PairSpec pair, ConntrackdSettings c, NodeRole role) {
    if (c.addresses().isPresent()) {
      return Optional.of(c.addresses().get().of(role));
    }
    return pair.node(role).address(c.interfaceName()).map(InterfaceAddress::address);
  }

  /** Both nodes' conntrackd sync addresses of a validated pair with conntrackd on. */
  public static PerNode<String> resolveSyncAddresses(PairSpec pair, ConntrackdSettings c) {
    String primary = syncAddress(pair, c, NodeRole.PRIMARY).orElseThrow(() -> missing(pair, c));
    String secondary = syncAddress(pair, c, NodeRole.SECONDARY).orElseThrow(() -> missing(pair, c));
    return new PerNode<>(primary, secondary);
  }

  private static InternalException missing(PairSpec pair, ConntrackdSettings c) {
    return new InternalException("pair " + pair.name() + ": no conntrackd address on " + c.interfaceName()
        + "; validation should have refused it");
  }

  /**
   * One fw4 {@code config nat} section: traffic from {@code source} leaving through
   * {@code zone} gets the source address {@code snatIp}.
   *
   * @param section the UCI section name
   * @param source the source subnet, network form
   * @param zone the fw4 zone
   * @param snatIp the VIP the traffic is translated to
   */
  public record ResolvedSnat(String section, String source, String zone, String snatIp) {}

  /** The SNAT sources: the inventory's, or the subnets of every other instance's IPv4 VIPs, each once. */
  public static List<String> snatSources(PairSpec pair, SnatSettings snat) {
    if (!snat.sources().isEmpty()) {
      return snat.sources();
    }
    List<String> out = new ArrayList<>();
    for (VrrpInstanceSpec i : pair.vrrp().instances()) {
      if (i.name().equals(snat.instance())) {
        continue;
      }
      for (VipSpec v : i.vips()) {
        if (isIpv4(v.address())) {
          String network = new InterfaceAddress(v.address(), v.prefix()).network();
          if (!out.contains(network)) {
            out.add(network);
          }
        }
      }
    }
    return out;
  }

  /** The SNAT sections of a validated pair with SNAT on, one per source subnet. */
  public static List<ResolvedSnat> resolveSnat(PairSpec pair, SnatSettings snat) {
    VrrpInstanceSpec instance = pair.vrrp().instance(snat.instance()).orElseThrow(() -> new InternalException(
        "pair " + pair.name() + ": SNAT instance " + snat.instance() + " is unknown; validation should have refused it"));
    String vip = firstIpv4Vip(instance).orElseThrow(() -> new InternalException(
        "pair " + pair.name() + ": SNAT instance " + snat.instance() + " has no IPv4 VIP"));
    List<ResolvedSnat> out = new ArrayList<>();
    List<String> sources = snatSources(pair, snat);
    for (int n = 0; n < sources.size(); n++) {
      out.add(new ResolvedSnat("ha_snat_" + snat.zone() + (n == 0 ? "" : "_" + (n + 1)), sources.get(n),
          snat.zone(), vip));
    }
    return out;
  }

  /** True when the inventory gives keepalived notify commands of its own (on the sync group or any instance). */
  public static boolean hasOwnNotify(PairSpec pair) {
    return !ownNotifyPaths(pair).isEmpty();
  }

  /** Key paths of the inventory's own {@code notify} maps, sync group first. */
  public static List<String> ownNotifyPaths(PairSpec pair) {
    List<String> out = new ArrayList<>();
    pair.vrrp().syncGroup().filter(g -> !g.notifications().isEmpty()).ifPresent(g -> out.add(g.path() + ".notify"));
    for (VrrpInstanceSpec i : pair.vrrp().instances()) {
      if (!i.notifications().isEmpty()) {
        out.add(i.path() + ".notify");
      }
    }
    return out;
  }

  /** Every command of the inventory's own notify maps. */
  public static List<String> ownNotifyCommands(PairSpec pair) {
    List<String> out = new ArrayList<>();
    pair.vrrp().syncGroup().ifPresent(g -> commands(g.notifications(), out));
    pair.vrrp().instances().forEach(i -> commands(i.notifications(), out));
    return out;
  }

  private static void commands(NotifySpec n, List<String> out) {
    n.master().ifPresent(out::add);
    n.backup().ifPresent(out::add);
    n.fault().ifPresent(out::add);
    n.stop().ifPresent(out::add);
  }

  /** True when the role hook does anything besides logging and writing the role file. */
  public static boolean roleHookHasWork(OpenWrtSection s) {
    RoleHookSettings h = s.roleHooks();
    return s.dhcp().managed() || s.conntrackd().enabled() || !h.vpnInterfaces().isEmpty()
        || !h.master().isEmpty() || !h.backup().isEmpty() || !h.fault().isEmpty();
  }
}
