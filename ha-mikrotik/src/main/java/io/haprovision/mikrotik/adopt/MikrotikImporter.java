package io.haprovision.mikrotik.adopt;

import io.haprovision.error.TargetException;
import io.haprovision.mikrotik.HaMikrotik;
import io.haprovision.mikrotik.device.PrintedEntry;
import io.haprovision.mikrotik.device.RouterFacts;
import io.haprovision.mikrotik.device.RouterScripts;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.PlatformImporter;
import io.haprovision.transport.ExecResult;
import java.util.List;
import java.util.Map;

/**
 * Reads a RouterOS pair built with svlsResearch/ha-mikrotik ({@code HA_init.rsc}, then
 * {@code $HAInstall}): the HA port in its bridge and the routers' addresses on it (commented
 * {@code HA_AUTO}), each HA port's {@code orig-mac-address}, the heartbeat {@code HA_VRRP}
 * with its priorities (150 marks the preferred router), its address, the {@code HA_RESCUE}
 * ports, the identity's base, and any service VRRP interface. Nothing is changed, and nothing
 * secret is read: the export is taken menu by menu, never {@code /system script} (ha-mikrotik's
 * {@code ha_config_base} holds its FTP password), and on RouterOS 6 with {@code hide-sensitive}.
 */
public final class MikrotikImporter implements PlatformImporter {
  static final String CONFIG = "config";
  static final String SCRIPTS = "scripts";
  static final String SCHEDULERS = "schedulers";
  static final String ETHERNET = "ethernet";
  static final String IDENTITY = "identity";
  static final String RESOURCE = "resource";

  @Override
  public Reading read(Context context) {
    List<RouterReading> routers =
        context.readEach("the HA link, heartbeat, VRRP interfaces and addresses", MikrotikImporter::read);
    return HaMikrotikAdoption.adopt(context.pair(), routers.get(0), routers.get(1));
  }

  /** The read-only script for a router of {@code dialect} (6 or 7). */
  static String readScript(int dialect) {
    String hide = dialect == 6 ? " hide-sensitive" : "";
    return String.join("\n",
        RouterScripts.put(IDENTITY), "/system identity print",
        RouterScripts.put(ETHERNET), "/interface ethernet print terse",
        RouterScripts.put(CONFIG), "/interface ethernet export terse", "/interface bridge export terse",
        "/interface vrrp export terse" + hide, "/ip address export terse", "/ip route export terse",
        RouterScripts.put(SCRIPTS), ":foreach s in=[/system script find] do={:put [/system script get $s name]}",
        RouterScripts.put(SCHEDULERS), ":foreach s in=[/system scheduler find] do={:put [/system scheduler get $s name]}",
        RouterScripts.put("end")) + "\n";
  }

  private static RouterReading read(NodeContext n) {
    ExecResult resource = n.connection().exec("/system resource print");
    String version = RouterFacts.keyValues(resource.stdout()).getOrDefault("version", "");
    if (!version.matches("[67]\\..*")) {
      throw new TargetException(TargetException.Kind.FAILED, n.target(), "node " + n.node() + " did not answer"
          + " /system resource print with a RouterOS 6 or 7 version (" + RouterScripts.clip(resource.stdout()
          + resource.stderr()) + "); is it a RouterOS router, and may the user read its configuration?");
    }
    int dialect = version.charAt(0) - '0';
    ExecResult r = n.connection().exec(readScript(dialect));
    Map<String, String> sections = RouterScripts.sections(r.stdout());
    if (!sections.containsKey("end")) {
      throw new TargetException(TargetException.Kind.FAILED, n.target(), "reading node " + n.node() + " failed: "
          + RouterScripts.clip(r.stdout() + r.stderr()));
    }
    return new RouterReading(n.node(), n.target(), version, dialect,
        RouterFacts.keyValues(sections.get(IDENTITY)).getOrDefault("name", ""),
        PrintedEntry.parseAll(sections.get(ETHERNET)), RouterOsExport.parse(sections.get(CONFIG)),
        lines(sections.get(SCRIPTS)), lines(sections.get(SCHEDULERS)));
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /**
   * What one router showed.
   *
   * @param node its name in the inventory
   * @param target {@code user@host:port}
   * @param version as {@code /system resource} printed it
   * @param dialect 6 or 7
   * @param identity {@code /system identity}'s name
   * @param ethernet the ethernet ports ({@code print terse})
   * @param config the exported menus: ethernet, bridge (with ports), VRRP, addresses, routes
   * @param scripts the names of its scripts
   * @param schedulers the names of its scheduler entries
   */
  record RouterReading(String node, String target, String version, int dialect, String identity,
      List<PrintedEntry> ethernet, RouterOsExport config, List<String> scripts, List<String> schedulers) {
    /** The addresses added on {@code iface} ({@code /ip address}), in export order. */
    List<RouterOsExport.Entry> addressesOn(String iface) {
      return config.of("/ip address").stream()
          .filter(e -> e.added() && iface.equals(e.properties().get("interface")))
          .toList();
    }

    /** True when ha-mikrotik's scripts or scheduler entries are there. */
    boolean hasHaMikrotik() {
      return scripts.stream().anyMatch(HaMikrotik.SCRIPTS::contains)
          || schedulers.stream().anyMatch(HaMikrotik.SCHEDULERS::contains);
    }
  }
}
