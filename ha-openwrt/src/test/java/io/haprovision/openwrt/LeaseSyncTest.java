package io.haprovision.openwrt;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.PairSpec;
import io.haprovision.openwrt.LeaseSync.SyncPaths;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.LineInFile;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ServiceResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease sync: the dhcp-script pushes dnsmasq's lease file to the peer only while MASTER
 * and only for lease events (stub {@code ssh} recording its arguments and stdin), and the
 * desired state installs the key 0600, the script, the restricted key line and the
 * {@code dhcpscript} option.
 */
class LeaseSyncTest {
  @TempDir
  Path tmp;
  private ShellRunner shell;
  private Path script;

  @BeforeEach
  void setUp() throws Exception {
    shell = new ShellRunner(tmp);
    shell.stubs("logger");
    // An ssh that records its arguments and what it was sent; no dbclient here, so ssh is used.
    Path ssh = shell.script("bin/ssh", "#!/bin/sh\necho \"ssh $*\" >> \"$CALLS\"\ncat > \"$CALLS.stdin\"\n");
    assertThat(ssh).exists();
    SyncPaths paths = new SyncPaths(tmp.resolve("role").toString(), tmp.resolve("dhcp.leases").toString(),
        tmp.resolve("key").toString());
    script = shell.script("lease-sync", LeaseSync.script("office", "gw-a", "gw-b", "198.18.0.2", 22, paths));
    Files.writeString(tmp.resolve("dhcp.leases"), "1700000000 02:00:5e:10:00:21 192.0.2.21 printer *\n");
  }

  private List<String> pushes() throws Exception {
    // The push runs in the background after a second; wait for it to land (generously: CI
    // machines are loaded) and for the script to log it, or clearly not happen.
    for (int i = 0; i < 200 && !(Files.exists(tmp.resolve("calls.log.stdin"))
        && shell.logged().stream().anyMatch(l -> l.contains("pushed leases"))); i++) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return shell.actions();
  }

  @Test
  void parses() throws Exception {
    assertThat(shell.syntaxCheck(script).exitCode()).isZero();
  }

  @Test
  void aMasterPushesItsLeaseFileToThePeer() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.exists(Path.of("/usr/bin/dbclient")) || Files.exists(Path.of("/usr/sbin/dbclient")),
        "skipped: this machine has dropbear's dbclient, which the script prefers over ssh");
    Files.writeString(tmp.resolve("role"), "master\n");
    assertThat(shell.run(script, null, "add", "02:00:5e:10:00:21", "192.0.2.21", "printer").exitCode()).isZero();
    assertThat(pushes()).singleElement().asString()
        .startsWith("ssh -i " + tmp.resolve("key") + " -p 22 -o BatchMode=yes -o StrictHostKeyChecking=accept-new")
        .endsWith("root@198.18.0.2 push");
    assertThat(Files.readString(tmp.resolve("calls.log.stdin"))).contains("192.0.2.21 printer");
    assertThat(shell.logged()).anyMatch(l -> l.startsWith("logger -t ha-provision") && l.contains("pushed leases to gw-b"));
  }

  @Test
  void onDropbearItPushesWithDbclient() throws Exception {
    shell.script("bin/dbclient", "#!/bin/sh\necho \"dbclient $*\" >> \"$CALLS\"\ncat > \"$CALLS.stdin\"\n");
    Files.writeString(tmp.resolve("role"), "master\n");
    assertThat(shell.run(script, null, "old", "02:00:5e:10:00:21", "192.0.2.21").exitCode()).isZero();
    assertThat(pushes()).singleElement().asString()
        .isEqualTo("dbclient -y -i " + tmp.resolve("key") + " -p 22 root@198.18.0.2 push");
    assertThat(Files.readString(tmp.resolve("calls.log.stdin"))).contains("192.0.2.21 printer");
  }

  @Test
  void aBackupOrAnOtherEventPushesNothing() throws Exception {
    Files.writeString(tmp.resolve("role"), "backup\n");
    assertThat(shell.run(script, null, "add", "02:00:5e:10:00:21", "192.0.2.21").exitCode()).isZero();
    Files.writeString(tmp.resolve("role"), "master\n");
    assertThat(shell.run(script, null, "arp-add", "02:00:5e:10:00:21", "192.0.2.21").exitCode()).isZero();
    assertThat(shell.run(script, null, "tftp", "1234", "192.0.2.21", "/tftp/x").exitCode()).isZero();
    // A barrier instead of a fixed wait: one push that must happen, started after the events
    // above. A push any of them had started would have begun earlier and landed first.
    shell.script("bin/dbclient", "#!/bin/sh\necho \"dbclient $*\" >> \"$CALLS\"\ncat > \"$CALLS.stdin\"\n");
    assertThat(shell.run(script, null, "del", "02:00:5e:10:00:21", "192.0.2.21").exitCode()).isZero();
    assertThat(pushes()).as("only the barrier's push").singleElement().asString().startsWith("dbclient ");
  }

  @Test
  void theDesiredStateInstallsKeyScriptAndRestrictedKeyLine() {
    PairSpec pair = OpenWrtTesting.load(OpenWrtTesting.FULL).pairs().get(0);
    DesiredNode b = new OpenWrtTarget().desired(pair, pair.secondary());
    List<Resource> r = b.resources();
    FileResource key = (FileResource) find(r, "file:" + OpenWrtPaths.LEASE_SYNC_KEY);
    assertThat(key.sensitive()).isTrue();
    assertThat(key.mode()).isEqualTo("0600");
    assertThat(key.content()).isEqualTo(OpenWrtTesting.LEASE_KEY + "\n");
    assertThat(key.toString()).doesNotContain("TESTKEYMATERIAL");
    FileResource sync = (FileResource) find(r, "file:" + OpenWrtPaths.LEASE_SYNC);
    assertThat(sync.mode()).isEqualTo("0755");
    assertThat(sync.content()).as("gw-b pushes to gw-a over the sync link").contains("root@198.18.0.1");
    LineInFile line = (LineInFile) find(r, "line:/etc/dropbear/authorized_keys:" + LeaseSync.authorizedKeysLine(
        OpenWrtTesting.PUBLIC_KEY));
    assertThat(line.line()).startsWith("command=\"umask 077; mkdir -p /tmp/ha-provision && cat > ")
        .contains("no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-pty ssh-ed25519 ");
    assertThat(find(r, "uci:dhcp.@dnsmasq[0].dhcpscript").describe())
        .isEqualTo("uci dhcp.@dnsmasq[0].dhcpscript='/usr/libexec/ha-provision/lease-sync'");
    assertThat(r.indexOf(find(r, "uci:dhcp.@dnsmasq[0].dhcpscript")))
        .isLessThan(r.indexOf(r.stream().filter(x -> x instanceof ServiceResource s && s.name().equals("dnsmasq"))
            .findFirst().orElseThrow()));
    assertThat(r).filteredOn(x -> x instanceof LineInFile l && l.path().equals(OpenWrtPaths.SYSUPGRADE_CONF))
        .extracting(x -> ((LineInFile) x).line())
        .containsExactly("/usr/libexec/ha-provision/", "/etc/ha-provision/", "/etc/dropbear/authorized_keys",
            "/etc/conntrackd/", "/etc/sysctl.d/90-ha-provision.conf",
            "/etc/nftables.d/10-ha-provision.nft", "/etc/keepalived/", "/etc/wireguard/");
  }

  private static Resource find(List<Resource> resources, String id) {
    return resources.stream().filter(x -> x.id().toString().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no resource " + id + " in " + resources.stream().map(Resource::id).toList()));
  }
}
