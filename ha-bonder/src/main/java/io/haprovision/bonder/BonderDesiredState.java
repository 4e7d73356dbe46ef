package io.haprovision.bonder;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.keepalived.KeepalivedConf;
import io.haprovision.keepalived.KeepalivedConfs;
import io.haprovision.keepalived.KeepalivedOptions;
import io.haprovision.keepalived.KeepalivedRenderer;
import io.haprovision.keepalived.Notify;
import io.haprovision.keepalived.VrrpScript;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ServiceResource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one bonder should have, in apply order: the keepalived and curl packages, the notify
 * program and the node check, the notify program's settings (0600, with the API password),
 * the connected-IP hook when keepalived starts that way, keepalived.conf (checked with
 * {@code keepalived -t -f} on the bonder before it replaces the old one, through
 * {@link BonderPaths#KEEPALIVED_CHECK} when an instance has no VIP), and the
 * keepalived service, reloaded (never restarted) when its configuration changes.
 */
public final class BonderDesiredState {
  /** Name of the {@code vrrp_script} that runs the node check. */
  public static final String TRACK_SCRIPT = "bonder_node";
  /** The handler that reloads keepalived in place; a MASTER stays master. */
  public static final String RELOAD_KEEPALIVED = "reload-keepalived";

  private BonderDesiredState() {}

  /** The keepalived.conf model of {@code node}: the inventory's instances, our track script and notify program. */
  public static KeepalivedConf keepalivedConf(PairSpec pair, NodeSpec node) {
    BonderSection section = pair.platformSection(BonderSection.class);
    // reload_check_config makes keepalived 2.2 refuse to start (exit "permanent error CONFIG")
    // on any config warning, and an instance without virtual_ipaddress always warns ("No VIP
    // specified"), as bonder instances do by design: keep it only when every instance has a
    // VIP. The file is still checked on the bonder before it is installed (keepalived-check).
    boolean vipless = pair.vrrp().instances().stream().anyMatch(i -> i.vips().isEmpty());
    KeepalivedOptions options = KeepalivedOptions.defaults()
        .withNotifyCommands(Notify.generic(BonderPaths.NOTIFY_PROGRAM + " " + BonderPaths.NOTIFY_CONFIG))
        .withExtraScript(new VrrpScript(TRACK_SCRIPT, BonderPaths.TRACK_PROGRAM, section.trackInterval(),
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(2), OptionalInt.of(2)))
        .withReloadCheckConfig(!vipless)
        .withDrainFile(new io.haprovision.keepalived.DrainFile(BonderPaths.DRAIN_FILE));
    return KeepalivedConfs.forNode(pair, node, options);
  }

  /** The desired state of {@code node}, one of {@code pair}'s bonders. */
  public static DesiredNode forNode(PairSpec pair, NodeSpec node) {
    BonderSection section = pair.platformSection(BonderSection.class);
    List<Resource> out = new ArrayList<>();
    DesiredNode.Reasons why = new DesiredNode.Reasons();
    why.add(out, PackageResource.installed("keepalived"), "keepalived runs VRRP between the bonders");
    why.add(out, PackageResource.installed("curl"), "the notify program calls the management server's API with curl");
    why.add(out, FileResource.of(BonderPaths.NOTIFY_PROGRAM, BonderFiles.notifyProgram()).withMode("0755"),
        "ha-provision's notify program: it moves the floating objects through the API on every state change and"
            + " fails loudly when a call fails, in place of the guide's script");
    why.add(out, FileResource.of(BonderPaths.TRACK_PROGRAM, BonderFiles.trackProgram(section)).withMode("0755"),
        "the track script keepalived runs, from bonder.track_command");
    why.add(out, FileResource.secret(BonderPaths.NOTIFY_CONFIG, BonderFiles.notifyConfig(pair, node, section)),
        "the notify program's settings, mode 0600: API host, user and password, bond and object ids");
    boolean hook = section.keepalivedStart() == KeepalivedStart.CONNECTED_IP_HOOK;
    if (hook) {
      Bond bond = section.bonds().of(node.role());
      String id = bond.hookConnectedIp().orElseThrow();
      why.add(out, FileResource.of(BonderPaths.connectedIpHook(id), BonderFiles.connectedIpHook(bond, id))
          .withMode("0755"), "bonding's connected-IP hook starts and stops keepalived, from"
              + " bonder.keepalived_start: connected-ip-hook");
    }
    KeepalivedConf conf = keepalivedConf(pair, node);
    String text = KeepalivedRenderer.render(conf);
    FileResource confFile = conf.holdsSecret()
        ? FileResource.secret(BonderPaths.KEEPALIVED_CONF, text)
        : FileResource.of(BonderPaths.KEEPALIVED_CONF, text);
    // keepalived -t fails on an instance without VIPs (a warning); bonders have none by design.
    boolean vipless = conf.instances().stream().anyMatch(i -> i.virtualIps().isEmpty());
    if (vipless) {
      why.add(out, FileResource.of(BonderPaths.KEEPALIVED_CHECK, BonderFiles.keepalivedCheck()).withMode("0755"),
          "checks a keepalived.conf without VIPs, on which keepalived -t warns");
    }
    String check = vipless ? BonderPaths.KEEPALIVED_CHECK + " %s" : "keepalived -t -f %s";
    why.add(out, confFile.withValidation(check).notifying(RELOAD_KEEPALIVED),
        "keepalived's configuration, rendered from the inventory's vrrp section and checked before it replaces"
            + " the live file");
    // With the connected-IP hook, systemd must not start keepalived at boot; it still runs now.
    why.add(out, new ServiceResource("keepalived", !hook, true, java.util.Optional.empty(), java.util.Optional.empty())
        .withHandlers(RELOAD_KEEPALIVED, null), hook ? "keepalived runs now; bonding's hook starts it at boot, not"
            + " systemd" : "keepalived runs, and systemd starts it at boot, from bonder.keepalived_start: systemd");
    return new DesiredNode(pair.name(), node.name(), out,
        List.of(new Handler(RELOAD_KEEPALIVED, Handler.Kind.RELOAD, "systemctl reload keepalived")), why.map());
  }
}
