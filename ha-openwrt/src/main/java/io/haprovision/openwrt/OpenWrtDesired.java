package io.haprovision.openwrt;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.keepalived.DrainFile;
import io.haprovision.keepalived.KeepalivedConf;
import io.haprovision.keepalived.KeepalivedConfs;
import io.haprovision.keepalived.KeepalivedOptions;
import io.haprovision.keepalived.KeepalivedRenderer;
import io.haprovision.keepalived.Notify;
import io.haprovision.openwrt.config.ConntrackdSettings;
import io.haprovision.openwrt.config.LeaseSyncSettings;
import io.haprovision.openwrt.config.OpenWrtSection;
import io.haprovision.openwrt.config.PairResolution;
import io.haprovision.openwrt.config.PairResolution.ResolvedDhcp;
import io.haprovision.openwrt.config.StaticLease;
import io.haprovision.openwrt.uci.UciOption;
import io.haprovision.openwrt.uci.UciSection;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.LineInFile;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ServiceResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one node of an OpenWrt pair should have, in apply order: packages; the
 * scripts (role hook first: keepalived's config test checks that notify scripts exist);
 * conntrackd; DHCP in UCI; keepalived.conf, keepalived's UCI switches and its service;
 * the {@code /etc/sysupgrade.conf} lines. Pure: no I/O, the same pair gives the same
 * resources.
 */
final class OpenWrtDesired {
  /** Reloads keepalived in place (SIGHUP): a MASTER stays master. */
  static final Handler KEEPALIVED_RELOAD =
      new Handler("keepalived-reload", Handler.Kind.RELOAD, "/etc/init.d/keepalived reload");
  /**
   * Restarts conntrackd: it has no reload, it reads its file only at start. A restart
   * loses only its caches, which the role hook's resync (MASTER) or resync request
   * (BACKUP) rebuilds; traffic and VRRP are untouched.
   */
  static final Handler CONNTRACKD_RESTART =
      new Handler("conntrackd-restart", Handler.Kind.RESTART, "/etc/init.d/conntrackd restart");
  /** Re-reads /etc/config/dhcp into dnsmasq (procd restarts the instance only if its config changed). */
  static final Handler DNSMASQ_RELOAD =
      new Handler("dnsmasq-reload", Handler.Kind.RELOAD, "/etc/init.d/dnsmasq reload");

  /** Re-renders fw4's ruleset from /etc/config/firewall (atomic; conntrack entries stay). */
  static final Handler FIREWALL_RELOAD =
      new Handler("firewall-reload", Handler.Kind.RELOAD, "/etc/init.d/firewall reload");
  /** Applies ha-provision's sysctl file now; /etc/init.d/sysctl applies it at every boot. */
  /**
   * Runs the role hook's {@code sync} once it was installed or changed: a running pair (one
   * being adopted) sees no role change, so nothing else would make its BACKUP stop serving
   * DHCP. Runs after keepalived's reload, on each node as it is changed.
   */
  static final Handler ROLE_HOOK_SYNC =
      new Handler("role-hook-sync", Handler.Kind.RUN, OpenWrtPaths.ROLE_HOOK + " sync");
  static final Handler SYSCTL_APPLY =
      new Handler("sysctl-apply", Handler.Kind.RUN, "sysctl -e -p " + OpenWrtPaths.SYSCTL_CONF + " >/dev/null");

  private OpenWrtDesired() {}

  static DesiredNode of(PairSpec pair, NodeSpec node) {
    OpenWrtSection s = pair.platformSection(OpenWrtSection.class);
    ConntrackdSettings conntrackd = s.conntrackd();
    LeaseSyncSettings leaseSync = s.dhcp().leaseSync();
    List<Resource> r = new ArrayList<>();
    List<Handler> handlers = new ArrayList<>();
    Set<String> kept = new LinkedHashSet<>();
    DesiredNode.Reasons why = new DesiredNode.Reasons();

    why.add(r, PackageResource.installed("keepalived"), "keepalived runs VRRP, which moves the VIPs");
    if (conntrackd.enabled()) {
      int from = r.size();
      r.add(PackageResource.installed("conntrackd"));
      r.add(PackageResource.installed("conntrack"));
      why.since(r, from, "conntrackd keeps open connections through a failover, from openwrt.conntrackd");
    }

    why.add(r, script(OpenWrtPaths.ROLE_HOOK, RoleHookScript.render(pair, node.name()))
        .notifying(ROLE_HOOK_SYNC.name()), "ha-provision's role hook, which keepalived runs on every state change:"
            + " DHCP on the MASTER only, conntrackd's commit and resync; it replaces hand-written notify scripts");
    kept.add(OpenWrtPaths.LIBEXEC_DIR);

    List<ResolvedDhcp> dhcp = PairResolution.resolveDhcp(pair, s);
    if (leaseSync.enabled()) {
      NodeSpec peer = pair.peerOf(node);
      String peerAddress = conntrackd.enabled()
          ? PairResolution.resolveSyncAddresses(pair, conntrackd).of(peer.role())
          : peer.address(dhcp.get(0).instance().interfaceName()).orElseThrow().address();
      int from = r.size();
      r.add(FileResource.secret(OpenWrtPaths.LEASE_SYNC_KEY, leaseSync.privateKey().orElseThrow().reveal() + "\n"));
      r.add(script(OpenWrtPaths.LEASE_SYNC,
          LeaseSync.script(pair.name(), node.name(), peer.name(), peerAddress, peer.ssh().port())));
      r.add(LineInFile.present(leaseSync.authorizedKeys(),
          LeaseSync.authorizedKeysLine(leaseSync.publicKey().orElseThrow())));
      why.since(r, from, "the lease sync copies DHCP leases to the peer, from openwrt.dhcp.lease_sync");
      kept.add(OpenWrtPaths.ETC_DIR);
      kept.add(leaseSync.authorizedKeys());
    }

    if (conntrackd.enabled()) {
      int from = r.size();
      r.add(script(OpenWrtPaths.CONNTRACKD_CHECK, ConntrackdConf.checkScript(conntrackd)));
      r.add(FileResource.of(OpenWrtPaths.CONNTRACKD_CONF, ConntrackdConf.render(pair, node, conntrackd))
          .withValidation(OpenWrtPaths.CONNTRACKD_CHECK + " %s")
          .notifying(CONNTRACKD_RESTART.name()));
      r.add(ServiceResource.enabledAndRunning("conntrackd").withHandlers(null, CONNTRACKD_RESTART.name()));
      why.since(r, from, "conntrackd's state sync, from openwrt.conntrackd; the file is checked before it"
          + " replaces the live file");
      handlers.add(CONNTRACKD_RESTART);
      kept.add(OpenWrtPaths.CONNTRACKD_DIR);
      if (!conntrackd.tcpPickup()) {
        // A new MASTER forwards only the TCP connections conntrackd committed (or that start anew).
        why.add(r, FileResource.of(OpenWrtPaths.SYSCTL_CONF, "# Managed by ha-provision: local changes are overwritten"
            + " on the next apply.\n# No mid-stream TCP pickup: after a failover only the connections conntrackd"
            + " committed pass.\nnet.netfilter.nf_conntrack_tcp_loose=0\n").notifying(SYSCTL_APPLY.name()),
            "no mid-stream TCP pickup, from openwrt.conntrackd.tcp_pickup: false");
        handlers.add(SYSCTL_APPLY);
        kept.add(OpenWrtPaths.SYSCTL_CONF);
      }
    }

    if (s.snat().enabled()) {
      int from = r.size();
      String reload = FIREWALL_RELOAD.name();
      for (PairResolution.ResolvedSnat n : PairResolution.resolveSnat(pair, s.snat())) {
        String sec = n.section();
        r.add(UciSection.of("firewall", sec, "nat").notifying(reload));
        r.add(UciOption.set("firewall", sec, "name", "ha-provision: " + n.source() + " to VIP " + n.snatIp())
            .notifying(reload));
        r.add(UciOption.set("firewall", sec, "family", "ipv4").notifying(reload));
        r.add(UciOption.set("firewall", sec, "proto", "all").notifying(reload));
        r.add(UciOption.set("firewall", sec, "src", n.zone()).notifying(reload));
        r.add(UciOption.set("firewall", sec, "src_ip", n.source()).notifying(reload));
        r.add(UciOption.set("firewall", sec, "target", "SNAT").notifying(reload));
        r.add(UciOption.set("firewall", sec, "snat_ip", n.snatIp()).notifying(reload));
      }
      handlers.add(FIREWALL_RELOAD);
      why.since(r, from, "source NAT to the VIP, from openwrt.snat");
    }

    // What the pair needs through fw4 (VRRP, the sync), before the services that need it.
    List<Resource> firewall = new ArrayList<>(FirewallRules.of(pair, node, s, FIREWALL_RELOAD.name()));
    if (conntrackd.enabled()) {
      firewall.add(FileResource.of(OpenWrtPaths.NFT_TAKEOVER_HOLD, FirewallRules.takeoverHold(pair))
          .notifying(FIREWALL_RELOAD.name()));
      kept.add(OpenWrtPaths.NFT_TAKEOVER_HOLD);
    }
    if (!firewall.isEmpty()) {
      why.since(firewall, 0, "lets the peer's VRRP adverts and sync traffic through fw4, which rejects them by"
          + " default");
      r.addAll(firewall);
      if (!handlers.contains(FIREWALL_RELOAD)) {
        handlers.add(FIREWALL_RELOAD);
      }
    }

    if (!dhcp.isEmpty()) {
      int from = r.size();
      String reload = DNSMASQ_RELOAD.name();
      for (ResolvedDhcp d : dhcp) {
        String sec = d.spec().section();
        r.add(UciSection.of("dhcp", sec, "dhcp").notifying(reload));
        r.add(UciOption.set("dhcp", sec, "interface", d.spec().interfaceName()).notifying(reload));
        r.add(UciOption.set("dhcp", sec, "force", d.spec().force() ? "1" : "0").notifying(reload));
        List<String> options = new ArrayList<>();
        options.add("3," + d.gateway());
        options.add("6," + d.dns());
        options.addAll(d.spec().extraOptions());
        r.add(UciOption.list("dhcp", sec, "dhcp_option", options).notifying(reload));
      }
      why.since(r, from, "DHCP hands out the VIP as gateway and DNS, from openwrt.dhcp");
      from = r.size();
      for (StaticLease lease : s.dhcp().staticLeases()) {
        String sec = lease.sectionName();
        r.add(UciSection.of("dhcp", sec, "host").notifying(reload));
        r.add(UciOption.set("dhcp", sec, "name", lease.name()).notifying(reload));
        r.add(UciOption.set("dhcp", sec, "mac", lease.mac()).notifying(reload));
        r.add(UciOption.set("dhcp", sec, "ip", lease.ip()).notifying(reload));
      }
      why.since(r, from, "a static lease from the inventory, from openwrt.dhcp.static_leases");
      if (leaseSync.enabled()) {
        why.add(r, UciOption.set("dhcp", "@dnsmasq[0]", "dhcpscript", OpenWrtPaths.LEASE_SYNC).notifying(reload),
            "dnsmasq runs the lease sync on every lease change");
      }
      why.add(r, ServiceResource.enabledAndRunning("dnsmasq").withHandlers(reload, null),
          "dnsmasq serves DHCP and DNS on the VIP");
      handlers.add(DNSMASQ_RELOAD);
    }

    KeepalivedConf conf = KeepalivedConfs.forNode(pair, node, keepalivedOptions(pair));
    String text = KeepalivedRenderer.render(conf);
    FileResource keepalivedConf = conf.holdsSecret()
        ? FileResource.secret(OpenWrtPaths.KEEPALIVED_CONF, text)
        : FileResource.of(OpenWrtPaths.KEEPALIVED_CONF, text);
    int keepalivedFrom = r.size();
    r.add(keepalivedConf.withValidation("keepalived -t -f %s").notifying(KEEPALIVED_RELOAD.name()));
    why.since(r, keepalivedFrom, "keepalived's configuration, rendered from the inventory's vrrp section and"
        + " checked with keepalived -t before it replaces the live file");
    r.add(UciSection.of("keepalived", "globals", "globals").notifying(KEEPALIVED_RELOAD.name()));
    r.add(UciOption.set("keepalived", "globals", "enabled", "1").notifying(KEEPALIVED_RELOAD.name()));
    r.add(UciOption.set("keepalived", "globals", "alt_config_file", OpenWrtPaths.KEEPALIVED_CONF)
        .notifying(KEEPALIVED_RELOAD.name()));
    r.add(ServiceResource.enabledAndRunning("keepalived").withHandlers(KEEPALIVED_RELOAD.name(), null));
    why.since(r, keepalivedFrom, "OpenWrt's keepalived init script runs the file ha-provision writes");
    handlers.add(KEEPALIVED_RELOAD);
    handlers.add(ROLE_HOOK_SYNC);
    kept.add(OpenWrtPaths.KEEPALIVED_DIR);

    kept.addAll(s.sysupgrade().keep());
    int sysupgradeFrom = r.size();
    for (String path : kept) {
      r.add(LineInFile.present(OpenWrtPaths.SYSUPGRADE_CONF, path));
    }
    why.since(r, sysupgradeFrom, "sysupgrade keeps this path, so the HA configuration survives a firmware upgrade");
    return new DesiredNode(pair.name(), node.name(), r, handlers, why.map());
  }

  /**
   * The role hook is the notify command of the sync group (or of each instance without one)
   * unless the inventory gives its own notify commands; every instance tracks the drain file.
   * No {@code reload_check_config}: every file is checked with {@code keepalived -t} before it
   * replaces the live one, and keepalived 2.2.7 exits (permanent error CONFIG) on a reload that
   * turns it on while the running file had warnings, as a hand-built pair's often has (an
   * auth_pass over 8 characters): adopting such a pair would stop keepalived.
   */
  static KeepalivedOptions keepalivedOptions(PairSpec pair) {
    KeepalivedOptions options = KeepalivedOptions.defaults().withDrainFile(new DrainFile(OpenWrtPaths.DRAIN_FILE));
    if (PairResolution.hasOwnNotify(pair)) {
      return options;
    }
    String hook = OpenWrtPaths.ROLE_HOOK;
    return options.withNotifyCommands(new Notify(Optional.of(hook + " master"), Optional.of(hook + " backup"),
        Optional.of(hook + " fault"), Optional.of(hook + " stop"), Optional.empty()));
  }

  /** A root-owned executable script. */
  private static FileResource script(String path, String content) {
    return FileResource.of(path, content).withMode("0755");
  }
}
