package io.haprovision.lab.rehearse;

import io.haprovision.engine.LiveCopy;
import io.haprovision.engine.LiveCopy.CopiedFile;
import io.haprovision.engine.SshNodeConnector;
import io.haprovision.error.TargetException;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.resource.PackageState;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.resource.ServiceState;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.InstallOptions;
import io.haprovision.transport.RemoteFiles;
import io.haprovision.transport.ShellQuote;
import io.haprovision.transport.SshTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Makes a replica node hold what its real router has, in the order a router boots: the copied
 * files (addresses mapped, same modes; a file the router lacks is removed), then each managed
 * package installed or removed as on the router, the firewall reloaded from the copied
 * config, then each managed service enabled or disabled and running or stopped as on the
 * router (a running one restarted, so it runs the copied configuration). Files go over the
 * SSH session's stdin, never a command line: they may hold secrets. OpenWrt nodes (opkg, procd
 * init scripts) and Debian ones (apt, systemctl).
 */
final class ReplicaSeeder {
  private ReplicaSeeder() {}

  /**
   * Seeds both nodes of {@code replica}.
   *
   * @param extraFiles files the replica needs that the routers' copy does not hold (a
   *     simulator's CA), by path, 0644
   */
  static void seed(PairSpec replica, ReplicaMap map, List<LiveCopy> copies, Map<String, String> extraFiles) {
    SshTransport transport = new SshTransport();
    for (LiveCopy copy : copies) {
      NodeSpec node = replica.nodes().stream().filter(n -> n.name().equals(copy.node())).findFirst().orElseThrow();
      try (Connection c = transport.open(SshNodeConnector.endpoint(node))) {
        seed(c, map, copy, extraFiles);
      }
    }
  }

  private static void seed(Connection c, ReplicaMap map, LiveCopy copy, Map<String, String> extraFiles) {
    RemoteFiles files = new RemoteFiles(c);
    boolean firewall = false;
    for (CopiedFile f : copy.files()) {
      if (f.content().isPresent()) {
        files.install(f.path(), map.apply(f.content().get()).getBytes(StandardCharsets.UTF_8),
            InstallOptions.defaults().withMode(f.mode()).withCreateParents(true));
      } else {
        files.remove(f.path());
      }
      firewall |= f.path().equals("/etc/config/firewall");
    }
    extraFiles.forEach((path, text) -> files.install(path, text.getBytes(StandardCharsets.UTF_8),
        InstallOptions.defaults().withMode("0644").withCreateParents(true)));
    for (Map.Entry<ResourceId, ResourceState> e : copy.states().entrySet()) {
      if (e.getValue() instanceof PackageState p) {
        run(c, packageCommand(ShellQuote.quote(e.getKey().key()), p.installed()));
      }
    }
    if (firewall) {
      run(c, "[ ! -x /etc/init.d/firewall ] || /etc/init.d/firewall restart >/dev/null 2>&1");
    }
    for (Map.Entry<ResourceId, ResourceState> e : copy.states().entrySet()) {
      if (e.getValue() instanceof ServiceState s) {
        run(c, serviceCommand(ShellQuote.quote(e.getKey().key()), s));
      }
    }
  }

  /**
   * Installs or removes package {@code name} (quoted) with the node's package manager: opkg on
   * OpenWrt (from lists fetched by {@code opkg update}, as on a router), apt on Debian.
   */
  static String packageCommand(String name, boolean installed) {
    String opkgHas = "opkg list-installed | grep -q \"^\"" + name + "\" \"";
    String dpkgHas = "dpkg-query -W -f='${db:Status-Abbrev}' " + name + " 2>/dev/null | grep -q '^ii'";
    return "if command -v opkg >/dev/null 2>&1; then "
        + (installed ? opkgHas + " || { opkg update >/dev/null && opkg install " + name + " >/dev/null; }"
            : "! " + opkgHas + " || opkg remove " + name + " >/dev/null")
        + "; else export DEBIAN_FRONTEND=noninteractive; "
        + (installed ? dpkgHas + " || apt-get install -y -q " + name + " >/dev/null || { apt-get update -q >/dev/null"
            + " && apt-get install -y -q " + name + " >/dev/null; }"
            : "! " + dpkgHas + " || apt-get remove -y -q " + name + " >/dev/null")
        + "; fi";
  }

  /**
   * Enables or disables service {@code name} (quoted) and starts (restarts: it is to run the
   * copied configuration) or stops it: procd init scripts on OpenWrt, systemctl elsewhere.
   */
  static String serviceCommand(String name, ServiceState s) {
    String init = "/etc/init.d/" + name;
    return "if [ -f /etc/rc.common ]; then [ -x " + init + " ] || exit 0; " + init + (s.enabled() ? " enable" : " disable")
        + "; " + init + (s.running() ? " restart" : " stop") + " >/dev/null 2>&1; true; "
        + "else systemctl " + (s.enabled() ? "enable " : "disable ") + name + " >/dev/null 2>&1; systemctl "
        + (s.running() ? "restart " : "stop ") + name + " >/dev/null 2>&1; true; fi";
  }

  private static void run(Connection c, String command) {
    ExecResult r = c.exec(command);
    if (!r.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, c.target(),
          "seeding the replica failed: `" + command + "` exited " + r.exitCode() + ": " + r.stderr().strip());
    }
  }
}
