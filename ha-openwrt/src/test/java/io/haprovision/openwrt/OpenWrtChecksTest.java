package io.haprovision.openwrt;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.inventory.PairSpec;
import io.haprovision.openwrt.verify.OpenWrtChecks;
import io.haprovision.spi.PairCheckContext;
import io.haprovision.spi.PlatformCheck;
import io.haprovision.transport.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OpenWrt's verify checks against a fake pair that replays command outputs: what is asked,
 * and how the answers are judged.
 */
class OpenWrtChecksTest {
  private static final String STATS = "conntrackd -C /etc/conntrackd/conntrackd.conf -s";
  private static final String READ_CONF =
      "[ -e /etc/sysupgrade.conf ] || exit 3; cat /etc/sysupgrade.conf";
  /** What ha-provision's lines make of OpenWrt's default file for the FULL fixture. */
  private static final String KEPT = """
      ## This file contains files and directories that should
      ## be preserved during an upgrade.
      /usr/libexec/ha-provision/
      /etc/ha-provision/
      /etc/dropbear/authorized_keys
      /etc/conntrackd/
      /etc/sysctl.d/90-ha-provision.conf
      /etc/nftables.d/10-ha-provision.nft
      /etc/keepalived/
      /etc/wireguard/
      """;

  /** Replays a fixed answer per node and command; an unexpected command fails the test. */
  private static final class Replay implements PairCheckContext {
    final PairSpec pair;
    final Optional<String> master;
    final Map<String, ExecResult> answers = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    Replay(PairSpec pair, String master) {
      this.pair = pair;
      this.master = Optional.ofNullable(master);
    }

    Replay answer(String node, String command, int exit, String stdout) {
      answers.put(node + "|" + command, new ExecResult(exit, stdout, ""));
      return this;
    }

    Replay fail(String node, String command, int exit, String stderr) {
      answers.put(node + "|" + command, new ExecResult(exit, "", stderr));
      return this;
    }

    @Override
    public PairSpec pair() {
      return pair;
    }

    @Override
    public Optional<String> master() {
      return master;
    }

    @Override
    public ExecResult run(String node, String command) {
      asked.add(node + ": " + command);
      ExecResult r = answers.get(node + "|" + command);
      if (r == null) {
        throw new AssertionError("unexpected command on " + node + ": " + command);
      }
      return r;
    }
  }

