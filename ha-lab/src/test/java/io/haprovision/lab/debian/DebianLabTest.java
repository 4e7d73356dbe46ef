package io.haprovision.lab.debian;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import io.haprovision.lab.bonderapi.ObjectKind;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The {@code debian} personality in a real lab: SSH, offline apt, the systemctl stand-in
 * driving real keepalived, syslog, and HTTPS to the management API simulator on the host.
 * Pair 1 runs keepalived; pair 2 takes the package tests (p2-a: curl, p2-b: keepalived).
 */
@LabTest(pairs = 2, personality = "debian")
class DebianLabTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static ExecResult run(Lab lab, String node, String command) {
    return lab.exec(node, command, Duration.ofSeconds(90));
  }

  private static ExecResult ok(Lab lab, String node, String command) {
    ExecResult result = run(lab, node, command);
    assertThat(result.exitCode()).as("%s: %s\n%s", node, command, result.describe()).isZero();
    return result;
  }

  private static void await(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime()).as("waited %s for %s", WAIT, what).isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static String host(String... argv) throws Exception {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(out);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", argv) + "\n" + out).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean hasAddress(Lab lab, String node, String cidr) {
    return run(lab, node, "ip -o -4 addr show dev br-lan").stdout().contains(" " + cidr + " ");
  }

  @Test
  void everyNodeAnswersSshAndLooksLikeDebian(Lab lab) throws Exception {
    for (LabNode node : lab.nodes()) {
      String out = host("ssh", "-i", lab.identityFile().toString(),
          "-o", "UserKnownHostsFile=" + lab.knownHostsFile(), "-o", "StrictHostKeyChecking=yes",
          "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "root@" + node.managementAddress(),
          "hostname; cat /etc/debian_version; test -d /run/systemd/system && echo systemd-dir");
      assertThat(out).startsWith(node.name() + "\n").contains("systemd-dir");
      assertThat(out.lines().toList().get(1)).matches("[0-9][0-9.]*");
    }
  }

  @Test
  void aptInstallOfAnInstalledPackageChangesNothing(Lab lab) {
    String before = ok(lab, "p2-a", "dpkg-query -W -f '${Version} ${Status}' keepalived").stdout();
    ExecResult install = ok(lab, "p2-a", "DEBIAN_FRONTEND=noninteractive apt-get install -y keepalived");
    assertThat(install.stdout()).contains("keepalived is already the newest version")
        .contains("0 upgraded, 0 newly installed");
    assertThat(ok(lab, "p2-a", "dpkg-query -W -f '${Version} ${Status}' keepalived").stdout()).isEqualTo(before);
  }

  @Test
  void aLabPackageRemovedWithDpkgInstallsAgainWithoutNetwork(Lab lab) throws Exception {
    String hostVersion = host("dpkg-query", "-W", "-f", "${Version}", "curl");
    ok(lab, "p2-a", "dpkg -r curl");
    assertThat(run(lab, "p2-a", "command -v curl").exitCode()).as("curl is gone").isNotZero();

    ExecResult install = ok(lab, "p2-a", "DEBIAN_FRONTEND=noninteractive apt-get install -y curl");

    assertThat(install.stdout()).contains("file:" + DebianPersonality.REPOSITORY_DIR).contains("Setting up curl");
    assertThat(ok(lab, "p2-a", "dpkg-query -W -f '${Version}' curl").stdout()).isEqualTo(hostVersion);
    assertThat(ok(lab, "p2-a", "curl --version").stdout()).startsWith("curl ");
    // the host's dpkg database is untouched
    assertThat(host("dpkg-query", "-W", "-f", "${Status}", "curl")).isEqualTo("install ok installed");
  }

  @Test
  void keepalivedReinstalledThroughAptRunsItsMaintainerScriptsAgainstTheStandIn(Lab lab) {
    String wants = "/etc/systemd/system/multi-user.target.wants/keepalived.service";
    ok(lab, "p2-b", "dpkg -P keepalived");
    assertThat(run(lab, "p2-b", "test -x /usr/sbin/keepalived").exitCode()).isNotZero();
    assertThat(run(lab, "p2-b", "test -L " + wants).exitCode()).as("purge removed the enable link").isNotZero();
    ok(lab, "p2-b", "rm -f /var/log/lab-journal/keepalived.log");

    ExecResult install = ok(lab, "p2-b", "DEBIAN_FRONTEND=noninteractive apt-get install -y keepalived");

    assertThat(install.stdout()).contains("Setting up keepalived");
    ok(lab, "p2-b", "test -x /usr/sbin/keepalived && test -f /etc/default/keepalived");
    // its postinst enabled the unit (deb-systemd-helper) and asked the stand-in to start it
    // (deb-systemd-invoke), which the unit's ConditionFileNotEmpty skipped: no keepalived.conf
    assertThat(ok(lab, "p2-b", "readlink " + wants).stdout()).isEqualTo("/lib/systemd/system/keepalived.service\n");
    assertThat(run(lab, "p2-b", "systemctl is-enabled keepalived").stdout()).isEqualTo("enabled\n");
    assertThat(run(lab, "p2-b", "systemctl is-active keepalived").stdout()).isEqualTo("inactive\n");
    assertThat(ok(lab, "p2-b", "cat /var/log/lab-journal/keepalived.log").stdout())
        .contains("Condition check resulted in keepalived.service being skipped.");
  }

  @Test
  void packagesTheLabDoesNotHaveFailClearlyAndAptNeverLeavesTheLab(Lab lab) {
    ExecResult update = ok(lab, "p2-a", "apt-get update");
    assertThat(update.stdout() + update.stderr()).doesNotContain("http");
    assertThat(ok(lab, "p2-a", "cat /etc/apt/sources.list; ls /etc/apt/sources.list.d | wc -l").stdout())
        .contains("deb [trusted=yes] file:" + DebianPersonality.REPOSITORY_DIR + " ./").endsWith("0\n");

    for (String missing : List.of("no-such-package-anywhere", "nginx")) {
      ExecResult install = run(lab, "p2-a", "DEBIAN_FRONTEND=noninteractive apt-get install -y " + missing);
      assertThat(install.exitCode()).as(install.describe()).isEqualTo(100);
      assertThat(install.stderr()).contains("Unable to locate package " + missing);
    }
  }

  @Test
  void systemctlStandInDrivesRealKeepalived(Lab lab) {
    LabPair pair = lab.pair(1);
    String vip = "198.19.1.1/24";
    for (LabNode node : pair.nodes()) {
      LabNode peer = node == pair.a() ? pair.b() : pair.a();
      NodeFiles.write(lab, node.name(), "/etc/keepalived/keepalived.conf", "global_defs {\n  router_id " + node.name()
          + "\n}\nvrrp_instance LAB {\n  interface br-lan\n  state BACKUP\n  virtual_router_id 61\n  priority "
          + (node == pair.a() ? 150 : 100) + "\n  advert_int 1\n  unicast_src_ip " + strip(node.lanAddress())
          + "\n  unicast_peer {\n    " + strip(peer.lanAddress()) + "\n  }\n  virtual_ipaddress {\n    " + vip
          + "\n  }\n}\n", "0644");
      assertThat(run(lab, node.name(), "systemctl is-enabled keepalived").stdout()).isEqualTo("enabled\n");
      ExecResult inactive = run(lab, node.name(), "systemctl is-active keepalived");
      assertThat(inactive.exitCode()).isEqualTo(3);
      assertThat(inactive.stdout()).isEqualTo("inactive\n");
      ok(lab, node.name(), "systemctl start keepalived");
      assertThat(run(lab, node.name(), "systemctl is-active keepalived").stdout()).isEqualTo("active\n");
    }
    String a = pair.a().name();
    String b = pair.b().name();
    await(() -> hasAddress(lab, a, vip), "the VIP on " + a);
    assertThat(hasAddress(lab, b, vip)).isFalse();
    String pid = ok(lab, a, "systemctl show keepalived -p MainPID --value").stdout().strip();
    assertThat(ok(lab, a, "cat /run/keepalived.pid").stdout().strip()).isEqualTo(pid);
    await(() -> run(lab, a, "grep -c 'Entering MASTER STATE' /var/log/syslog").ok(), "keepalived's syslog line");

    // reload is SIGHUP to the same process: still master, same PID
    ok(lab, a, "systemctl reload keepalived");
    await(() -> run(lab, a, "grep -c 'Reloading' /var/log/syslog").ok(), "keepalived's reload message");
    assertThat(ok(lab, a, "systemctl show keepalived -p MainPID --value").stdout().strip()).isEqualTo(pid);
    assertThat(hasAddress(lab, a, vip)).isTrue();

    // disable / enable are the multi-user.target.wants link
    ok(lab, a, "systemctl disable keepalived");
    ExecResult disabled = run(lab, a, "systemctl is-enabled keepalived");
    assertThat(disabled.exitCode()).isEqualTo(1);
    assertThat(disabled.stdout()).isEqualTo("disabled\n");
    assertThat(run(lab, a, "test -e /etc/systemd/system/multi-user.target.wants/keepalived.service").exitCode())
        .isNotZero();
    ok(lab, a, "systemctl enable keepalived");
    assertThat(ok(lab, a, "readlink /etc/systemd/system/multi-user.target.wants/keepalived.service").stdout())
        .isEqualTo("/lib/systemd/system/keepalived.service\n");

    // stop: the process is gone and the peer takes the VIP
    ok(lab, a, "systemctl stop keepalived");
    assertThat(run(lab, a, "systemctl is-active keepalived").stdout()).isEqualTo("inactive\n");
    assertThat(run(lab, a, "pgrep -x keepalived").exitCode()).as("no keepalived left").isNotZero();
    await(() -> hasAddress(lab, b, vip), "the VIP moving to " + b);

    // restart gives a new process, which takes the VIP back (higher priority)
    ok(lab, a, "systemctl restart keepalived");
    String restarted = ok(lab, a, "systemctl show keepalived -p MainPID --value").stdout().strip();
    assertThat(restarted).isNotEqualTo(pid).isNotEqualTo("0");
    await(() -> hasAddress(lab, a, vip), "the VIP back on " + a);

    // a main process that dies makes the unit failed, and its VRRP child goes with it (cgroup)
    ok(lab, a, "kill -9 " + restarted);
    await(() -> run(lab, a, "systemctl is-active keepalived").stdout().equals("failed\n"), "the unit failed");
    await(() -> !run(lab, a, "pgrep -x keepalived").ok(), "keepalived's child ended");
    await(() -> hasAddress(lab, b, vip), "the VIP on " + b + " after the crash");
    ok(lab, a, "systemctl start keepalived");
    assertThat(run(lab, a, "systemctl is-active keepalived").stdout()).isEqualTo("active\n");
    ok(lab, a, "systemctl stop keepalived");
    ok(lab, b, "systemctl stop keepalived");
  }

  @Test
  void loggerLinesLandInTheNodesSyslogOnly(Lab lab) {
    String marker = "lab-marker-" + UUID.randomUUID();
    ok(lab, "p2-a", "logger -t ha-provision-bonder -p daemon.notice -- '" + marker + "'");
    await(() -> run(lab, "p2-a", "grep -F -- '" + marker + "' /var/log/syslog").ok(), "the logger line");
    assertThat(ok(lab, "p2-a", "grep -F -- '" + marker + "' /var/log/syslog").stdout())
        .contains("p2-a").contains("ha-provision-bonder").contains("daemon.notice");
    assertThat(run(lab, "p2-b", "grep -F -- '" + marker + "' /var/log/syslog").exitCode()).as("other node").isNotZero();
    assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/dev/log"),
        java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("the host's /dev stays untouched").isFalse();
  }

  @Test
  void startWithoutAConfigIsSkippedLikeSystemdsCondition(Lab lab) {
    ok(lab, "p2-b", "rm -f /etc/keepalived/keepalived.conf");
    ok(lab, "p2-b", "systemctl start keepalived");
    assertThat(run(lab, "p2-b", "systemctl is-active keepalived").stdout()).isEqualTo("inactive\n");
    assertThat(ok(lab, "p2-b", "cat /var/log/lab-journal/keepalived.log").stdout())
        .contains("Condition check resulted in keepalived.service being skipped.");
    ExecResult unknown = run(lab, "p2-b", "systemctl start no-such-unit");
    assertThat(unknown.exitCode()).isEqualTo(5);
    assertThat(unknown.stderr()).contains("Unit no-such-unit.service not found.");
  }

  @Test
  void aNodeReachesTheApiSimulatorOnTheHostOverHttps(Lab lab) {
    try (ManagementApiSimulator api = ManagementApiSimulator.start(
        ManagementApiSimulator.Spec.loopback("ha-failover", Secret.of("lab-pw", "test"))
            .withBindAddress(lab.hostAddress()))) {
      api.bond(12).route(201, "203.0.113.0/29", true);
      NodeFiles.write(lab, "p2-b", "/etc/ha-provision/api-ca.pem", api.caPem(), "0644");
      String url = api.baseUrl() + "/api/v3/bonds/12/routes/201/";

      ExecResult trusted = run(lab, "p2-b", "printf 'user = \"ha-failover:lab-pw\"\\n' | curl --silent --show-error "
          + "--config - --cacert /etc/ha-provision/api-ca.pem --request PATCH --header 'Content-Type: application/json' "
          + "--data '{\"enabled\": false}' --write-out '\\n%{http_code}' " + url);
      assertThat(trusted.exitCode()).as(trusted.describe()).isZero();
      assertThat(trusted.stdout()).endsWith("\n200");
      assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isFalse();

      ExecResult untrusted = run(lab, "p2-b", "curl --silent --show-error --user ha-failover:lab-pw " + url);
      assertThat(untrusted.exitCode()).as("curl: peer certificate cannot be authenticated").isEqualTo(60);
      assertThat(api.calls()).hasSize(1);
      assertThat(api.calls().get(0).isPatchOf(ObjectKind.ROUTES, 12, 201)).isTrue();
    }
  }

  private static String strip(String cidr) {
    return cidr.substring(0, cidr.indexOf('/'));
  }
}
