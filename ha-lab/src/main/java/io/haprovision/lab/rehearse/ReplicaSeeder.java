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
 * SSH session's stdin, never a command line: they may hold secrets. OpenWrt nodes only
 * (opkg, procd init scripts).
 */
final class ReplicaSeeder {
  private ReplicaSeeder() {}

  static void seed(PairSpec replica, ReplicaMap map, List<LiveCopy> copies) {
    SshTransport transport = new SshTransport();
    for (LiveCopy copy : copies) {
      NodeSpec node = replica.nodes().stream().filter(n -> n.name().equals(copy.node())).findFirst().orElseThrow();
      try (Connection c = transport.open(SshNodeConnector.endpoint(node))) {
        seed(c, map, copy);
      }
    }
  }

  private static void seed(Connection c, ReplicaMap map, LiveCopy copy) {
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
    for (Map.Entry<ResourceId, ResourceState> e : copy.states().entrySet()) {
      if (e.getValue() instanceof PackageState p) {
        String name = ShellQuote.quote(e.getKey().key());
        String installed = "opkg list-installed | grep -q \"^\"" + name + "\" \"";
        // like a router, the lab's opkg installs only from package lists fetched by `opkg update`
        run(c, p.installed() ? installed + " || { opkg update >/dev/null && opkg install " + name + " >/dev/null; }"
            : "! " + installed + " || opkg remove " + name + " >/dev/null");
      }
    }
    if (firewall) {
      run(c, "[ ! -x /etc/init.d/firewall ] || /etc/init.d/firewall restart >/dev/null 2>&1");
    }
    for (Map.Entry<ResourceId, ResourceState> e : copy.states().entrySet()) {
      if (e.getValue() instanceof ServiceState s) {
        String init = ShellQuote.quote("/etc/init.d/" + e.getKey().key());
        run(c, "[ -x " + init + " ] || exit 0; " + init + (s.enabled() ? " enable" : " disable") + "; "
            + init + (s.running() ? " restart" : " stop") + " >/dev/null 2>&1; true");
      }
    }
  }

  private static void run(Connection c, String command) {
    ExecResult r = c.exec(command);
    if (!r.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, c.target(),
          "seeding the replica failed: `" + command + "` exited " + r.exitCode() + ": " + r.stderr().strip());
    }
  }
}
