package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code provision import}: usage errors are refused before any connection is opened. */
class ImportCommandTest {
  @Test
  void oneNodeABadNodeOrAnUnknownPlatformIsAUsageError() {
    CliRunner one = CliRunner.run("import", "openwrt", "--node", "gw-a=root@192.0.2.2");
    assertThat(one.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(one.err()).contains("give --node twice");
    CliRunner bad = CliRunner.run("import", "openwrt", "--node", "gw-a=root@192.0.2.2", "--node", "GW B@x");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--node GW B@x: write NAME=USER@HOST[:PORT]");
    CliRunner platform = CliRunner.run("import", "vyos", "--node", "a=root@192.0.2.2", "--node", "b=root@192.0.2.3");
    assertThat(platform.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(platform.err()).contains("no platform vyos").contains("openwrt");
  }

  @Test
  void aPlatformWithoutAnImporterSaysSo() {
    CliRunner r = CliRunner.run("import", "mikrotik", "--node", "a=admin@192.0.2.2", "--node", "b=admin@192.0.2.3");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("platform mikrotik cannot import a pair yet");
  }
}
