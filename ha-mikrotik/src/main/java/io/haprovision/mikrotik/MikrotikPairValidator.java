package io.haprovision.mikrotik;

import com.google.common.net.InetAddresses;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SyncGroupSpec;
import io.haprovision.inventory.Unicast;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.yaml.YamlPath;
import java.net.Inet4Address;
import java.util.Map;

/**
 * What RouterOS and the ha-mikrotik design need of a whole pair, beyond the core's checks:
 * VRRP features RouterOS lacks, VIPs that RouterOS can carry (IPv4, as /32 on the VRRP
 * interface), and no service using the HA link or its names.
 */
final class MikrotikPairValidator {
  private final PairSpec pair;
  private final MikrotikSection section;
  private final Problems problems;

  private MikrotikPairValidator(PairSpec pair, MikrotikSection section, Problems problems) {
    this.pair = pair;
    this.section = section;
    this.problems = problems;
  }

  static void validate(PairSpec pair, Problems problems) {
    if (!(pair.platformSection() instanceof MikrotikSection section)) {
      return; // the section did not bind; its problems are reported already
    }
    new MikrotikPairValidator(pair, section, problems).run();
  }

  private void run() {
    HaLink link = section.haLink();
    for (NodeSpec node : pair.nodes()) {
      for (Map.Entry<String, InterfaceAddress> e : node.interfaces().entrySet()) {
        String path = YamlPath.child(YamlPath.child(node.path(), "interfaces"), e.getKey());
        if (e.getKey().equals(link.interfaceName()) || e.getKey().equals(link.bridge())) {
          problems.add(path, "mikrotik.interface-is-ha-link", e.getKey()
              + " is the HA link; its addresses come from " + section.path() + ".ha_link",
              "remove it from interfaces, or move the HA link to another port with ha_link.interface");
        } else if (overlaps(e.getValue(), link.network())) {
          problems.add(path, "mikrotik.ha-network-overlap", e.getValue() + " overlaps the HA network "
              + link.network(), "choose another HA network with ha_link.network, or renumber this interface");
        } else if (e.getValue().contains(node.host()) && !section.rescuePorts().contains(e.getKey())) {
          // The backup hook disables every traffic port: SSH through one would be cut on the standby.
          problems.add(YamlPath.child(node.path(), "host"), "mikrotik.ssh-through-traffic-port", "SSH address "
              + node.host() + " is on " + e.getKey() + ", a port the backup hook disables, so the standby would"
              + " become unreachable", "reach the router through a management port listed in "
              + section.path() + ".rescue_ports, or through its HA address " + link.address().of(node.role()));
        }
      }
    }
    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      instance(instance, link);
    }
    pair.vrrp().syncGroup().ifPresent(this::syncGroup);
  }

  private void instance(VrrpInstanceSpec instance, HaLink link) {
    String path = instance.path();
    RouterOsNames.nameProblem(instance.name()).ifPresent(p ->
        problems.add(path + ".name", "mikrotik.name-invalid", p, RouterOsNames.NAME_FIX));
    RouterOsNames.nameProblem(instance.interfaceName()).ifPresent(p ->
        problems.add(path + ".interface", "mikrotik.name-invalid", p, RouterOsNames.NAME_FIX));
    String name = instance.name();
    if (name.equals(section.heartbeat().name()) || name.equals(link.bridge()) || name.equals(link.interfaceName())) {
      problems.add(path + ".name", "mikrotik.name-clash", "instance " + name
          + " would be named like the HA link's " + (name.equals(section.heartbeat().name()) ? "heartbeat" : "interface"),
          "rename the instance; each becomes an /interface vrrp of that name");
    }
    if (instance.interfaceName().equals(link.interfaceName()) || instance.interfaceName().equals(link.bridge())) {
      problems.add(path + ".interface", "mikrotik.vrrp-on-ha-link", "instance " + name
          + " runs on the HA link " + instance.interfaceName() + ", which carries only the heartbeat",
          "run it on the interface of the network its VIPs serve");
    }
    if (instance.transport() instanceof Unicast) {
      problems.add(path + ".unicast", "mikrotik.vrrp-unicast",
          "RouterOS VRRP sends its adverts by multicast only", "remove `unicast` from this instance");
    }
    unsupported(path + ".track_interfaces", !instance.trackInterfaces().isEmpty(), "track_interfaces",
        "the heartbeat alone decides the role; a failed port is covered by the role hooks");
    unsupported(path + ".track_scripts", !instance.trackScripts().isEmpty(), "track_scripts",
        "RouterOS VRRP runs no track scripts");
    unsupported(path + ".virtual_routes", !instance.virtualRoutes().isEmpty(), "virtual_routes",
        "add the routes under /ip route yourself; they follow the ports the hooks enable");
    unsupported(path + ".notify", !instance.notifications().isEmpty(), "notify",
        "the role hooks of the heartbeat run on every change");
    for (VipSpec vip : instance.vips()) {
      vip(instance, vip, link);
    }
  }

  private void vip(VrrpInstanceSpec instance, VipSpec vip, HaLink link) {
    if (!(InetAddresses.forString(vip.address()) instanceof Inet4Address)) {
      problems.add(vip.path(), "mikrotik.vip-ipv6", "VIP " + vip.cidr()
          + " is IPv6; ha-provision configures RouterOS VRRP for IPv4 only", "use an IPv4 VIP");
      return;
    }
    if (vip.device().isPresent() && !vip.device().get().equals(instance.interfaceName())) {
      problems.add(vip.path(), "mikrotik.vip-device", "VIP " + vip.cidr() + " names device "
          + vip.device().get() + "; on RouterOS a VIP sits as /32 on its VRRP interface",
          "remove `device`, or put the VIP in an instance on " + vip.device().get());
    }
    if (vip.label().isPresent()) {
      problems.add(vip.path(), "mikrotik.vip-label", "RouterOS addresses have no label",
          "remove `label`");
    }
    if (link.network().contains(vip.address())) {
      problems.add(vip.path(), "mikrotik.vip-in-ha-network", "VIP " + vip.address()
          + " lies in the HA network " + link.network(), "use an address of the service network");
    }
  }

  private void syncGroup(SyncGroupSpec group) {
    unsupported(group.path() + ".track_scripts", !group.trackScripts().isEmpty(), "track_scripts",
        "RouterOS VRRP runs no track scripts");
    unsupported(group.path() + ".notify", !group.notifications().isEmpty(), "notify",
        "the role hooks of the heartbeat run on every change");
  }

  private void unsupported(String path, boolean used, String key, String why) {
    if (used) {
      problems.add(path, "mikrotik.vrrp-feature-unsupported", "`" + key + "` is not available on RouterOS pairs: "
          + why, "remove `" + key + "`");
    }
  }

  private static boolean overlaps(InterfaceAddress a, InterfaceAddress b) {
    if (a.isIpv4() != b.isIpv4()) {
      return false;
    }
    InterfaceAddress wider = a.prefix() <= b.prefix() ? a : b;
    InterfaceAddress narrower = wider == a ? b : a;
    return wider.contains(narrower.address());
  }
}
