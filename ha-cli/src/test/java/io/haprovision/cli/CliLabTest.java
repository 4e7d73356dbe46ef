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

  /**
   * Issue 19, points 1 and 3: a real Prometheus (Debian's) scrapes {@code provision watch} on
   * this lab pair with the shipped rules loaded, and its query API tells what happened: the
   * drift test 6 left (a VRRP password the inventory lacks) and its repair, a failover (the
   * holder moves, a role change is counted and timed), and a split brain (VRRP blocked on the
   * BACKUP: two masters, the alert fires, and clears once VRRP flows again).
   */
  @Test
  @Order(7)
  void aRealPrometheusScrapingTheWatchSeesDriftAFailoverAndASplitBrain(Lab lab) throws Exception {
    Path inv = inventory(lab);
    String a = lab.pair(1).a().name();
    String b = lab.pair(1).b().name();
    java.util.List<String> problems = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    io.haprovision.Provisioner provisioner = io.haprovision.Provisioner.builder().inventory(inv).build();
    try (io.haprovision.cli.watch.WatchService watch = io.haprovision.cli.watch.WatchService.start(
            provisioner.watch(), "127.0.0.1", 0, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(3),
            problems::add);
        PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), watch.port(),
            AlertRulesTest.RULES.toAbsolutePath().normalize())) {
      prometheus.await("two instances with one MASTER each",
          "count(haprovision_instance_masters == 1)", v -> v == 2);
      prometheus.await("both on " + a, "sum(haprovision_vip_holder{node=\"" + a + "\"})", v -> v == 2);
      prometheus.await("the drift test 6 left (a VRRP password the inventory lacks)",
          "haprovision_pair_drift_changes", v -> v > 0);

      CliRunner apply = CliRunner.run("apply", inv.toString(), "--yes", "--no-verify", "--quiet");
      assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
      prometheus.await("no drift after apply", "haprovision_pair_drift_changes", v -> v == 0);
      prometheus.await("every VIP answering the probe host (recording rule)",
          "sum(haprovision:instance_vips_not_answering)", v -> v == 0);

      // A failover: keepalived stops on the MASTER.
      assertThat(lab.exec(a, "/etc/init.d/keepalived stop").exitCode()).isZero();
      prometheus.await("both instances held by " + b, "sum(haprovision_vip_holder{node=\"" + b + "\"})",
          v -> v == 2);
      prometheus.await("the role change counted", "sum(haprovision_role_changes_total)", v -> v >= 2);
      prometheus.await("the role change timed", "max(haprovision_role_change_duration_seconds)", v -> v > 0);
      assertThat(lab.exec(a, "/etc/init.d/keepalived start").exitCode()).isZero();
      prometheus.await("both back on " + a + " (preemption)", "sum(haprovision_vip_holder{node=\"" + a + "\"})",
          v -> v == 2);

      // A split brain: the BACKUP stops hearing the MASTER's adverts.
      String block = "nft add table inet hatest_split && nft add chain inet hatest_split input"
          + " '{ type filter hook input priority -400; }' && nft add rule inet hatest_split input ip protocol vrrp drop";
      assertThat(lab.exec(b, block).exitCode()).isZero();
      try {
        prometheus.await("two masters", "max(haprovision_instance_masters)", v -> v == 2);
        prometheus.await("the split-brain alert firing",
            "count(ALERTS{alertname=\"HaProvisionSplitBrain\", alertstate=\"firing\"})", v -> v >= 1);
      } finally {
        lab.exec(b, "nft delete table inet hatest_split 2>/dev/null; true");
      }
      prometheus.await("one master again", "max(haprovision_instance_masters)", v -> v == 1);
      prometheus.await("the split-brain alert gone",
          "count(ALERTS{alertname=\"HaProvisionSplitBrain\", alertstate=\"firing\"}) or vector(0)", v -> v == 0);

      String scrape = new String(java.net.URI.create("http://127.0.0.1:" + watch.port() + "/metrics").toURL()
          .openStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      System.out.println("---- a scrape of provision watch on the lab pair ----\n" + scrape.lines()
          .filter(l -> l.startsWith("haprovision_")).collect(java.util.stream.Collectors.joining("\n")));
      assertThat(scrape).contains("haprovision_instance_masters{instance=\"LAN\",pair=\"p1\"} 1.0");
    }
  }
}
