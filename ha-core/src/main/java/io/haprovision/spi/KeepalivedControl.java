package io.haprovision.spi;

import java.util.List;
import java.util.Objects;

/**
 * Where keepalived keeps its runtime files on a platform and how to reload, stop and start
 * it there. The engine reads the pid file to find the daemon, signals it for its state dump
 * (FACTS.md: {@code kill -USR1} writes {@link #dataFile()}; builds with JSON write
 * {@link #jsonFile()} on the signal {@code keepalived --signum=JSON} names), and the drills
 * stop, start and reload it with these commands.
 *
 * @param pidFiles where the parent process's pid may be, tried in order (then {@code pidof})
 * @param dataFile the text state dump written on SIGUSR1
 * @param jsonFile the JSON state dump written on the JSON signal
 * @param reloadCommand reloads the configuration in place (SIGHUP); a MASTER stays MASTER
 * @param stopCommand stops the daemon (a MASTER hands over with a priority-0 advert)
 * @param startCommand starts the daemon
 * @param drainFile the file every instance tracks so a node can be drained
 *     ({@link io.haprovision.keepalived.DrainFile}); empty where the platform renders none
 */
public record KeepalivedControl(
    List<String> pidFiles, String dataFile, String jsonFile, String reloadCommand, String stopCommand,
    String startCommand, java.util.Optional<io.haprovision.keepalived.DrainFile> drainFile) {

  /** The pid files keepalived writes by default on Debian and OpenWrt. */
  public static final List<String> DEFAULT_PID_FILES = List.of("/run/keepalived.pid", "/var/run/keepalived.pid");
  /** Where keepalived writes its text state dump. */
  public static final String DEFAULT_DATA_FILE = "/tmp/keepalived.data";
  /** Where keepalived writes its JSON state dump. */
  public static final String DEFAULT_JSON_FILE = "/tmp/keepalived.json";

  /** Copies the list; rejects nulls. */
  public KeepalivedControl {
    pidFiles = List.copyOf(pidFiles);
    Objects.requireNonNull(dataFile, "dataFile");
    Objects.requireNonNull(jsonFile, "jsonFile");
    Objects.requireNonNull(reloadCommand, "reloadCommand");
    Objects.requireNonNull(stopCommand, "stopCommand");
    Objects.requireNonNull(startCommand, "startCommand");
    Objects.requireNonNull(drainFile, "drainFile");
  }

  /** Control without a drain file. */
  public KeepalivedControl(List<String> pidFiles, String dataFile, String jsonFile, String reloadCommand,
      String stopCommand, String startCommand) {
    this(pidFiles, dataFile, jsonFile, reloadCommand, stopCommand, startCommand, java.util.Optional.empty());
  }

  /** This control with nodes drained through {@code file}. */
  public KeepalivedControl withDrainFile(io.haprovision.keepalived.DrainFile file) {
    return new KeepalivedControl(pidFiles, dataFile, jsonFile, reloadCommand, stopCommand, startCommand,
        java.util.Optional.of(file));
  }

  /** OpenWrt's procd init script: {@code /etc/init.d/keepalived reload|stop|start}. */
  public static KeepalivedControl initScript() {
    return new KeepalivedControl(DEFAULT_PID_FILES, DEFAULT_DATA_FILE, DEFAULT_JSON_FILE,
        "/etc/init.d/keepalived reload", "/etc/init.d/keepalived stop", "/etc/init.d/keepalived start");
  }

  /** systemd: {@code systemctl reload|stop|start keepalived}. */
  public static KeepalivedControl systemd() {
    return new KeepalivedControl(DEFAULT_PID_FILES, DEFAULT_DATA_FILE, DEFAULT_JSON_FILE,
        "systemctl reload keepalived", "systemctl stop keepalived", "systemctl start keepalived");
  }

  /**
   * Decides on the node: a procd init script ({@code /etc/init.d/keepalived} run by
   * {@code /etc/rc.common}) first, else systemd, else a SysV init script.
   */
  public static KeepalivedControl auto() {
    return new KeepalivedControl(DEFAULT_PID_FILES, DEFAULT_DATA_FILE, DEFAULT_JSON_FILE,
        autoCommand("reload"), autoCommand("stop"), autoCommand("start"));
  }

  private static String autoCommand(String action) {
    return "if [ -x /etc/init.d/keepalived ] && { l=; read -r l < /etc/init.d/keepalived; case \"$l\" in *rc.common*) true ;; *) false ;; esac; }; then"
        + " /etc/init.d/keepalived " + action + ";"
        + " elif command -v systemctl >/dev/null 2>&1; then systemctl " + action + " keepalived;"
        + " else /etc/init.d/keepalived " + action + "; fi";
  }
}
