package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.adopt.PairImport;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.lab.routeros.SimulatedRouter;
import io.haprovision.mikrotik.MikrotikTarget;
import io.haprovision.mikrotik.device.PrintedEntry;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanTextRenderer;
import io.haprovision.spi.ActionResult;
import io.haprovision.spi.Targets;
import io.haprovision.transport.HostKeyPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17 on RouterOS: a pair built by hand the ha-mikrotik way (adopt/ha-mikrotik-install.rsc,
 * written from HA_init.rsc, $HAInstall and ha_startup) is imported read-only, the imported
 * inventory validates, its plan changes only what ha-provision must (its hooks in place of
 * ha-mikrotik's, each change with its reason), apply never leaves the pair without its active
 * router nor moves the role, verify passes, a role switch runs ha-provision's hooks, a reboot
 * of the standby no longer runs ha-mikrotik's startup, and a second plan is empty. v6 without a
 * preferred router (HAInstall's default, both priority 100), v7 with haPreferMac on A.
 */
class HaMikrotikAdoptionSimTest {
  private static final String PASSWORD = "a25d89ba41236c40726ff9e7ffee1d202992f61c";

  @TempDir
  Path dir;

  @ParameterizedTest(name = "RouterOS {0} {1}, preferred A: {2}")
  @CsvSource({"V6, 6.49.10, false", "V7, 7.12.1, true"})
  void anHaMikrotikPairIsAdoptedWithoutAFailover(RouterOsDialect dialect, String version, boolean preferA)
      throws Exception {
    try (SimPair sim = SimPair.start(dialect, version, dir, "")) {
      buildByHand(sim, preferA);
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("backup");
      assertThat(sim.b.console("/system identity print")).as(String.join("\n", sim.b.commandLog()) + "\n"
          + String.join("\n", sim.b.logMessages())).contains("ccr_HA_B_STANDBY");
      assertThat(port(sim.b, "ether1").disabled()).as("ha_onbackup disabled B's traffic ports").isTrue();
      assertThat(port(sim.b, "ether7").disabled()).as("HA_RESCUE stays up").isFalse();

      // Import: read-only, no secret read.
      String before = snapshot(sim);
      int logA = sim.a.commandLog().size();
      int logB = sim.b.commandLog().size();
      List<String> progress = Collections.synchronizedList(new ArrayList<>());
      PairImport.ImportedPair imported = Provisioner.importPair(new PairImport.ImportRequest("mikrotik", "ccr",
          List.of(node(sim.b, "ccr-b"), node(sim.a, "ccr-a")), Optional.of(dir.resolve("id_ed25519")),
          Optional.of(dir.resolve("known_hosts")), HostKeyPolicy.STRICT), progress::add);
      assertThat(snapshot(sim)).as("import changed nothing on either router").isEqualTo(before);
      assertThat(SimSteps.changeCommands(sim.a.commandLog().subList(logA, sim.a.commandLog().size()))).isEmpty();
      assertThat(SimSteps.changeCommands(sim.b.commandLog().subList(logB, sim.b.commandLog().size()))).isEmpty();
      String text = imported.inventory();
      System.out.println(text);
      assertThat(String.join("\n", progress) + text + imported.notes()).doesNotContain(PASSWORD);
      assertThat(imported.primary()).as("A, named second, is the primary").isEqualTo("ccr-a");
      assertThat(text).contains("replaces: ha-mikrotik").contains("interface: ether8").contains("bridge: bridge-ether8")
          .contains("network: 169.254.23.0/24").contains("primary: 169.254.23.1").contains("address: 169.254.23.10")
          .containsPattern("rescue_ports: .*\\n\\s+- ether7").contains("preferred: " + (preferA ? "primary" : "none"))
          .contains("routeros: " + (dialect == RouterOsDialect.V6 ? 6 : 7))
          .contains("primary: \"" + mac(sim.a) + "\"").contains("secondary: \"" + mac(sim.b) + "\"");
      assertThat(imported.secrets()).isEmpty();
      imported.load(Targets.of(new MikrotikTarget()), Map.of()); // validates, as provision validate does

      Path inventory = dir.resolve("imported.yml");
      Files.writeString(inventory, text);
      Provisioner p = Provisioner.builder().inventory(inventory).targets(Targets.of(new MikrotikTarget()))
          .listener(e -> sim.progress.add(e.node() + " " + e.phase() + " " + e.message())).build();

      Plan plan = p.plan();
      String planText = PlanTextRenderer.plain(p.redactor()).render(plan);
      System.out.println(planText);
      assertThat(planText)
          .contains("add /system script name=HA_ON_MASTER (why:")
          .contains("set /interface vrrp name=HA_VRRP: ").contains("on-master")
          .contains("remove /system scheduler name=ha_startup (why: ha-mikrotik's boot entry")
          .contains("remove /system scheduler name=ha_checkchanges (why:")
          .contains("remove /ip route").contains("remove /system script name=ha_config_base (why:")
          .doesNotContain("add /interface bridge ").doesNotContain("add /interface vrrp")
          .doesNotContain("add /ip address").doesNotContain(PASSWORD);
      assertThat(planText.lines().filter(l -> l.matches("  [+~-] .*"))).as("every change says why")
          .allMatch(l -> l.contains("(why: ") || l.contains("(added by ha-provision"));

      // Apply while sampling the roles every 50 ms: A stays active throughout.
      RoleSampler sampler = RoleSampler.start(
          () -> sim.a.vrrpRole("HA_VRRP").equals("master") && !sim.b.vrrpRole("HA_VRRP").equals("master"));
      ApplyReport applied;
      try {
        applied = p.apply();
      } finally {
        sampler.close();
      }
      System.out.println(applied.toText(p.redactor()));
      assertThat(applied.toText(p.redactor()) + String.join("\n", sim.progress)).doesNotContain(PASSWORD);
      assertThat(applied.ok()).as(applied.toText(p.redactor()) + "\n" + String.join("\n", sim.progress)).isTrue();
      System.out.println(dialect + ": samples during the adoption's apply: " + sampler.samples() + ", without A as"
          + " the only active router: " + sampler.misses());
      assertThat(sampler.samples()).isGreaterThan(3);
      assertThat(sampler.misses()).as("no failover during the adoption").isZero();
      assertThat(sim.a.console("/system scheduler print terse")).doesNotContain("ha_");
      assertThat(sim.a.console(":put [/interface vrrp get [find name=HA_VRRP] on-master]"))
          .contains("/system script run HA_ON_MASTER");

      VerifyReport verified = p.verify(VerifyOptions.defaults().withDrills(true));
      System.out.println(verified.toText(p.redactor()));
      assertThat(verified.pairs().get(0).checks()).as(verified.toText(p.redactor()))
          .isNotEmpty().allMatch(c -> c.status() == CheckResult.Status.PASSED);

      // ha-provision's hooks carry the roles now: switch to B and back.
      ActionResult switched = p.action("switch-role", "ccr", List.of(), sim.progress::add);
      assertThat(switched.ok()).as(switched.output()).isTrue();
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(sim.b.console("/system identity print")).contains("ccr_HA_B_ACTIVE");
      assertThat(port(sim.a, "ether1").disabled()).as("HA_ON_BACKUP disabled A's traffic ports").isTrue();
      assertThat(p.action("switch-role", "ccr", List.of(), sim.progress::add).ok()).isTrue();
      assertThat(sim.a.vrrpRole("HA_VRRP")).isEqualTo("master");

      // A reboot of the standby runs ha-provision's startup guard, and ha-mikrotik's no more.
      int bootLog = sim.b.commandLog().size();
      sim.b.powerOff();
      sim.b.powerOn();
      List<String> boot = sim.b.commandLog().subList(bootLog, sim.b.commandLog().size());
      assertThat(boot).anyMatch(l -> l.startsWith("startup HA_STARTUP")).noneMatch(l -> l.contains("ha_startup"));
      assertThat(sim.b.vrrpRole("HA_VRRP")).isEqualTo("backup");
      assertThat(port(sim.b, "ether1").disabled()).isTrue();

      Plan again = p.plan();
      assertThat(again.hasChanges()).as(PlanTextRenderer.plain(p.redactor()).render(again)).isFalse();
    }
  }

  /** Both routers as ha-mikrotik leaves them, then the heartbeat enabled on A first, as HASyncStandby's reboot of B does. */
  private static void buildByHand(SimPair sim, boolean preferA) throws IOException {
    String template;
    try (InputStream in = HaMikrotikAdoptionSimTest.class.getResourceAsStream(
        "/io/haprovision/mikrotik/adopt/ha-mikrotik-install.rsc")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String macA = mac(sim.a);
    String macB = mac(sim.b);
    for (SimulatedRouter r : List.of(sim.a, sim.b)) {
      boolean isA = r == sim.a;
      String script = template.lines().filter(l -> !l.startsWith("#")).reduce("", (x, y) -> x + y + "\n")
          .replace("@ME@", isA ? "A" : "B").replace("@MAC_A@", macA).replace("@MAC_B@", macB)
          .replace("@PREFER_MAC@", preferA ? macA : "")
          .replace("@ADDRESS_ME@", isA ? "169.254.23.1" : "169.254.23.2")
          .replace("@ADDRESS_OTHER@", isA ? "169.254.23.2" : "169.254.23.1")
          .replace("@PRIORITY@", preferA && isA ? "150" : "100").replace("@PASSWORD@", PASSWORD);
      String out = r.console(script);
      assertThat(out).as("the hand-built steps ran on " + r.name()).doesNotContain("failure").doesNotContain("error")
          .doesNotContain("expected").doesNotContain("no such");
    }
    for (SimulatedRouter r : List.of(sim.a, sim.b)) {
      r.console("/interface vrrp set [find interface=\"bridge-ether8\"] disabled=no");
    }
  }

  private static PairImport.ImportNode node(SimulatedRouter r, String name) {
    return new PairImport.ImportNode(name, r.user(), r.host(), r.port());
  }

  /** Everything import could change: the full export with secrets, users, files, identity. */
  private static String snapshot(SimPair sim) {
    StringBuilder sb = new StringBuilder();
    for (SimulatedRouter r : List.of(sim.a, sim.b)) {
      sb.append(SimSteps.body(r.exportTerse())).append('\n')
          .append(r.console("/user print terse")).append(r.console("/file print terse"))
          .append(r.console("/system identity print"));
    }
    return sb.toString();
  }

  private static PrintedEntry port(SimulatedRouter r, String name) {
    return PrintedEntry.parseAll(r.console("/interface ethernet print terse where name=" + name)).get(0);
  }

  private static String mac(SimulatedRouter r) {
    return port(r, "ether8").get("orig-mac-address");
  }
}