  private static String sample(String name) {
    try (InputStream in = OpenWrtChecksTest.class.getResourceAsStream("verify/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static PairSpec full() {
    return OpenWrtTesting.load(OpenWrtTesting.FULL).pairs().get(0);
  }

  /** Both nodes healthy, gw-a MASTER. */
  private static Replay healthy() {
    return new Replay(full(), "gw-a")
        .answer("gw-a", STATS, 0, sample("conntrackd-s-busy.txt"))
        .answer("gw-b", STATS, 0, sample("conntrackd-s-idle.txt"))
        .answer("gw-a", "uci -q get /etc/config/dhcp.lan.ignore", 1, "")
        .answer("gw-b", "uci -q get /etc/config/dhcp.lan.ignore", 0, "1\n")
        .answer("gw-a", "pidof dnsmasq >/dev/null", 0, "")
        .answer("gw-a", READ_CONF, 0, KEPT)
        .answer("gw-b", READ_CONF, 0, KEPT);
  }

  private static Map<String, CheckResult> run(Replay replay) {
    Map<String, CheckResult> out = new java.util.LinkedHashMap<>();
    for (PlatformCheck check : new OpenWrtTarget().extraChecks(replay.pair)) {
      for (CheckResult r : check.run(replay)) {
        assertThat(r.name()).isEqualTo(check.name());
        out.put(r.name(), r);
      }
    }
    return out;
  }

  @Test
  void aHealthyPairPassesAllThreeWithTheCountersAsFigures() {
    Map<String, CheckResult> results = run(healthy());
    assertThat(results.keySet()).containsExactly("conntrackd-sync", "dhcp-master-only", "sysupgrade-keeps");
    assertThat(results.values()).extracting(CheckResult::status).containsOnly(CheckResult.Status.PASSED);
    CheckResult sync = results.get("conntrackd-sync");
    assertThat(sync.figures()).containsEntry("gw-a.external_active", 412.0).containsEntry("gw-a.msgs_lost", 3.0)
        .containsEntry("gw-b.external_active", 0.0).containsEntry("gw-b.sync_pckts_sent", 1.0);
    assertThat(sync.message()).contains("gw-a: 412 synced connections in the external cache");
    assertThat(results.get("sysupgrade-keeps").figures()).containsEntry("gw-a.lost_paths", 0.0);
  }

  @Test
  void conntrackdDownOnOneNodeFailsNamingIt() {
    Replay r = healthy().fail("gw-b", STATS, 1,
        "[Sun Nov 22 04:35:31 2026] (pid=9100) [ERROR] can't connect: is conntrackd running? appropriate permissions?");
    CheckResult sync = run(r).get("conntrackd-sync");
    assertThat(sync.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(sync.message()).startsWith("conntrackd is not running on gw-b (conntrackd -s exit 1)")
        .contains("gw-a: 412 synced");
    assertThat(run(healthy().answer("gw-a", STATS, 0, "garbage\n")).get("conntrackd-sync").message())
        .contains("gw-a printed something else than statistics");
  }

  @Test
  void dhcpOnTheBackupOrNoDnsmasqOnTheMasterFailsNamingNodeAndInterface() {
    Replay r = healthy().answer("gw-b", "uci -q get /etc/config/dhcp.lan.ignore", 0, "0\n").fail("gw-a", "pidof dnsmasq >/dev/null",
        1, "");
    CheckResult dhcp = run(r).get("dhcp-master-only");
    assertThat(dhcp.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(dhcp.message()).isEqualTo("gw-b (BACKUP) serves DHCP on lan: dhcp.lan.ignore is '0', expected 1\n"
        + "gw-a (MASTER) runs no dnsmasq, so nobody serves DHCP");
  }

  @Test
  void withoutASingleMasterDhcpCannotBeJudged() {
    Replay r = new Replay(full(), null);
    r.answers.putAll(healthy().answers);
    CheckResult dhcp = run(r).get("dhcp-master-only");
    assertThat(dhcp.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(dhcp.message()).contains("no node is MASTER");
    assertThat(r.asked).noneMatch(c -> c.contains("uci"));
  }

  @Test
  void aSysupgradeConfMissingALineOrTheFileFailsListingLostPaths() {
    Replay r = healthy().answer("gw-b", READ_CONF, 0, KEPT.replace("/etc/keepalived/\n", ""))
        .fail("gw-a", READ_CONF, 3, "");
    CheckResult keeps = run(r).get("sysupgrade-keeps");
    assertThat(keeps.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(keeps.message()).endsWith("\na sysupgrade of gw-b would lose /etc/keepalived/keepalived.conf")
        .contains("a sysupgrade of gw-a would lose /usr/libexec/ha-provision/role-hook,")
        .contains("(/etc/sysupgrade.conf does not exist)");
    assertThat(keeps.figures()).containsEntry("gw-b.lost_paths", 1.0);
  }

  @Test
  void aPairManagingNeitherConntrackdNorDhcpGetsOnlyTheSysupgradeCheck() {
    PairSpec base = OpenWrtTesting.load(OpenWrtTesting.BASE).pairs().get(0);
    assertThat(new OpenWrtTarget().extraChecks(base)).extracting(PlatformCheck::name)
        .containsExactly("sysupgrade-keeps");
    Replay r = new Replay(base, "gw-a").answer("gw-a", READ_CONF, 0, "/usr/libexec/ha-provision/\n/etc/keepalived/\n")
        .answer("gw-b", READ_CONF, 0, "/usr/libexec/ha-provision/\n/etc/keepalived/\n");
    assertThat(run(r).get("sysupgrade-keeps").status()).isEqualTo(CheckResult.Status.PASSED);
  }
}
