package io.haprovision.openwrt;

import io.haprovision.openwrt.config.DhcpInterface;
import io.haprovision.openwrt.config.OpenWrtSection;
import io.haprovision.openwrt.config.RoleHookSettings;
import io.haprovision.transport.ShellQuote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The role hook: a POSIX sh script keepalived runs as {@code role-hook master|backup|fault|stop}
 * on every state change of the pair (the sync group's, or each instance's without one).
 *
 * <p>MASTER: commit conntrackd's external cache into the kernel, flush, resync, send a
 * bulk update ({@code -c}, {@code -f}, {@code -R}, {@code -B}), recording what the commit
 * did (entries in the external cache, the kernel's table before and after) in
 * {@link OpenWrtPaths#CONNTRACK_STATUS} and the log; install the leases the peer
 * pushed; serve DHCP ({@code dhcp.IF.ignore=0}, commit, dnsmasq reload or start); bring
 * the VPN interfaces up; run the user's master commands. BACKUP (and STOP): stop serving
 * DHCP, VPNs down, ask conntrackd for a resync ({@code -n}); user's backup commands.
 * FAULT: as BACKUP, then shorten the kernel's conntrack timers ({@code -t}); user's fault
 * commands. Every action is logged with {@code logger -t ha-provision}; the role goes to
 * a status file first; a failed action is logged and the others still run; the exit code
 * is 1 when anything failed. A lock directory keeps two state changes from interleaving.
 */
public final class RoleHookScript {
  private RoleHookScript() {}

  /**
   * The paths the hook uses; {@link #onNode()} on a router, others in tests.
   *
   * @param roleFile where the role is written (one line)
   * @param lockDir the lock directory (created with mkdir, holds the holder's pid)
   * @param initDir where the init scripts are ({@code /etc/init.d})
   * @param conntrackdConf conntrackd's configuration (locates its control socket)
   * @param peerLeases where the peer's pushed lease file lands
   * @param dhcpLeases dnsmasq's lease file
   * @param conntrackStatus where the MASTER sequence records what it committed
   * @param conntrackCount the kernel's count of connection-table entries
   */
  public record HookPaths(
      String roleFile, String lockDir, String initDir, String conntrackdConf, String peerLeases, String dhcpLeases,
      String conntrackStatus, String conntrackCount) {
    /** Rejects nulls. */
    public HookPaths {
      Objects.requireNonNull(roleFile, "roleFile");
      Objects.requireNonNull(lockDir, "lockDir");
      Objects.requireNonNull(initDir, "initDir");
      Objects.requireNonNull(conntrackdConf, "conntrackdConf");
      Objects.requireNonNull(peerLeases, "peerLeases");
      Objects.requireNonNull(dhcpLeases, "dhcpLeases");
      Objects.requireNonNull(conntrackStatus, "conntrackStatus");
      Objects.requireNonNull(conntrackCount, "conntrackCount");
    }

    /** The paths on an OpenWrt node. */
    public static HookPaths onNode() {
      return new HookPaths(OpenWrtPaths.ROLE_FILE, OpenWrtPaths.ROLE_LOCK, "/etc/init.d",
          OpenWrtPaths.CONNTRACKD_CONF, OpenWrtPaths.PEER_LEASES, OpenWrtPaths.DHCP_LEASES,
          OpenWrtPaths.CONNTRACK_STATUS, "/proc/sys/net/netfilter/nf_conntrack_count");
    }
  }

  /** The script for node {@code node} of {@code pair}, with the OpenWrt paths. */
  public static String render(io.haprovision.inventory.PairSpec pair, String node) {
    return render(pair, node, HookPaths.onNode());
  }

  /** The script for node {@code node} of {@code spec}, with {@code paths}. */
  public static String render(io.haprovision.inventory.PairSpec spec, String node, HookPaths paths) {
    OpenWrtSection section = spec.platformSection(OpenWrtSection.class);
    String pair = spec.name();
    List<io.haprovision.openwrt.config.PairResolution.ResolvedDhcp> dhcp =
        io.haprovision.openwrt.config.PairResolution.resolveDhcp(spec, section);
    RoleHookSettings hooks = section.roleHooks();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("pair", pair);
    model.put("node", node);
    model.put("roleFile", ShellQuote.quote(paths.roleFile()));
    model.put("lockDir", ShellQuote.quote(paths.lockDir()));
    model.put("dnsmasqInit", ShellQuote.quote(paths.initDir() + "/dnsmasq"));
    model.put("conntrackd", section.conntrackd().enabled());
    model.put("conntrackdConf", ShellQuote.quote(paths.conntrackdConf()));
    model.put("conntrackStatus", ShellQuote.quote(paths.conntrackStatus()));
    model.put("conntrackCount", ShellQuote.quote(paths.conntrackCount()));
    model.put("dhcpSections", section.dhcp().interfaces().stream().map(DhcpInterface::section).toList());
    // `role-hook sync` serves DHCP where the gateway VIP is bound: the MASTER.
    model.put("dhcpGateway", dhcp.stream().findFirst()
        .map(d -> ShellQuote.quote(" " + d.gateway() + "/")).orElse("''"));
    model.put("leaseSync", section.dhcp().leaseSync().enabled());
    model.put("peerLeases", ShellQuote.quote(paths.peerLeases()));
    model.put("dhcpLeases", ShellQuote.quote(paths.dhcpLeases()));
    model.put("vpns", hooks.vpnInterfaces());
    model.put("master", quoted(hooks.master()));
    model.put("backup", quoted(hooks.backup()));
    model.put("fault", quoted(hooks.fault()));
    return Templates.render("role-hook.sh.ftl", model);
  }

  private static List<String> quoted(List<String> commands) {
    return commands.stream().map(ShellQuote::quote).toList();
  }
}
