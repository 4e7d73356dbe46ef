package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import io.haprovision.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provision plan} on a bonder pair whose management API (the simulator, on loopback)
 * refuses the password or does not know an id: the run stops in the preflight, before any
 * SSH connection (the inventory's bonders are documentation addresses nothing answers on,
 * and the error is the API's, not theirs), with exit 69 for refused credentials and 1 for
 * an unknown id, and the password shows nowhere.
 */
class BonderPreflightCliTest {
  private static final String PASSWORD = "cli-api-marker-Pw1";
  private static ManagementApiSimulator api;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    api = ManagementApiSimulator.start(ManagementApiSimulator.Spec.loopback("ha-failover@example.net",
        Secret.of(PASSWORD, "test")));
    api.bond(12).connectedIp(101, "198.51.100.10", true).route(201, "203.0.113.0/29", true)
        .connectedIp(105, "198.18.20.2", true);
    api.bond(13).connectedIp(103, "198.51.100.12", false).route(203, "203.0.113.16/29", false)
        .connectedIp(106, "198.18.20.3", true);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private Path inventory(String password, String secondaryRoutes) throws IOException {
    Files.writeString(dir.resolve("api.pass"), password);
    String yaml = String.join("\n",
        "version: 1",
        "defaults:",
        "  ssh: { user: root, identity_file: " + dir.resolve("id_none") + ", known_hosts: " + dir.resolve("kh")
            + ", host_key_policy: strict }",
        "pairs:",
        "  - name: bonders",
        "    platform: bonder",
        "    nodes:",
        "      - { name: bonder-a, role: primary, host: 192.0.2.41, interfaces: { eth1: 198.18.20.2/24 } }",
        "      - { name: bonder-b, role: secondary, host: 192.0.2.42, interfaces: { eth1: 198.18.20.3/24 } }",
        "    vrrp:",
        "      instances:",
        "        - { name: BONDERS, interface: eth1, virtual_router_id: 61, unicast: true,"
            + " priority: { primary: 10, secondary: 5 } }",
        "    bonder:",
        "      api:",
        "        host: " + api.host(),
        "        port: " + api.port(),
        "        user: ha-failover@example.net",
        "        password: ${file:api.pass}",
        "        control_ca_file: " + api.caPemFile(),
        "        timeout: 2s",
        "        attempt_delay: 1s",
        "      bonds:",
        "        primary: { bond: 12, connected_ips: [101], routes: [201], hook_connected_ip: 105 }",
        "        secondary: { bond: 13, connected_ips: [103], routes: " + secondaryRoutes + ", hook_connected_ip: 106 }",
        "");
    Files.writeString(dir.resolve("id_none"), "");
    Files.writeString(dir.resolve("kh"), "");
    return Files.writeString(dir.resolve("bonders.yml"), yaml, StandardCharsets.UTF_8);
  }

  /** Issue 18, point 1: a user name instead of an email address is valid, with a warning on every command. */
  @Test
  void anApiUserNameInsteadOfAnEmailIsAWarningNotAnError() throws IOException {
    Path file = inventory(PASSWORD, "[203]");
    Files.writeString(file, Files.readString(file).replace("user: ha-failover@example.net", "user: ha-failover"));
    CliRunner r = CliRunner.run("validate", file.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: " + file + ":").contains("pairs[0].bonder.api.user")
        .contains("deprecates logging in by user name").contains("set api.user to the email address");
    assertThat(r.out()).contains("valid: 1 pair");
    CliRunner quiet = CliRunner.run("validate", file.toString(), "--quiet");
    assertThat(quiet.exitCode()).isZero();
    assertThat(quiet.err()).doesNotContain("warning:");
  }

  @Test
  void refusedCredentialsExit69BeforeAnyBonderIsContacted() throws IOException {
    api.clearCalls();
    CliRunner r = CliRunner.run("plan", inventory("wrong-cli-password", "[203]").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err()).contains("preflight found a problem before any node was contacted")
        .contains("refused API user ha-failover@example.net").doesNotContain("wrong-cli-password")
        .doesNotContain("192.0.2.41");
    assertThat(r.out()).isEmpty();
    assertThat(api.calls()).hasSize(2); // the v3 root (auto asks it), then the first object: it stops there
  }

  @Test
  void anUnknownIdExits1NamingItBeforeAnyBonderIsContacted() throws IOException {
    CliRunner r = CliRunner.run("plan", inventory(PASSWORD, "[203, 299]").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains("route 299 (pairs[0].bonder.bonds.secondary.routes) of bond 13 does not exist")
        .doesNotContain(PASSWORD).doesNotContain("192.0.2.41");
  }
}
