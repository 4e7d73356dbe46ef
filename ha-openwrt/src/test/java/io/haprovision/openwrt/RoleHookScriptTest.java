package io.haprovision.openwrt;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.PairSpec;
import io.haprovision.openwrt.RoleHookScript.HookPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role hook parses ({@code sh -n}) and does, per role, exactly the calls the upstream
 * guides prescribe, in order: run in a scratch directory with recording stubs for
 * {@code uci}, {@code logger}, {@code conntrackd}, {@code ifup}, {@code ifdown}, dnsmasq's
 * init script and the user's own command.
 */
class RoleHookScriptTest {
  private static final String CONNTRACKD = "conntrackd -C /etc/conntrackd/conntrackd.conf";

  @TempDir
  Path tmp;
  private ShellRunner shell;
  private Path hook;
  private HookPaths paths;

  /** FULL's features, with user commands that are stubs here. */
  static final String SECTION = OpenWrtTesting.withSection(
      "      conntrackd: { interface: sync }",
      "      dhcp:",
      "        interfaces: [lan, { interface: guest, section: guest_dhcp, instance: LAN }]",
      "        lease_sync:",
      "          private_key: ${env:LEASE_KEY}",
      "          public_key: \"" + OpenWrtTesting.PUBLIC_KEY + "\"",
      "      role_hooks:",
      "        vpn_interfaces: [wg0, wg1]",
      "        commands:",
      "          master: [\"ddns start\", \"echo \\\"it's master\\\" > note\"]",
      "          backup: \"ddns stop\"",
      "          fault: [\"ddns stop\", \"ddns alert\"]");

  @BeforeEach
  void setUp() throws IOException {
    shell = new ShellRunner(tmp);
    shell.stubs("uci", "logger", "conntrackd", "ifup", "ifdown", "ddns");
    shell.stub(tmp.resolve("init.d"), "dnsmasq");
    paths = new HookPaths(tmp.resolve("run/role").toString(), tmp.resolve("run/role.lock").toString(),
        tmp.resolve("init.d").toString(), "/etc/conntrackd/conntrackd.conf", tmp.resolve("peer.leases").toString(),
        tmp.resolve("dhcp.leases").toString(), tmp.resolve("run/conntrack").toString(),
        tmp.resolve("nf_conntrack_count").toString());
    Files.createDirectories(tmp.resolve("run"));
    hook = shell.script("role-hook", render(SECTION));
  }

  private String render(String yaml) {
    PairSpec pair = OpenWrtTesting.load(yaml).pairs().get(0);
    return RoleHookScript.render(pair, "gw-a", paths);
  }

  private String dnsmasq(String action) {
    return tmp.resolve("init.d/dnsmasq") + " " + action;
  }

  @Test
  void everyVariantParses() throws Exception {
    List<String> variants = List.of(SECTION, OpenWrtTesting.FULL, OpenWrtTesting.BASE,
        OpenWrtTesting.withSection("      role_hooks: { vpn_interfaces: [wg0] }"),
        OpenWrtTesting.withSection("      dhcp: { interfaces: [lan] }"));
    for (String yaml : variants) {
      Path script = shell.script("variant", render(yaml));
      ShellRunner.Result r = shell.syntaxCheck(script);
      assertThat(r.exitCode()).as("sh -n of the hook for:\n" + yaml + "\n" + r.stderr()).isZero();
    }
  }

  @Test
  void syncServesDhcpOnlyWhereTheGatewayVipIsBoundAndChangesNothingElse() throws Exception {
    Path ip = tmp.resolve("bin/ip");
    Files.writeString(ip, "#!/bin/sh\necho '4: br-lan    inet 192.0.2.1/24 scope global secondary br-lan'\n");
    assertThat(ip.toFile().setExecutable(true)).isTrue();
    ShellRunner.Result master = shell.run(hook, null, "sync");
    assertThat(master.exitCode()).as(master.stderr()).isZero();
    assertThat(shell.actions()).containsExactly("uci set dhcp.lan.ignore=0", "uci set dhcp.guest_dhcp.ignore=0",
        "uci commit dhcp", dnsmasq("reload"));
    assertThat(Files.exists(tmp.resolve("run/role"))).as("sync is no role change").isFalse();

    // 192.0.2.11 is not the gateway: a prefix match must not count.
    Files.writeString(ip, "#!/bin/sh\necho '4: br-lan    inet 192.0.2.11/24 scope global br-lan'\n");
    Files.deleteIfExists(tmp.resolve("calls.log"));
    ShellRunner.Result backup = shell.run(hook, null, "sync");
    assertThat(backup.exitCode()).as(backup.stderr()).isZero();
    assertThat(shell.actions()).contains("uci set dhcp.lan.ignore=1").doesNotContain("uci set dhcp.lan.ignore=0")
        .noneMatch(a -> a.startsWith("conntrackd") || a.startsWith("ifup") || a.startsWith("ifdown"));
  }

