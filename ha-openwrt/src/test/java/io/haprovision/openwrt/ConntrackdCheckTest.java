package io.haprovision.openwrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.haprovision.inventory.PairSpec;
import io.haprovision.openwrt.config.ConntrackdSettings;
import io.haprovision.openwrt.config.OpenWrtSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The conntrackd check (a scratch start, since conntrackd has no config-test mode): with a
 * stub conntrackd it must isolate the scratch copy from the running daemon and the peer;
 * with the real conntrackd inside a network namespace holding the sync link, the rendered
 * file must pass and a broken one fail.
 */
@Tag("lab")
class ConntrackdCheckTest {
  @TempDir
  Path tmp;

  private static PairSpec pair() {
    return OpenWrtTesting.load(OpenWrtTesting.FULL).pairs().get(0);
  }

  private static ConntrackdSettings settings(PairSpec pair) {
    return pair.platformSection(OpenWrtSection.class).conntrackd();
  }

  private record Run(int exit, String stderr) {}

  private Run run(List<String> command, Path bin) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    if (bin != null) {
      pb.environment().put("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
      pb.environment().put("SEEN", tmp.resolve("seen.conf").toString());
    }
    pb.redirectOutput(tmp.resolve("out").toFile());
    pb.redirectError(tmp.resolve("err").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("check finished").isTrue();
    return new Run(p.exitValue(), Files.readString(tmp.resolve("err")));
  }

  private Path write(String name, String content, boolean executable) throws IOException {
    Path file = tmp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    if (executable) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return file;
  }

  @Test
  void theScratchCopyHasItsOwnLockSocketPortAndNoPeer() throws Exception {
    PairSpec pair = pair();
    Path check = write("conntrackd-check", ConntrackdConf.checkScript(settings(pair)), true);
    Path conf = write("conntrackd.conf", ConntrackdConf.render(pair, pair.primary(), settings(pair)), false);
    // A conntrackd that records the file it was given and keeps running, as a good start does.
    write("bin/conntrackd", "#!/bin/sh\ncp \"$2\" \"$SEEN\"\nexec sleep 30\n", true);
    assertThat(run(List.of("/bin/sh", "-n", check.toString()), null).exit()).isZero();

    long start = System.nanoTime();
    Run r = run(List.of("/bin/sh", check.toString(), conf.toString()), tmp.resolve("bin"));
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(1_500L, 10_000L);
    String seen = Files.readString(tmp.resolve("seen.conf"));
    assertThat(seen).contains("IPv4_address 198.18.0.1", "IPv4_Destination_Address 127.0.0.1", "Port 3781",
        "LogFile off").doesNotContain("/var/lock/conntrack.lock", "/var/run/conntrackd.ctl", "198.18.0.2\n");
    assertThat(seen).containsPattern("LockFile /tmp/conntrackd-check\\.\\w+/lock")
        .containsPattern("Path /tmp/conntrackd-check\\.\\w+/ctl");
  }

  @Test
  void aConntrackdThatExitsFailsTheCheckAndShowsItsOutput() throws Exception {
    PairSpec pair = pair();
    Path check = write("conntrackd-check", ConntrackdConf.checkScript(settings(pair)), true);
    Path conf = write("conntrackd.conf", "General {\n  Bogus on\n}\n", false);
    write("bin/conntrackd", "#!/bin/sh\necho 'ERROR: parsing config file in line (2), symbol Bogus' >&2\nexit 1\n",
        true);
    Run r = run(List.of("/bin/sh", check.toString(), conf.toString()), tmp.resolve("bin"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("symbol Bogus").contains("conntrackd refused");
    write("bin/conntrackd", "#!/bin/sh\nexit 0\n", true);
    assertThat(run(List.of("/bin/sh", check.toString(), conf.toString()), tmp.resolve("bin")).exit())
        .as("exiting at once, even with 0, is a failed start").isEqualTo(1);
  }

  @Test
  void theRealConntrackdAcceptsTheRenderedFileAndRefusesABrokenOne() throws Exception {
    assumeTrue(isRoot(), "skipped: needs root to create a network namespace");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/conntrackd")), "skipped: conntrackd is not installed");
    String ns = "h4ct" + ProcessHandle.current().pid();
    assumeTrue(sh("ip netns add " + ns) == 0, "skipped: `ip netns add` does not work here");
    try {
      assertThat(sh("ip -n " + ns + " link set lo up && ip -n " + ns + " link add sync type veth peer name sync-peer && ip -n " + ns
          + " addr add 198.18.0.1/30 dev sync && ip -n " + ns + " link set sync up && ip -n " + ns
          + " link set sync-peer up")).isZero();
      PairSpec pair = pair();
      Path check = write("conntrackd-check", ConntrackdConf.checkScript(settings(pair)), true);
      String rendered = ConntrackdConf.render(pair, pair.primary(), settings(pair));
      Path good = write("good.conf", rendered, false);
      Run ok = run(List.of("ip", "netns", "exec", ns, "/bin/sh", check.toString(), good.toString()), null);
      assertThat(ok.exit()).as("rendered conntrackd.conf:\n" + rendered + "\n" + ok.stderr()).isZero();

      Path broken = write("broken.conf", rendered.replace("HashSize", "HashSise"), false);
      Run bad = run(List.of("ip", "netns", "exec", ns, "/bin/sh", check.toString(), broken.toString()), null);
      assertThat(bad.exit()).isNotZero();
      assertThat(bad.stderr()).contains("HashSise").contains("conntrackd refused");

      // gw-b's file names an address this namespace does not have: the scratch start cannot bind it.
      Path other = write("other-node.conf", ConntrackdConf.render(pair, pair.secondary(), settings(pair)), false);
      Run wrongNode = run(List.of("ip", "netns", "exec", ns, "/bin/sh", check.toString(), other.toString()), null);
      assertThat(wrongNode.exit()).isNotZero();
      assertThat(wrongNode.stderr()).contains("conntrackd refused");
    } finally {
      sh("ip netns del " + ns);
    }
  }

  private static boolean isRoot() {
    try {
      Process p = new ProcessBuilder("id", "-u").start();
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().equals("0");
    } catch (IOException e) {
      return false;
    }
  }

  private static int sh(String command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", command + " >/dev/null 2>&1"));
    Process p = new ProcessBuilder(cmd).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
