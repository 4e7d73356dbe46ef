package io.haprovision.mikrotik;

import io.haprovision.inventory.InstanceNodeSettings;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpAuth;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import io.haprovision.mikrotik.routeros.RouterOsOwnedSet;
import io.haprovision.mikrotik.routeros.RouterOsValues;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RouterOS entries one router of a pair should have, in the order they are applied:
 * rescue-port comments (before any hook could disable those ports), the role hook
 * scripts and the startup guard, the HA bridge with its port and address, the router's
 * own service addresses, the heartbeat, then each service VRRP interface with its VIPs; last,
 * per menu, the removal of entries ha-provision once added that the inventory no longer names
 * ({@link RouterOsOwnedSet}).
 *
 * <p>Entries carry the comment {@value #MARK}, so what ha-provision added can be told
 * from what it did not. Properties the hooks change at run time ({@code disabled}, the
 * identity) are not part of the desired state.
 */
public final class MikrotikDesiredState {
  /** The comment on every entry ha-provision adds. */
  public static final String MARK = "ha-provision";
  /** Script policies the hooks need (read state, change interfaces and identity). */
  static final String SCRIPT_POLICY = "read,write,test";

  private MikrotikDesiredState() {}

  /** The desired state of {@code node}, one of {@code pair}'s routers. */
  public static DesiredNode forNode(PairSpec pair, NodeSpec node) {
    MikrotikSection section = pair.platformSection(MikrotikSection.class);
    NodeRole role = node.role();
    HaLink link = section.haLink();
    Heartbeat heartbeat = section.heartbeat();
    RoleHooks hooks = new RoleHooks(pair, section, role);
    List<Resource> out = new ArrayList<>();
    DesiredNode.Reasons why = new DesiredNode.Reasons();
    List<Resource> owned = new ArrayList<>();

    for (String port : section.rescuePorts()) {
      why.add(out, RouterOsEntry.builtIn("/interface ethernet", port).set("comment", MikrotikSection.RESCUE_COMMENT)
          .build(), "a rescue port: the backup hook leaves ports with this comment enabled");
    }
    why.add(out, script(RoleHooks.ON_MASTER, hooks.onMaster()), "the role hook the heartbeat runs when this router"
        + " becomes active: traffic ports, bonding and BGP up");
    why.add(out, script(RoleHooks.ON_BACKUP, hooks.onBackup()), "the role hook the heartbeat runs when this router"
        + " becomes standby: traffic ports, bonding and BGP down");
    why.add(out, script(RoleHooks.STARTUP, hooks.startup()), "the startup guard: traffic ports down at boot before"
        + " they can pass traffic with the active router's MAC addresses");
    why.add(out, RouterOsEntry.owned("/system scheduler", "name", RoleHooks.STARTUP)
        .set("start-time", "startup")
        .set("interval", "0s")
        .set("on-event", "/system script run " + RoleHooks.STARTUP)
        .set("policy", SCRIPT_POLICY)
        .set("comment", MARK)
        .build(), "runs the startup guard at boot");

    why.add(out, RouterOsEntry.owned("/interface bridge", "name", link.bridge())
        .set("protocol-mode", "none")
        .set("comment", MARK)
        .build(), "the HA link's bridge, its comment marking it as ha-provision's");
    why.add(out, RouterOsEntry.owned("/interface bridge port", "interface", link.interfaceName())
        .set("bridge", link.bridge())
        .set("comment", MARK)
        .build(), "the HA port in the HA link's bridge");
    why.add(out, address(link.addressCidr(role), link.bridge()), "this router's address on the HA link");
    for (Map.Entry<String, InterfaceAddress> own : node.interfaces().entrySet()) {
      why.add(out, address(own.getValue().cidr(), own.getKey()),
          "this router's own address, from the inventory's interfaces");
    }

    RouterOsEntry.Builder heartbeatEntry = RouterOsEntry.owned("/interface vrrp", "name", heartbeat.name())
        .set("interface", link.bridge())
        .set("vrid", String.valueOf(heartbeat.vrid()))
        .set("priority", String.valueOf(heartbeat.priority(role)))
        .set("interval", RouterOsValues.time(heartbeat.interval()))
        .set("version", String.valueOf(heartbeat.version()))
        .set("preemption-mode", heartbeat.preempts() ? "yes" : "no")
        .set("authentication", "none")
        .set("on-master", "/system script run " + RoleHooks.ON_MASTER)
        .set("on-backup", "/system script run " + RoleHooks.ON_BACKUP);
    if (section.format().onFail()) {
      // A member of the group without link puts the whole group in failure, which runs
      // on-fail, not on-backup: the router must go standby then too (FACTS.md).
      heartbeatEntry.set("on-fail", "/system script run " + RoleHooks.ON_BACKUP);
    }
    why.add(out, heartbeatEntry.set("comment", MARK).build(), "the heartbeat: it decides the roles and runs"
        + " ha-provision's role hooks");
    why.add(out, address(heartbeat.address() + "/32", heartbeat.name()), "the heartbeat's address, which always reaches"
        + " the active router");

    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      why.add(out, serviceVrrp(section, instance, instance.nodes().of(role)),
          "service VRRP " + instance.name() + " from the inventory");
      for (VipSpec vip : instance.vips()) {
        why.add(out, address(vip.address() + "/32", instance.name()), "a VIP of service VRRP " + instance.name());
      }
    }
    if (section.replaces() == HandBuilt.HA_MIKROTIK) {
      HaMikrotik.retirements(section, role, (entry, reason) -> why.add(out, entry, reason));
    }
    // Last: what ha-provision added once and the inventory no longer names goes, addresses
    // before the interfaces they sit on, scheduler entries before the scripts they run.
    for (String menu : List.of("/ip address", "/interface vrrp", "/interface bridge port", "/interface bridge",
        "/system scheduler", "/system script")) {
      List<Map<String, String>> keep = new ArrayList<>();
      for (Resource r : out) {
        if (r instanceof RouterOsEntry e && e.menu().equals(menu) && e.kind() == RouterOsEntry.Kind.OWNED) {
          keep.add(e.key());
        }
      }
      owned.add(new RouterOsOwnedSet(menu, MARK, keep));
    }
    // An owned set's removals say why themselves: ha-provision added them, the inventory no longer names them.
    List<Resource> all = new ArrayList<>(out);
    all.addAll(owned);
    return new DesiredNode(pair.name(), node.name(), all, List.of(), why.map());
  }

  private static RouterOsEntry serviceVrrp(MikrotikSection section, VrrpInstanceSpec instance, InstanceNodeSettings settings) {
    RouterOsEntry.Builder b = RouterOsEntry.owned("/interface vrrp", "name", instance.name())
        .set("interface", instance.interfaceName())
        .set("vrid", String.valueOf(instance.virtualRouterId()))
        .set("priority", String.valueOf(settings.priority()))
        .set("interval", RouterOsValues.time(settings.advertInt().value()))
        .set("version", String.valueOf(settings.version().value()))
        .set("preemption-mode", instance.nopreempt() ? "no" : "yes");
    if (settings.auth().value().isPresent()) {
      VrrpAuth auth = settings.auth().value().get();
      b.set("authentication", auth.type() == io.haprovision.inventory.AuthType.AH ? "ah" : "simple");
      b.secret("password", auth.password());
    } else {
      b.set("authentication", "none");
    }
    if (!section.format().vrrpGroup().isEmpty()) {
      // RouterOS 7 moves the whole group with the heartbeat; RouterOS 6 does it in the hooks.
      b.set("group-master", section.heartbeat().name());
    }
    return b.set("comment", MARK).build();
  }

  private static RouterOsEntry script(String name, String source) {
    return RouterOsEntry.owned("/system script", "name", name)
        .set("policy", SCRIPT_POLICY)
        .set("source", source)
        .set("comment", MARK)
        .build();
  }

  private static RouterOsEntry address(String cidr, String interfaceName) {
    return RouterOsEntry.owned("/ip address", "address", cidr)
        .set("interface", interfaceName)
        .set("comment", MARK)
        .build();
  }
}
