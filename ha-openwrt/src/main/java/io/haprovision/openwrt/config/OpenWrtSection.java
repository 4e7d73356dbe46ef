package io.haprovision.openwrt.config;

import io.haprovision.secret.Secret;
import io.haprovision.spi.PlatformSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pair's {@code openwrt:} section, bound. Every part is optional in the inventory and
 * has a safe default: no conntrackd, no DHCP management, a role hook without VPNs or user
 * commands, only ha-provision's own paths kept across sysupgrade, no SNAT rule, no
 * connection drill.
 *
 * @param packageManager how packages get installed
 * @param conntrackd connection-state sync between the nodes
 * @param dhcp DHCP served by the MASTER only, with the VIP as gateway and DNS
 * @param roleHooks what the role hook does besides DHCP and conntrackd
 * @param sysupgrade extra paths kept across a firmware upgrade
 * @param snat source NAT of the LAN's traffic to a WAN VIP (fw4 {@code config nat})
 * @param connectionDrill the open-connection failover drill of {@code verify --drills}
 * @param firewall the zone of the sync link, for the fw4 rules the pair needs
 * @param path key path of the section ({@code pairs[0].openwrt})
 */
public record OpenWrtSection(
    PackageManager packageManager,
    ConntrackdSettings conntrackd,
    DhcpSettings dhcp,
    RoleHookSettings roleHooks,
    SysupgradeSettings sysupgrade,
    SnatSettings snat,
    ConnectionDrillSettings connectionDrill,
    FirewallSettings firewall,
    String path)
    implements PlatformSection {

  /** Rejects nulls. */
  public OpenWrtSection {
    Objects.requireNonNull(packageManager, "packageManager");
    Objects.requireNonNull(conntrackd, "conntrackd");
    Objects.requireNonNull(dhcp, "dhcp");
    Objects.requireNonNull(roleHooks, "roleHooks");
    Objects.requireNonNull(sysupgrade, "sysupgrade");
    Objects.requireNonNull(snat, "snat");
    Objects.requireNonNull(connectionDrill, "connectionDrill");
    Objects.requireNonNull(firewall, "firewall");
    Objects.requireNonNull(path, "path");
  }

  /** The section of a pair that has no {@code openwrt:} key: every default. */
  public static OpenWrtSection defaults(String path) {
    return new OpenWrtSection(PackageManager.AUTO, ConntrackdSettings.disabled(path + ".conntrackd"),
        DhcpSettings.none(path + ".dhcp"), RoleHookSettings.none(path + ".role_hooks"),
        SysupgradeSettings.none(path + ".sysupgrade"), SnatSettings.disabled(path + ".snat"),
        ConnectionDrillSettings.disabled(path + ".connection_drill"), FirewallSettings.defaults(path + ".firewall"),
        path);
  }

  /** The lease-sync private key, when lease sync is on. */
  @Override
  public List<Secret> secrets() {
    List<Secret> out = new ArrayList<>();
    dhcp.leaseSync().privateKey().ifPresent(out::add);
    return List.copyOf(out);
  }
}