  @Test
  void masterCommitsConntrackStateServesDhcpAndBringsVpnsUp() throws Exception {
    Files.writeString(tmp.resolve("peer.leases"), "1700000000 02:00:5e:10:00:21 192.0.2.21 printer *\n");
    ShellRunner.Result r = shell.run(hook, null, "master");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(shell.actions()).containsExactly(
        CONNTRACKD + " -c", CONNTRACKD + " -e ct", CONNTRACKD + " -f", CONNTRACKD + " -R", CONNTRACKD + " -B",
        "uci set dhcp.lan.ignore=0", "uci set dhcp.guest_dhcp.ignore=0", "uci commit dhcp",
        dnsmasq("reload"),
        "ifup wg0", "ifup wg1",
        "ddns start");
    assertThat(Files.readString(tmp.resolve("note"), StandardCharsets.UTF_8)).isEqualTo("it's master\n");
    assertThat(Files.readString(tmp.resolve("dhcp.leases"))).contains("192.0.2.21 printer");
    assertThat(Files.readString(tmp.resolve("run/role"))).isEqualTo("master\n");
    assertThat(Files.exists(tmp.resolve("run/role.lock"))).as("lock released").isFalse();
    assertEveryActionLogged();
  }

  @Test
  void theMasterSequenceRecordsWhatTheCommitAddedToTheKernelTable() throws Exception {
    // the kernel count the hook reads before and after the commit: the commit stub adds 3
    Files.writeString(tmp.resolve("nf_conntrack_count"), "5\n");
    Path commit = tmp.resolve("bin/conntrackd");
    Files.writeString(commit, """
        #!/bin/sh
        echo "conntrackd $*" >> "$CALLS"
        case "$*" in
          *" -e ct") printf 'tcp 6 ESTABLISHED src=198.51.100.7\\ntcp 6 ESTABLISHED src=198.51.100.8\\n' ;;
          *" -c") echo 8 > "%s" ;;
        esac
        exit 0
        """.formatted(tmp.resolve("nf_conntrack_count")));
    ShellRunner.Result r = shell.run(hook, null, "master");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String status = Files.readString(tmp.resolve("run/conntrack"));
    assertThat(status).contains("external_cache_entries=2\n", "kernel_entries_before=5\n",
        "kernel_entries_after=8\n", "kernel_entries_added=3\n", "commit_exit=0\n").containsPattern("time=\\d+\n")
        .containsPattern("commit_started_cs=[1-9]\\d*\n").containsPattern("commit_finished_cs=[1-9]\\d*\n");
    assertThat(shell.logged()).anyMatch(l -> l.matches(".*conntrackd commit: 2 entries in the external cache;"
        + " kernel table 5 -> 8 entries in \\d+ ms \\(exit 0\\)"));
  }

  @Test
  void aFailedCommitIsRecordedAsSuch() throws Exception {
    ShellRunner.Result r = shell.run(hook, CONNTRACKD + " -c", "master");
    assertThat(r.exitCode()).isEqualTo(1);
    // no count file here: the kernel figures are unknown (-1), the exit is recorded
    assertThat(Files.readString(tmp.resolve("run/conntrack"))).contains("kernel_entries_before=-1\n",
        "kernel_entries_added=-1\n", "commit_exit=1\n");
  }

  @Test
  void backupStopsDhcpTakesVpnsDownAndRequestsAResync() throws Exception {
    ShellRunner.Result r = shell.run(hook, null, "backup");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(shell.actions()).containsExactly(
        "uci set dhcp.lan.ignore=1", "uci set dhcp.guest_dhcp.ignore=1", "uci commit dhcp",
        dnsmasq("reload"),
        "ifdown wg0", "ifdown wg1",
        CONNTRACKD + " -n",
        "ddns stop");
    assertThat(Files.exists(tmp.resolve("dhcp.leases"))).as("no lease copy outside MASTER").isFalse();
    assertThat(Files.readString(tmp.resolve("run/role"))).isEqualTo("backup\n");
    assertEveryActionLogged();
  }

