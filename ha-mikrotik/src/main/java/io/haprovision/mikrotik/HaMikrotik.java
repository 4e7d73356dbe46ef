package io.haprovision.mikrotik;

import io.haprovision.inventory.NodeRole;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What svlsResearch/ha-mikrotik leaves on a router it made highly available (read from its
 * {@code HA_init.rsc} and {@code ha_startup}, release 0.8dev20220621210200, FACTS.md): its
 * scripts, its scheduler entries, and the entries {@code ha_startup} adds at every boot with
 * the comment {@value #AUTO_COMMENT} (the HA bridge, its port and address, the heartbeat's
 * address, a default route through the peer, two filter rules, the FTP user {@code ha}).
 *
 * <p>A pair adopted from ha-mikrotik ({@code replaces: ha-mikrotik}) loses the scheduler
 * entries, scripts and the route: left in place, {@code ha_startup} would remove the heartbeat
 * at the next boot and add it again with ha-mikrotik's hooks, and {@code ha_checkchanges}
 * would push a backup onto the standby and reboot it after every change. The bridge, port,
 * addresses and heartbeat become ha-provision's (their comment changes); the filter rules and
 * the {@code ha} user stay, as import says.
 */
public final class HaMikrotik {
  /** The comment {@code ha_startup} puts on what it adds. */
  public static final String AUTO_COMMENT = "HA_AUTO";
  /** Its scripts, as {@code HA_init.rsc} names them. */
  public static final List<String> SCRIPTS = List.of(
      "ha_checkchanges", "ha_config", "ha_config_base", "ha_functions", "ha_install", "ha_loop_push_standby",
      "ha_onbackup", "ha_onmaster", "ha_pushbackup", "ha_report_startup", "ha_setconfigver", "ha_setidentity",
      "ha_startup", "ha_switchrole");

  private HaMikrotik() {}

  /** A scheduler entry of ha-mikrotik's and why it goes. */
  private record Scheduler(String name, String why) {}

  /** Its scheduler entries, the boot entries first. */
  private static final List<Scheduler> SCHEDULER_ENTRIES = List.of(
      new Scheduler("ha_startup", "ha-mikrotik's boot entry: at the next boot it would remove the heartbeat and add"
          + " it again with ha-mikrotik's hooks; " + RoleHooks.STARTUP + " replaces it"),
      new Scheduler("ha_report_startup", "ha-mikrotik's boot report, which runs its scripts"),
      new Scheduler("ha_exportcurrent", "ha-mikrotik's export every 10 minutes for its configuration sync"),
      new Scheduler("ha_checkchanges", "ha-mikrotik's configuration sync: it would push a backup onto the standby"
          + " and reboot it after any change; `provision action sync-standby` replaces it"),
      new Scheduler("ha_auto_pushbackup", "ha-mikrotik's daily push of a backup onto the standby, which reboots it;"
          + " `provision action sync-standby` replaces it"));

  /** Its scheduler entries' names, the boot entries first. */
  public static final List<String> SCHEDULERS = SCHEDULER_ENTRIES.stream().map(Scheduler::name).toList();

  /**
   * The removals that retire ha-mikrotik on the router with {@code role}, each given to
   * {@code add} with why it goes, in the order they run: scheduler entries first (nothing of
   * ha-mikrotik runs after them), then the route, then the scripts. They come after the
   * heartbeat runs ha-provision's hooks.
   */
  static void retirements(MikrotikSection section, NodeRole role, BiConsumer<RouterOsEntry, String> add) {
    for (Scheduler s : SCHEDULER_ENTRIES) {
      add.accept(RouterOsEntry.absent("/system scheduler", Map.of("name", s.name())), s.why());
    }
    String peer = section.haLink().address().of(role == NodeRole.PRIMARY ? NodeRole.SECONDARY : NodeRole.PRIMARY);
    add.accept(RouterOsEntry.absent("/ip route", Map.of("comment", AUTO_COMMENT, "gateway", peer)),
        "ha-mikrotik's default route through the peer over the HA link: each router's own, which"
            + " ha-provision does not manage and which would make the two shared configurations differ");
    for (String name : SCRIPTS) {
      add.accept(RouterOsEntry.absent("/system script", Map.of("name", name)), name.equals("ha_config_base")
          ? "ha-mikrotik's settings, with its FTP password in clear text"
          : "ha-mikrotik's script; ha-provision's hooks and actions replace it");
    }
  }
}
