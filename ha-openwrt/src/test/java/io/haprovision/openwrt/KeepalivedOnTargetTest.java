package io.haprovision.openwrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Each node's keepalived.conf, as OpenWrt gets it (role hook as notify command, reload
 * check), passes the real {@code keepalived -t -f} inside a network namespace holding the
 * node's interfaces, with the rendered role hook mounted at its path (keepalived's script
 * security checks it). Needs root and {@code ip netns}; skipped otherwise.
 */
@Tag("lab")
class KeepalivedOnTargetTest {
  @TempDir
  Path tmp;

  @Test
  void everyNodesFilePassesKeepalivedsOwnCheck() throws Exception {
    assumeTrue(run("id -u | grep -qx 0") == 0, "skipped: needs root for a network namespace");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "skipped: keepalived is not installed");
    Inventory inventory = OpenWrtTesting.load(OpenWrtTesting.FULL);
    PairSpec pair = inventory.pairs().get(0);
    for (NodeSpec node : pair.nodes()) {
      String ns = "h4ka" + ProcessHandle.current().pid() + node.role().ordinal();
      assumeTrue(run("ip netns add " + ns) == 0, "skipped: `ip netns add` does not work here");
      try {
        for (var e : node.interfaces().entrySet()) {
          String link = e.getKey();
          assertThat(run("ip -n " + ns + " link add " + link + " type veth peer name p" + link.hashCode()
              + " && ip -n " + ns + " addr add " + e.getValue().cidr() + " dev " + link + " && ip -n " + ns
              + " link set " + link + " up")).as("link " + link).isZero();
        }
        DesiredNode desired = new OpenWrtTarget().desired(pair, node);
        Path libexec = Files.createDirectories(tmp.resolve(node.name() + "/libexec/ha-provision"));
        Files.setPosixFilePermissions(libexec.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(libexec, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path hook = libexec.resolve("role-hook");
        Files.writeString(hook, file(desired, OpenWrtPaths.ROLE_HOOK).content(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = tmp.resolve(node.name() + "/keepalived.conf");
        Files.writeString(conf, file(desired, OpenWrtPaths.KEEPALIVED_CONF).content(), StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("out"), "");
        int rc = run("nsenter --net=/run/netns/" + ns + " unshare --mount --propagation private sh -c 'mount --bind "
            + libexec.getParent() + " /usr/libexec && keepalived -t -f " + conf + "' > " + tmp.resolve("out")
            + " 2>&1");
        assertThat(rc).as("keepalived -t for " + node.name() + ":\n" + Files.readString(tmp.resolve("out"))).isZero();
      } finally {
        run("ip netns del " + ns);
      }
    }
  }

  private static FileResource file(DesiredNode node, String path) {
    return node.resources().stream().filter(r -> r instanceof FileResource f && f.path().equals(path))
        .map(FileResource.class::cast).findFirst().orElseThrow();
  }

  private static int run(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of("/bin/sh", "-c", command)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