  @Test
  void faultIsBackupPlusShortTimers() throws Exception {
    ShellRunner.Result r = shell.run(hook, null, "fault");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(shell.actions()).containsExactly(
        "uci set dhcp.lan.ignore=1", "uci set dhcp.guest_dhcp.ignore=1", "uci commit dhcp",
        dnsmasq("reload"),
        "ifdown wg0", "ifdown wg1",
        CONNTRACKD + " -n", CONNTRACKD + " -t",
        "ddns stop", "ddns alert");
    assertThat(Files.readString(tmp.resolve("run/role"))).isEqualTo("fault\n");
  }

  @Test
  void stopServesNothingAndRunsNoUserCommand() throws Exception {
    ShellRunner.Result r = shell.run(hook, null, "stop");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(shell.actions()).containsExactly(
        "uci set dhcp.lan.ignore=1", "uci set dhcp.guest_dhcp.ignore=1", "uci commit dhcp",
        dnsmasq("reload"), "ifdown wg0", "ifdown wg1", CONNTRACKD + " -n");
  }

  @Test
  void aFailedActionIsLoggedTheOthersStillRunAndTheExitCodeSaysSo() throws Exception {
    ShellRunner.Result r = shell.run(hook, CONNTRACKD + " -c", "master");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(shell.actions()).contains(CONNTRACKD + " -B", "uci commit dhcp", "ifup wg1", "ddns start");
    assertThat(shell.logged()).anyMatch(l -> l.contains("failed: " + CONNTRACKD + " -c"));
    assertThat(shell.logged()).last().asString().contains("master done (exit 1)");
  }

  @Test
  void aFailedDnsmasqReloadFallsBackToStart() throws Exception {
    ShellRunner.Result r = shell.run(hook, dnsmasq("reload"), "master");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<String> actions = shell.actions();
    assertThat(actions.indexOf(dnsmasq("start"))).isEqualTo(actions.indexOf(dnsmasq("reload")) + 1);
  }

  @Test
  void anUnknownRoleIsRefusedWithUsageAndTouchesNothing() throws Exception {
    ShellRunner.Result r = shell.run(hook, null, "primary");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.stderr()).contains("usage:");
    assertThat(shell.actions()).isEmpty();
    assertThat(Files.exists(tmp.resolve("run/role"))).isFalse();
    assertThat(shell.logged()).singleElement().asString().contains("unknown role 'primary'");
  }

  @Test
  void aStaleLockOfADeadProcessIsTakenOver() throws Exception {
    Path lock = Files.createDirectories(tmp.resolve("run/role.lock"));
    Files.writeString(lock.resolve("pid"), "999999999\n");
    ShellRunner.Result r = shell.run(hook, null, "backup");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(shell.logged()).anyMatch(l -> l.contains("stale lock"));
    assertThat(Files.exists(lock)).isFalse();
  }

  @Test
  void withoutConntrackdDhcpOrVpnsOnlyTheRoleIsRecorded() throws Exception {
    Path bare = shell.script("bare-hook", render(OpenWrtTesting.BASE));
    ShellRunner.Result r = shell.run(bare, null, "master");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(shell.actions()).isEmpty();
    assertThat(Files.readString(tmp.resolve("run/role"))).isEqualTo("master\n");
    assertThat(shell.logged()).anyMatch(l -> l.contains("becoming master"));
  }

  /** Every non-logger call was announced by a `logger -t ha-provision` line just before it. */
  private void assertEveryActionLogged() throws IOException {
    List<String> calls = shell.calls();
    List<String> unannounced = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      String call = calls.get(i);
      if (call.startsWith("logger ")) {
        assertThat(call).startsWith("logger -t ha-provision ");
        continue;
      }
      boolean announced = i > 0 && calls.get(i - 1).startsWith("logger ") && calls.get(i - 1).contains("run: ");
      if (!announced) {
        unannounced.add(call);
      }
    }
    assertThat(unannounced).as("actions without a log line before them").isEmpty();
  }
}
