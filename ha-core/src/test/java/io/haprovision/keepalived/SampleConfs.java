package io.haprovision.keepalived;

import io.haprovision.keepalived.Authentication.AuthType;
import io.haprovision.secret.Secret;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Confs covering the shapes the platforms produce, shared by the golden and check tests. */
final class SampleConfs {
  private SampleConfs() {}

  static final Secret PASSWORD = Secret.of("s3cr3tpw", "env:VRRP_PASS");

  /** OpenWrt-like: unicast VRRPv2 with PASS auth, labelled VIPs, tracking, routes, garp. */
  static KeepalivedConf unicastV2WithAuth() {
    VrrpInstance lan = VrrpInstance.builder("LAN", "br-lan", 51)
        .state(VrrpState.MASTER)
        .priority(150)
        .advertInt(new BigDecimal("1.0"))
        .authentication(Optional.of(new Authentication(AuthType.PASS, PASSWORD)))
        .unicast(Optional.of("192.168.1.2"), List.of("192.168.1.3"))
        .virtualIps(List.of(
            VirtualIp.of("192.168.1.1/24"),
            new VirtualIp("192.168.1.53/24", Optional.of("br-lan"), Optional.of("br-lan:dns"))))
        .trackInterfaces(List.of(new TrackInterface("wan", OptionalInt.of(-20))))
        .virtualRoutes(List.of(new VirtualRoute("0.0.0.0/0", Optional.of("203.0.113.1"), Optional.of("wan"),
            Optional.of("203.0.113.10"))))
        .garp(new Garp(OptionalInt.of(5), OptionalInt.of(5), OptionalInt.of(0)))
        .build();
    return new KeepalivedConf(GlobalDefs.of("gw-a"), List.of(), List.of(lan), Optional.empty());
  }

  /** Multicast VRRPv3 every 0.1 s on a non-default group, backup with preempt delay. */
  static KeepalivedConf multicastV3Fast() {
    VrrpInstance wan = VrrpInstance.builder("WAN", "wan", 52)
        .state(VrrpState.BACKUP)
        .priority(100)
        .advertInt(new BigDecimal("0.10"))
        .version(3)
        .preemptDelay(10)
        .virtualIps(List.of(VirtualIp.of("203.0.113.10/29")))
        .build();
    return new KeepalivedConf(new GlobalDefs("gw-b", Optional.of("224.0.0.19"), Optional.empty(), true), List.of(), List.of(wan),
        Optional.empty());
  }

  /** Two instances in a sync group tracking a script, with notify commands on the group. */
  static KeepalivedConf syncGroupOfTwo() {
    VrrpScript ping = new VrrpScript("wan_ping", "/bin/ping -c1 -W1 203.0.113.1", 2, OptionalInt.of(2),
        OptionalInt.of(-30), OptionalInt.of(2), OptionalInt.of(2));
    VrrpInstance lan = VrrpInstance.builder("LAN", "br-lan", 51)
        .state(VrrpState.MASTER)
        .priority(150)
        .virtualIps(List.of(VirtualIp.of("192.168.1.1/24")))
        .trackInterfaces(List.of(TrackInterface.of("wan")))
        .build();
    VrrpInstance wan = VrrpInstance.builder("WAN", "wan", 52)
        .state(VrrpState.MASTER)
        .priority(150)
        .virtualIps(List.of(VirtualIp.of("203.0.113.10/29")))
        .build();
    Notify role = new Notify(Optional.of("/usr/libexec/ha/role master"), Optional.of("/usr/libexec/ha/role backup"),
        Optional.of("/usr/libexec/ha/role fault"), Optional.of("/usr/libexec/ha/role stop"), Optional.empty());
    SyncGroup group = new SyncGroup("OFFICE", List.of("LAN", "WAN"), List.of("wan_ping"), role);
    return new KeepalivedConf(GlobalDefs.of("gw-a"), List.of(ping), List.of(lan, wan), Optional.of(group));
  }

  /** Bonder-like: unicast, priority 10, no VIP, a track script and a generic notify program. */
  static KeepalivedConf bonderNoVip() {
    VrrpScript nodePing = new VrrpScript("bond_node_ping", "/usr/local/bin/bondsh node ping", 5,
        OptionalInt.of(4), OptionalInt.empty(), OptionalInt.of(3), OptionalInt.of(2));
    VrrpInstance bond = VrrpInstance.builder("BONDER", "eth1", 60)
        .state(VrrpState.MASTER)
        .priority(10)
        .unicast(Optional.of("198.51.100.21"), List.of("198.51.100.22"))
        .trackScripts(List.of("bond_node_ping"))
        .notifyCommands(Notify.generic("/usr/local/lib/ha-provision/bonder-notify"))
        .build();
    return new KeepalivedConf(GlobalDefs.of("bonder-a"), List.of(nodePing), List.of(bond), Optional.empty());
  }
}
