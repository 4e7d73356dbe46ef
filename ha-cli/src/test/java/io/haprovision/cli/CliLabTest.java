package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.Lab;
import io.haprovision.lab.junit.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI contract of plan, apply, verify and facts against a real lab pair: exit codes
 * (0, 1, 2, 69), {@code --detailed-exitcode}, {@code --json}, saved plans and their
 * staleness, unknown and unreachable hosts.
 */
@LabTest(pairs = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliLabTest {
  @TempDir
  static Path dir;

  static Path inventory(Lab lab) {
    Path inv = dir.resolve("lab.yml");
    if (!Files.exists(inv)) {
      lab.writeInventory(inv);
    }
    return inv;
  }

  @Test
  @Order(1)
  void planOnAFreshPairExits2WithDetailedExitCodeAndSavesAPlan(Lab lab) throws IOException {
    Path inv = inventory(lab);
    Path saved = dir.resolve("first.json");
    CliRunner r = CliRunner.run("plan", inv.toString(), "--detailed-exitcode", "--out", saved.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).contains("Rollout: p1-b, then p1-a").contains("install package keepalived");
    assertThat(Files.readString(saved)).contains("\"format\"").contains("ha-provision-plan");
    CliRunner plain = CliRunner.run("plan", inv.toString());
    assertThat(plain.exitCode()).isZero();
  }

  @Test
  @Order(2)
  void applyASavedPlanThenAgainRefusesTheStalePlan(Lab lab) throws IOException {
    Path inv = inventory(lab);
    Path saved = dir.resolve("first.json");
    CliRunner missingInventory = CliRunner.run("apply", saved.toString(), "--yes");
    assertThat(missingInventory.exitCode()).isEqualTo(64);
    assertThat(missingInventory.err()).contains("--inventory");

    CliRunner applied = CliRunner.run("apply", saved.toString(), "--inventory", inv.toString(), "--yes", "--json");
    assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
    assertThat(applied.out()).startsWith("{\"apply\": ").contains("\"verify\"");

    // The routers changed since that plan was made (it was just applied): refused, exit 1.
    CliRunner stale = CliRunner.run("apply", saved.toString(), "--inventory", inv.toString(), "--yes");
    assertThat(stale.exitCode()).isEqualTo(1);
    assertThat(stale.out() + stale.err()).containsIgnoringCase("stale");
  }

  @Test
  @Order(3)
  void aConvergedPairPlansNoChangesAndVerifies(Lab lab) {
    Path inv = inventory(lab);
    CliRunner plan = CliRunner.run("plan", inv.toString(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.out()).isZero();
    assertThat(plan.out()).contains("No changes.");

    CliRunner verify = CliRunner.run("verify", inv.toString(), "--json");
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("vip-answers").contains("single-master");

    CliRunner facts = CliRunner.run("facts", inv.toString());
    assertThat(facts.exitCode()).isZero();
    assertThat(facts.out()).contains("p1-a").contains("MASTER");

    CliRunner apply = CliRunner.run("apply", inv.toString(), "--yes", "--no-verify");
    assertThat(apply.exitCode()).isZero();
    assertThat(apply.out()).contains("0 change(s) applied").contains("p1/p1-a=1").contains("p1/p1-b=1");
  }

  @Test
  @Order(4)
  void anUnknownHostKeyUnderStrictExits69AndNamesTheHost(Lab lab) throws IOException {
    Path inv = inventory(lab);
    Path empty = dir.resolve("empty_known_hosts");
    Files.writeString(empty, "");
    Path other = dir.resolve("strict.yml");
    Files.writeString(other, Files.readString(inv).replaceAll("known_hosts: \\S+", "known_hosts: " + empty));
    CliRunner r = CliRunner.run("plan", other.toString());
    assertThat(r.exitCode()).isEqualTo(69);
    assertThat(r.err()).contains("root@" + lab.pair(1).a().managementAddress()).containsIgnoringCase("host key");
    assertThat(Files.readString(empty)).as("strict never writes known_hosts").isEmpty();
  }

  @Test
  @Order(5)
  void anUnreachableRouterExits69(Lab lab) throws IOException {
    Path inv = inventory(lab);
    String a = lab.pair(1).a().managementAddress();
    String nobody = a.substring(0, a.lastIndexOf('.') + 1) + "250";
    Path other = dir.resolve("unreachable.yml");
    Files.writeString(other, Files.readString(inv).replace("host: " + a, "host: " + nobody)
        .replace("host_key_policy: strict", "host_key_policy: strict\n    connect_timeout: 2s"));
    CliRunner r = CliRunner.run("facts", other.toString());
    assertThat(r.exitCode()).isEqualTo(69);
    assertThat(r.err()).contains("root@" + nobody + ":22");
  }

  /**
   * Issue 16, point 7: {@code --log-file} records every command sent to the routers with its
   * script, the VRRP password masked, in an owner-only file; {@code --quiet} leaves progress
   * out. A process of its own: the logging backend takes its settings once per JVM.
   */
  @Test
  @Order(6)
  void aLogFileRecordsEveryCommandWithSecretsMasked(Lab lab) throws Exception {
    Path inv = inventory(lab);
    String anchor = "    host_key_policy: strict\n";
    String yaml = Files.readString(inv);
    assertThat(yaml).contains(anchor);
    Path withPassword = Files.writeString(dir.resolve("password.yml"), yaml.replace(anchor, anchor
        + "  vrrp:\n    authentication:\n      type: PASS\n      password: ${env:CLI_LOG_VRRP_PASS}\n"));
    Path log = dir.resolve("logs/apply.log");
    ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "apply",
        withPassword.toString(), "--yes", "--no-verify", "--quiet", "--log-file", log.toString());
    pb.environment().put("CLI_LOG_VRRP_PASS", "Lg9pw4x");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out + err).isZero();
    assertThat(err).as("--quiet: no progress").doesNotContain("progress:").doesNotContain("apply:");
    String text = Files.readString(log);
    assertThat(java.nio.file.Files.getPosixFilePermissions(log))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    String a = "root@" + lab.pair(1).a().managementAddress() + ":22";
    assertThat(text).contains(a + " $ sh -s  <<stdin").contains(a + " exit 0 in ")
        .contains("auth_pass ******").doesNotContain("Lg9pw4x");
    assertThat(out + err).doesNotContain("Lg9pw4x");
  }
}
