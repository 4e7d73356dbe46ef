package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code provision action}: platform operations reached without the CLI naming a platform. */
class ActionCommandTest {
  private static final String MIKROTIK = "../inventories/mikrotik-ccr.yml";

  @Test
  void listsEveryInstalledPlatformsActions() {
    CliRunner r = CliRunner.run("action", "--list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("mikrotik: sync-standby PAIR").contains("mikrotik: switch-role PAIR [--permanent]")
        .contains("mikrotik: bootstrap-script PAIR NODE");
    for (String platform : java.util.List.of("openwrt", "mikrotik", "bonder")) {
      assertThat(r.out()).contains(platform + ": drain PAIR NODE").contains(platform + ": undrain PAIR NODE");
    }
  }

  @Test
  void bootstrapScriptIsPrintedWithoutContactingAnything() {
    CliRunner r = CliRunner.run("action", MIKROTIK, "bootstrap-script", "ccr", "ccr-b");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("/ip address add address=198.18.23.2/24 interface=bridge-ether8")
        .contains("00:00:5E:00:53:02");
  }

  @Test
  void unknownActionIsAUsageErrorNamingTheActions() {
    CliRunner r = CliRunner.run("action", MIKROTIK, "reboot-everything", "ccr");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no action 'reboot-everything'").contains("sync-standby");
  }

  @Test
  void badArgumentsAndMissingWordsAreUsageErrors() {
    assertThat(CliRunner.run("action", MIKROTIK, "bootstrap-script", "ccr", "nope").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRunner.run("action", MIKROTIK, "switch-role").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void drainWithoutANodeOrWithAStrangerIsAUsageErrorBeforeAnyConnection() {
    // The example's routers do not exist: a connection attempt would end in 69, not 64.
    CliRunner none = CliRunner.run("action", MIKROTIK, "drain", "ccr");
    assertThat(none.exitCode()).as(none.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("drain takes one node after the pair: drain ccr NODE (one of ccr-a and ccr-b)");
    CliRunner stranger = CliRunner.run("action", MIKROTIK, "undrain", "ccr", "ccr-c");
    assertThat(stranger.exitCode()).as(stranger.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(stranger.err()).contains("pair ccr has no node ccr-c; its nodes are ccr-a and ccr-b");
  }

  @Test
  void unknownPairIsAnInventoryError() {
    CliRunner r = CliRunner.run("action", MIKROTIK, "sync-standby", "nope");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INVENTORY);
    assertThat(r.err()).contains("no pair 'nope'");
  }
}
