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
  void unknownPairIsAnInventoryError() {
    CliRunner r = CliRunner.run("action", MIKROTIK, "sync-standby", "nope");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INVENTORY);
    assertThat(r.err()).contains("no pair 'nope'");
  }
}
