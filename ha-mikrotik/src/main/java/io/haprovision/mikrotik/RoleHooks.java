package io.haprovision.mikrotik;

import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * The sources of the three RouterOS scripts that carry a router's role: what runs when the
 * heartbeat becomes master, when it becomes backup, and at boot (the startup guard). Each
 * is a plain sequence of commands, the same on every router of a pair but for its identity.
 *
 * <p>Dialects: RouterOS 6 keeps BGP sessions in {@code /routing bgp peer}, 7 in
 * {@code /routing bgp connection}. On 7 the service VRRP interfaces follow the heartbeat
 * through {@code group-master}; 6 has no such property, so its hooks enable and disable
 * them.
 */
public final class RoleHooks {
  /** Script run when the heartbeat becomes master. */
  public static final String ON_MASTER = "HA_ON_MASTER";
  /** Script run when the heartbeat becomes backup. */
  public static final String ON_BACKUP = "HA_ON_BACKUP";
  /** Script (and scheduler entry) run at boot. */
  public static final String STARTUP = "HA_STARTUP";
  /** 1200 x 50 ms: how long the startup guard waits for the HA port to appear. */
  static final int STARTUP_TRIES = 1200;
  /**
   * The guard acts only this soon after boot: a {@code start-time=startup} entry has been seen
   * to fire again later on newer releases, and a guard running on a live active router would
   * take its traffic down (ha-mikrotik checks the uptime for the same reason).
   */
  static final String STARTUP_WINDOW = "00:05:00";

  private final PairSpec pair;
  private final MikrotikSection section;
  private final NodeRole role;

  RoleHooks(PairSpec pair, MikrotikSection section, NodeRole role) {
    this.pair = pair;
    this.section = section;
    this.role = role;
  }


  /** The command that sends the router's traffic ports down: every ethernet port but the HA port and rescue ports. */
  String disableTrafficPorts() {
    return "/interface ethernet disable [find where name!=" + quoted(section.haLink().interfaceName())
        + " and comment!=" + quoted(MikrotikSection.RESCUE_COMMENT) + "]";
  }

  /** What runs when the heartbeat becomes master: ports, bonding, (v6) service VRRP, BGP up; identity {@code _ACTIVE}. */
  String onMaster() {
    List<String> lines = new ArrayList<>();
    lines.add("/interface ethernet enable [find]");
    lines.add("/interface bonding enable [find]");
    if (section.format().vrrpGroup().isEmpty()) {
      for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
        lines.add("/interface vrrp enable [find name=" + quoted(instance.name()) + "]");
      }
    }
    if (section.bgp()) {
      lines.add(section.format().bgpMenu() + " enable [find]");
    }
    lines.add("/system identity set name=" + RouterOsSyntax.value(identity() + "_ACTIVE"));
    lines.add(":log info \"ha-provision: " + section.heartbeat().name() + " is master, traffic enabled\"");
    return String.join("\n", lines) + "\n";
  }

  /** What runs when the heartbeat becomes backup: BGP, (v6) service VRRP, bonding, ports down; identity {@code _STANDBY}. */
  String onBackup() {
    List<String> lines = new ArrayList<>();
    if (section.bgp()) {
      lines.add(section.format().bgpMenu() + " disable [find]");
    }
    if (section.format().vrrpGroup().isEmpty()) {
      for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
        lines.add("/interface vrrp disable [find name=" + quoted(instance.name()) + "]");
      }
    }
    lines.add("/interface bonding disable [find]");
    lines.add(disableTrafficPorts());
    lines.add("/system identity set name=" + RouterOsSyntax.value(identity() + "_STANDBY"));
    lines.add(":log info \"ha-provision: " + section.heartbeat().name() + " is backup, traffic disabled\"");
    return String.join("\n", lines) + "\n";
  }

  /**
   * What runs at boot, and only in the first {@value #STARTUP_WINDOW} of uptime (later it logs
   * and stops): wait (50 ms steps, at most a minute) for the HA port, then hold the
   * heartbeat, send BGP, bonding and the traffic ports down, and let the heartbeat decide
   * again, which runs the matching hook. On any error the traffic ports still go down
   * and the heartbeat is released, so a failed guard leaves a standby, never a second
   * active router. A heartbeat found disabled at boot is a drained router: it stays
   * disabled, the router a standby with its ports down, until {@code undrain}.
   */
  String startup() {
    String heartbeat = "[find name=" + quoted(section.heartbeat().name()) + "]";
    List<String> lines = new ArrayList<>();
    lines.add(":if ([/system resource get uptime] > " + STARTUP_WINDOW + ") do={");
    lines.add("    :log warning \"ha-provision: " + STARTUP + " ran long after boot; left the router as it is\"");
    lines.add("    :error \"not right after boot\"");
    lines.add("}");
    // A drained router (its heartbeat disabled: provision action drain) stays out of VRRP.
    lines.add(":local drained [/interface vrrp get " + heartbeat + " disabled]");
    lines.add(":local tries 0");
    lines.add(":while ([:len [/interface find where name=" + quoted(section.haLink().interfaceName())
        + "]] = 0 && $tries < " + STARTUP_TRIES + ") do={");
    lines.add("    :delay 50ms");
    lines.add("    :set tries ($tries + 1)");
    lines.add("}");
    lines.add(":do {");
    lines.add("    /interface vrrp disable " + heartbeat);
    if (section.bgp()) {
      lines.add("    " + section.format().bgpMenu() + " disable [find]");
    }
    lines.add("    /interface bonding disable [find]");
    lines.add("    " + disableTrafficPorts());
    lines.add("    :if ($drained) do={");
    lines.add("        :log warning \"ha-provision: " + section.heartbeat().name()
        + " was disabled at boot (drained): left disabled, traffic ports down\"");
    lines.add("    } else={");
    lines.add("        /interface vrrp enable " + heartbeat);
    lines.add("    }");
    lines.add("} on-error={");
    lines.add("    " + disableTrafficPorts());
    lines.add("    :log error \"ha-provision: startup guard failed; traffic ports disabled\"");
    lines.add("    :if (!$drained) do={ /interface vrrp enable " + heartbeat + " }");
    lines.add("}");
    return String.join("\n", lines) + "\n";
  }

  private String identity() {
    return section.nodeIdentity(pair.name(), role);
  }

  private static String quoted(String value) {
    return "\"" + value + "\"";
  }
}
