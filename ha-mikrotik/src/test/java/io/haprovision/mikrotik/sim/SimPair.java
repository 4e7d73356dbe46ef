package io.haprovision.mikrotik.sim;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import io.haprovision.Provisioner;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.lab.routeros.RouterOsLab;
import io.haprovision.lab.routeros.SimulatedRouter;
import io.haprovision.mikrotik.MikrotikTarget;
import io.haprovision.mikrotik.device.PrintedEntry;
import io.haprovision.spi.Targets;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two factory-like simulated routers (an SSH user and an address, nothing else) and an
 * inventory that makes them a pair, with the user's key and the routers' host keys in files.
 */
final class SimPair implements AutoCloseable {
  final RouterOsLab lab;
  final SimulatedRouter a;
  final SimulatedRouter b;
  final Path inventory;
  final int routerOs;
  final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
  /** The environment {@code ${env:...}} secrets come from. */
  Map<String, String> environment = Map.of();

  private SimPair(RouterOsLab lab, Path inventory, int routerOs) {
    this.lab = lab;
    this.a = lab.a();
    this.b = lab.b();
    this.inventory = inventory;
    this.routerOs = routerOs;
  }

  /** Starts a pair in {@code dialect} reporting {@code version}, with the inventory in {@code dir}. */
  static SimPair start(RouterOsDialect dialect, String version, Path dir, String extraMikrotik) throws Exception {
    return start(dialect, version, dir, extraMikrotik, true);
  }

  /**
   * A pair whose routers know ha-provision's key only when {@code keyInstalled}; otherwise they
   * are factory routers with a user {@code ha-provision} and no key (for the bootstrap script).
   */
  static SimPair start(RouterOsDialect dialect, String version, Path dir, String extraMikrotik, boolean keyInstalled)
      throws Exception {
    JSch jsch = new JSch();
    KeyPair key = KeyPair.genKeyPair(jsch, KeyPair.ED25519);
    ByteArrayOutputStream pub = new ByteArrayOutputStream();
    key.writePublicKey(pub, "mtik-test");
    ByteArrayOutputStream prv = new ByteArrayOutputStream();
    key.writeOpenSSHv1PrivateKey(prv, null);
    Path id = dir.resolve("id_ed25519");
    Files.write(id, prv.toByteArray());
    Files.write(dir.resolve("id_ed25519.pub"), pub.toByteArray());
    RouterOsLab.Spec spec = RouterOsLab.Spec.of(dialect, version).pair("ccr").etherCount(8)
        .clockStart(LocalDateTime.of(2026, 11, 22, 5, 20, 11));
    RouterOsLab lab = RouterOsLab.start(keyInstalled ? spec.authorizedKey(pub.toString(StandardCharsets.UTF_8).strip())
        : spec.user("ha-provision"));
    try {
      Files.writeString(dir.resolve("known_hosts"), lab.a().knownHostsLine() + "\n" + lab.b().knownHostsLine() + "\n");
      int ros = dialect == RouterOsDialect.V6 ? 6 : 7;
      String yaml = """
          version: 1
          defaults:
            ssh:
              user: %s
              identity_file: id_ed25519
              known_hosts: known_hosts
              host_key_policy: strict
          pairs:
            - name: ccr
              platform: mikrotik
              nodes:
                - name: ccr-a
                  role: primary
                  host: %s
                  ssh: { port: %d }
                  interfaces:
                    ether1: 203.0.113.2/29
                    ether2: 198.51.100.2/24
                - name: ccr-b
                  role: secondary
                  host: %s
                  ssh: { port: %d }
                  interfaces:
                    ether1: 203.0.113.3/29
                    ether2: 198.51.100.3/24
              vrrp:
                instances:
                  - name: WAN
                    interface: %s
                    virtual_router_id: 51
                    vips: [203.0.113.1/29]
                    priority: { primary: 150, secondary: 100 }
                  - name: LAN
                    interface: ether2
                    virtual_router_id: 52
                    vips: [198.51.100.1/24]
                    priority: { primary: 150, secondary: 100 }
              mikrotik:
                routeros: %d
                identity: ccr
                rescue_ports: [ether7]
          %s
                ha_link:
                  mac:
                    primary: "%s"
                    secondary: "%s"
          """.formatted(lab.a().user(), lab.a().host(), lab.a().port(), lab.b().host(), lab.b().port(), "%WAN%", ros,
          extraMikrotik.isEmpty() ? "" : extraMikrotik, haMac(lab.a()), haMac(lab.b()));
      Path inv = dir.resolve("inventory.yml");
      Files.writeString(inv, yaml.replace("%WAN%", "ether1").replaceAll("(?m)^\\s*\\n", ""));
      return new SimPair(lab, inv, ros);
    } catch (Exception e) {
      lab.close();
      throw e;
    }
  }

  /** The inventory with {@code from} replaced by {@code to}. */
  void edit(String from, String to) throws Exception {
    String text = Files.readString(inventory);
    if (!text.contains(from)) {
      throw new AssertionError("inventory lacks " + from);
    }
    Files.writeString(inventory, text.replace(from, to));
  }

  /**
   * Gives instance LAN (VRID 52) VRRP version 2 and a {@code PASS} password from environment
   * variable {@code variable}.
   */
  void lanPassword(String variable) throws Exception {
    String text = Files.readString(inventory);
    String line = text.lines().filter(l -> l.strip().equals("virtual_router_id: 52")).findFirst().orElseThrow();
    String indent = line.substring(0, line.indexOf('v'));
    edit(line, line + "\n" + indent + "version: 2\n" + indent
        + "authentication:\n" + indent + "  type: PASS\n" + indent + "  password: ${env:" + variable + "}");
  }

  /** The HA port's orig-mac-address, as an operator would copy it. */
  private static String haMac(SimulatedRouter r) {
    List<PrintedEntry> e = PrintedEntry.parseAll(r.console("/interface ethernet print terse where name=ether8"));
    return e.get(0).get("orig-mac-address");
  }

  Provisioner provisioner() {
    return Provisioner.builder().inventory(inventory).targets(Targets.of(new MikrotikTarget()))
        .environment(environment).listener(e -> progress.add(e.pair() + "/" + e.node() + " " + e.phase() + " " + e.message()))
        .build();
  }

  @Override
  public void close() {
    lab.close();
  }
}
