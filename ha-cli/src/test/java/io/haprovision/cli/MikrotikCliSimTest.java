package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.lab.routeros.RouterOsLab;
import io.haprovision.lab.routeros.SimulatedRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a simulated MikroTik pair: apply (with its verification), an empty plan,
 * verify, and the platform's operations through {@code provision action}, with the exit
 * codes of the CLI contract.
 */
class MikrotikCliSimTest {
  @TempDir
  Path dir;

  @Test
  void applyVerifyAndOperationsThroughTheCli() throws Exception {
    String publicKey = TestKeys.ed25519(dir);
    try (RouterOsLab lab = RouterOsLab.start(RouterOsLab.Spec.of(RouterOsDialect.V7, "7.12.1").pair("ccr")
        .authorizedKey(publicKey).etherCount(8))) {
      SimulatedRouter a = lab.a();
      SimulatedRouter b = lab.b();
      Files.writeString(dir.resolve("known_hosts"), a.knownHostsLine() + "\n" + b.knownHostsLine() + "\n");
      String inv = """
          version: 1
          defaults:
            ssh: { user: %s, identity_file: id_ed25519, known_hosts: known_hosts, host_key_policy: strict }
          pairs:
            - name: ccr
              platform: mikrotik
              nodes:
                - { name: ccr-a, role: primary, host: %s, ssh: { port: %d }, interfaces: { ether2: 198.51.100.2/24 } }
                - { name: ccr-b, role: secondary, host: %s, ssh: { port: %d }, interfaces: { ether2: 198.51.100.3/24 } }
              vrrp:
                instances:
                  - { name: LAN, interface: ether2, virtual_router_id: 52, vips: [198.51.100.1/24] }
              mikrotik:
                routeros: 7
                rescue_ports: [ether7]
                ha_link: { mac: { primary: "%s", secondary: "%s" } }
          """.formatted(a.user(), a.host(), a.port(), b.host(), b.port(), mac(a), mac(b));
      Path file = dir.resolve("ccr.yml");
      Files.writeString(file, inv);

      CliRunner apply = CliRunner.run("apply", file.toString(), "--yes");
      assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
      assertThat(apply.out()).contains("routeros-shared-config");

      CliRunner plan = CliRunner.run("plan", file.toString(), "--detailed-exitcode");
      assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();

      CliRunner facts = CliRunner.run("facts", file.toString());
      assertThat(facts.exitCode()).isZero();
      assertThat(facts.out()).contains("RouterOS 7.12.1").contains("VRRP role: MASTER");

      CliRunner sw = CliRunner.run("action", file.toString(), "switch-role", "ccr");
      assertThat(sw.exitCode()).as(sw.out() + sw.err()).isZero();
      assertThat(b.vrrpRole("HA_VRRP")).isEqualTo("master");
      // Not permanent: the plan puts the preferred router back, and says so with exit code 2.
      assertThat(CliRunner.run("plan", file.toString(), "--detailed-exitcode").exitCode()).isEqualTo(ExitCodes.CHANGES);
      assertThat(CliRunner.run("verify", file.toString()).exitCode()).isZero();

      a.console("/ip route add dst-address=192.0.2.128/25 gateway=198.51.100.254");
      CliRunner drift = CliRunner.run("verify", file.toString());
      assertThat(drift.exitCode()).isEqualTo(ExitCodes.FAILED);
      assertThat(drift.out()).contains("only on ccr-a: /ip route dst-address=192.0.2.128/25");
      // ccr-b is active now: the hand change on ccr-a (the standby) is what sync-standby removes.
      CliRunner sync = CliRunner.run("action", file.toString(), "sync-standby", "ccr");
      assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
      assertThat(sync.out()).contains("/ip route remove [find dst-address=192.0.2.128/25 gateway=198.51.100.254]");
      assertThat(CliRunner.run("verify", file.toString()).exitCode()).isZero();

      CliRunner back = CliRunner.run("apply", file.toString(), "--yes");
      assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
      assertThat(a.vrrpRole("HA_VRRP")).isEqualTo("master");
    }
  }

  private static String mac(SimulatedRouter r) {
    Matcher m = Pattern.compile("orig-mac-address=(\\S+)").matcher(r.console("/interface ethernet print terse where name=ether8"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
