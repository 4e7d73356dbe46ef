package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.lab.routeros.RouterOsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provision import}: usage errors are refused before any connection is opened; a pair
 * the platform cannot read is refused with the reason, and no file is written.
 */
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
  void aRouterPairNotBuiltWithHaMikrotikIsRefusedAndNoFileWritten(@TempDir Path dir) throws Exception {
    String publicKey = TestKeys.ed25519(dir);
    try (RouterOsLab lab = RouterOsLab.start(RouterOsLab.Spec.of(RouterOsDialect.V7, "7.12.1").pair("ccr")
        .authorizedKey(publicKey).etherCount(8))) {
      Files.writeString(dir.resolve("known_hosts"), lab.a().knownHostsLine() + "\n" + lab.b().knownHostsLine() + "\n");
      Path out = dir.resolve("ccr.yml");
      CliRunner r = CliRunner.run("import", "mikrotik", "--pair", "ccr",
          "--node", "ccr-a=" + lab.a().user() + "@" + lab.a().host() + ":" + lab.a().port(),
          "--node", "ccr-b=" + lab.b().user() + "@" + lab.b().host() + ":" + lab.b().port(),
          "--identity", dir.resolve("id_ed25519").toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
          "--out", out.toString());
      assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero().isNotEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).contains("has no bridge port commented HA_AUTO").contains("HA_init.rsc");
      assertThat(out).doesNotExist();
    }
  }
}
