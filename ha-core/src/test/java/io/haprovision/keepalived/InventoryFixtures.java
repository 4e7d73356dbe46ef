package io.haprovision.keepalived;

import io.haprovision.inventory.AuthType;
import io.haprovision.inventory.GarpSpec;
import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.InstanceNodeSettings;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.Multicast;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.NotifySpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.PerNode;
import io.haprovision.inventory.Sourced;
import io.haprovision.inventory.SshSpec;
import io.haprovision.inventory.SyncGroupSpec;
import io.haprovision.inventory.TrackInterfaceSpec;
import io.haprovision.inventory.TrackScriptSpec;
import io.haprovision.inventory.Unicast;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VirtualRouteSpec;
import io.haprovision.inventory.VrrpAuth;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.inventory.VrrpSpec;
import io.haprovision.inventory.VerifySpec;
import io.haprovision.inventory.VrrpState;
import io.haprovision.inventory.VrrpTransport;
import io.haprovision.secret.Secret;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inventory records built in code, as a validated inventory would hold them. */
final class InventoryFixtures {
  private InventoryFixtures() {}

  static final Secret PASSWORD = Secret.of("pa55word", "file:secrets/vrrp.pass");

  static NodeSpec node(String name, NodeRole role, String lan, String wan) {
    SshSpec ssh = new SshSpec("root", 22, Optional.empty(), true, Optional.empty(), Optional.empty(),
        HostKeyPolicy.STRICT, SshSpec.DEFAULT_CONNECT_TIMEOUT, SshSpec.DEFAULT_COMMAND_TIMEOUT, false);
    Map<String, InterfaceAddress> interfaces = new LinkedHashMap<>();
    interfaces.put("br-lan", InterfaceAddress.parse(lan).orElseThrow());
    interfaces.put("wan", InterfaceAddress.parse(wan).orElseThrow());
    return new NodeSpec(name, role, "192.0.2." + (role == NodeRole.PRIMARY ? 11 : 12), ssh, interfaces,
        "pairs[0].nodes[" + (role == NodeRole.PRIMARY ? 0 : 1) + "]");
  }

  static final NodeSpec GW_A = node("gw-a", NodeRole.PRIMARY, "192.168.1.2/24", "203.0.113.2/29");
  static final NodeSpec GW_B = node("gw-b", NodeRole.SECONDARY, "192.168.1.3/24", "203.0.113.3/29");

  static PerNode<InstanceNodeSettings> settings(String path, BigDecimal advertInt, int version,
      Optional<VrrpAuth> auth, VrrpState secondaryState) {
    return new PerNode<>(
        new InstanceNodeSettings(150, VrrpState.MASTER, new Sourced<>(advertInt, path + ".advert_int"),
            new Sourced<>(version, path + ".version"), new Sourced<>(auth, path + ".authentication")),
        new InstanceNodeSettings(100, secondaryState, new Sourced<>(advertInt, path + ".advert_int"),
            new Sourced<>(version, path + ".version"), new Sourced<>(auth, path + ".authentication")));
  }

  static Unicast unicastBetween(String primary, String secondary) {
    return new Unicast(new PerNode<>(primary, secondary), new PerNode<>(List.of(secondary), List.of(primary)));
  }

  static VrrpInstanceSpec lan(VrrpTransport transport, NotifySpec notify, List<TrackInterfaceSpec> tracked) {
    String path = "pairs[0].vrrp.instances[0]";
    return new VrrpInstanceSpec("LAN", "br-lan", 51, "192.168.1.0/24",
        List.of(new VipSpec("192.168.1.1", 24, Optional.empty(), Optional.empty(), path + ".vips[0]"),
            new VipSpec("192.168.1.53", 24, Optional.of("br-lan"), Optional.of("br-lan:dns"), path + ".vips[1]")),
        settings(path, BigDecimal.ONE, 2, Optional.of(new VrrpAuth(AuthType.PASS, PASSWORD)), VrrpState.BACKUP),
        transport, false, 0,
        new GarpSpec(Optional.of(5), Optional.of(5), Optional.of(0)),
        tracked, List.of(), List.of(), notify, path);
  }

  static VrrpInstanceSpec wan(VrrpTransport transport) {
    String path = "pairs[0].vrrp.instances[1]";
    return new VrrpInstanceSpec("WAN", "wan", 52, "203.0.113.0/29",
        List.of(new VipSpec("203.0.113.10", 29, Optional.empty(), Optional.empty(), path + ".vips[0]")),
        settings(path, BigDecimal.ONE, 2, Optional.empty(), VrrpState.BACKUP),
        transport, false, 0, GarpSpec.none(), List.of(), List.of(), 
        List.of(new VirtualRouteSpec("0.0.0.0/0", Optional.of("203.0.113.1"), Optional.of("wan"),
            Optional.of("203.0.113.10"))),
        NotifySpec.none(), path);
  }

  static TrackScriptSpec wanPing(int weight) {
    return new TrackScriptSpec("wan_ping", "/bin/ping -c1 -W1 203.0.113.1", 2, Optional.of(2), weight, 2, 2,
        "pairs[0].vrrp.track_scripts[0]");
  }

  static NotifySpec userNotify(String prefix) {
    return new NotifySpec(Optional.of(prefix + " master"), Optional.of(prefix + " backup"),
        Optional.of(prefix + " fault"), Optional.empty());
  }

  /** Two unicast instances in a sync group that tracks a weighted script, with notify on both levels. */
  static PairSpec officeWithSyncGroup() {
    VrrpSpec vrrp = new VrrpSpec(
        List.of(lan(unicastBetween("192.168.1.2", "192.168.1.3"), userNotify("/usr/local/bin/lan-notify"),
                List.of(new TrackInterfaceSpec("wan", Optional.empty()))),
            wan(unicastBetween("203.0.113.2", "203.0.113.3"))),
        List.of(wanPing(-30)),
        Optional.of(new SyncGroupSpec("OFFICE", List.of("LAN", "WAN"), List.of("wan_ping"),
            userNotify("/usr/local/bin/group-notify"), "pairs[0].vrrp.sync_group")));
    return new PairSpec("office", "openwrt", List.of(GW_A, GW_B), vrrp, null, "pairs[0]", VerifySpec.empty());
  }

  /** One multicast instance tracking a weighted script and a weighted interface, no sync group. */
  static PairSpec shopMulticast(String group) {
    VrrpSpec vrrp = new VrrpSpec(
        List.of(lan(new Multicast(group), userNotify("/usr/local/bin/lan-notify"),
            List.of(new TrackInterfaceSpec("wan", Optional.of(-20))))),
        List.of(wanPing(-30)),
        Optional.empty());
    VrrpInstanceSpec tracking = vrrp.instances().get(0);
    VrrpInstanceSpec withScript = new VrrpInstanceSpec(tracking.name(), tracking.interfaceName(),
        tracking.virtualRouterId(), tracking.segment(), tracking.vips(), tracking.nodes(), tracking.transport(),
        tracking.nopreempt(), tracking.preemptDelay(), tracking.garp(), tracking.trackInterfaces(),
        List.of("wan_ping"), tracking.virtualRoutes(), tracking.notifications(), tracking.path());
    return new PairSpec("shop", "openwrt", List.of(GW_A, GW_B),
        new VrrpSpec(List.of(withScript), vrrp.trackScripts(), Optional.empty()), null, "pairs[1]", VerifySpec.empty());
  }
}
