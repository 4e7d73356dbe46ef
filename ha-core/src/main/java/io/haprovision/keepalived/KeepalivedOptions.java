package io.haprovision.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a platform changes in the keepalived.conf the inventory describes
 * ({@link KeepalivedConfs#forNode}). Start from {@link #defaults()}.
 *
 * @param notifyCommands when present, replaces the inventory's notify commands: it goes
 *     on the sync group when the pair has one (its members then get none, so the command
 *     runs once per change) and on every instance outside a sync group. OpenWrt points
 *     it at its role hook, bonders at their generic {@code notify} program. A platform
 *     that sets it is responsible for running the inventory's own notify commands, if any.
 * @param dropVips leave every {@code virtual_ipaddress} out (bonders: the floating objects
 *     move through the management API)
 * @param extraScripts {@code vrrp_script}s the platform adds; tracked by the sync group
 *     when there is one and by every instance outside it
 * @param reloadCheckConfig render {@code reload_check_config} (keepalived 2.2.0+)
 * @param drainFile the file through which the platform drains a node ({@link DrainFile}), if any
 */
public record KeepalivedOptions(
    Optional<Notify> notifyCommands, boolean dropVips, List<VrrpScript> extraScripts, boolean reloadCheckConfig,
    Optional<DrainFile> drainFile) {
  /** Copies the script list. */
  public KeepalivedOptions {
    Objects.requireNonNull(notifyCommands, "notifyCommands");
    extraScripts = List.copyOf(extraScripts);
    Objects.requireNonNull(drainFile, "drainFile");
  }

  /** These options with the node drained through {@code file}. */
  public KeepalivedOptions withDrainFile(DrainFile file) {
    return new KeepalivedOptions(notifyCommands, dropVips, extraScripts, reloadCheckConfig, Optional.of(file));
  }

  /** The inventory as written: its own notify commands and VIPs, no extra script, no reload check. */
  public static KeepalivedOptions defaults() {
    return new KeepalivedOptions(Optional.empty(), false, List.of(), false, Optional.empty());
  }

  /** These options with {@code notify} replacing the inventory's notify commands. */
  public KeepalivedOptions withNotifyCommands(Notify notify) {
    return new KeepalivedOptions(Optional.of(notify), dropVips, extraScripts, reloadCheckConfig, drainFile);
  }

  /** These options without any virtual IP. */
  public KeepalivedOptions withoutVips() {
    return new KeepalivedOptions(notifyCommands, true, extraScripts, reloadCheckConfig, drainFile);
  }

  /** These options with one more script, tracked as {@link #extraScripts()} says. */
  public KeepalivedOptions withExtraScript(VrrpScript script) {
    List<VrrpScript> scripts = new ArrayList<>(extraScripts);
    scripts.add(script);
    return new KeepalivedOptions(notifyCommands, dropVips, scripts, reloadCheckConfig, drainFile);
  }

  /** These options with or without {@code reload_check_config}. */
  public KeepalivedOptions withReloadCheckConfig(boolean enabled) {
    return new KeepalivedOptions(notifyCommands, dropVips, extraScripts, enabled, drainFile);
  }
}
