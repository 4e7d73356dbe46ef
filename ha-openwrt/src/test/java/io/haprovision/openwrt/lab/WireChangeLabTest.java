package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.awaitRole;
import static io.haprovision.openwrt.lab.LabRoles.converge;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.ProgressEvent;
import io.haprovision.engine.ApplyOptions;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.Plan;
import io.haprovision.plan.WireChange;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's changes the two routers cannot both speak, on real keepalived: authentication on,
 * changed and off, advert_int, the VRRP version, unicast to multicast and a new VRID. For each,
 * first an apply during which the MASTER becomes unreachable right after the BACKUP was held
 * (its SSH session killed and new ones dropped): the BACKUP must come back unchanged and not
 * take the VIPs; then the apply again, which must succeed. A sampler reads both routers'
 * addresses about ten times a second throughout: not one sample may show both holding a VIP.
 */
@LabTest(pairs = 1)
class WireChangeLabTest {
  private static final DigestKey KEY = LabRoles.KEY;
  private static final String CUT_TABLE = "ha_lab_cut";

  @Test
  void changesBothNodesCannotSpeakNeverGiveBothTheVips(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    Path dir = Files.createDirectories(lab.stateDir().resolve("wire-change"));
    // Without the revert: this is what protects a node that has none. A short connect timeout:
    // the run that loses the MASTER tries a new connection to give its lock back, which the cut
    // drops.
    Path base = Files.writeString(dir.resolve("lab.yml"),
        LabRoles.withoutAutoRevert(Files.readString(lab.writeInventory(dir.resolve("lab-written.yml"))))
            .replace("    host_key_policy: strict\n", "    host_key_policy: strict\n    connect_timeout: 2s\n"));
    converge(base);
    awaitRole(lab, a, "master");
    awaitRole(lab, b, "backup");
    String yaml = Files.readString(base);
    String unicast = "          unicast: true\n";
    assertThat(yaml.split(unicast, -1)).as("both instances are unicast").hasSize(3);
    secret(dir, "pw1", "first1");
    secret(dir, "pw2", "second2");

    String pass1 = "          authentication: { type: PASS, password: \"${file:pw1}\" }\n";
    String pass2 = "          authentication: { type: PASS, password: \"${file:pw2}\" }\n";
    String advert2 = "          advert_int: 2\n";
    String version3 = "          version: 3\n";
    String lanVrid = "          virtual_router_id: 51\n";
    // advert_int last: master-down intervals (and so the gates' waits) double after it.
    String v3 = yaml.replace(unicast, unicast + version3);
    String multicast = v3.replace(unicast, "          unicast: false\n");
    String newVrid = multicast.replace(lanVrid, "          virtual_router_id: 61\n");
    List<Step> steps = List.of(
        new Step("authentication none -> PASS", yaml.replace(unicast, unicast + pass1)),
        new Step("the authentication password", yaml.replace(unicast, unicast + pass2)),
        new Step("authentication PASS -> none", yaml),
        new Step("VRRP version 2 -> 3", v3),
        new Step("unicast -> multicast", multicast),
        new Step("VRID 51 -> 61 (LAN)", newVrid),
        new Step("advert_int 1 s -> 2 s", newVrid.replace("          unicast: false\n",
            "          unicast: false\n" + advert2)));

    List<String> matrix = new ArrayList<>();
    for (Step step : steps) {
      Path file = Files.writeString(dir.resolve("step.yml"), step.yaml());
      Inventory inv = new InventoryLoader().withTargets(Targets.discover()).load(file);
      Redactor redactor = Redactor.of(inv.secrets());

      // 1. The MASTER is lost right after the BACKUP was held.
      AtomicBoolean lost = new AtomicBoolean();
      Engine cutting = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
          .listener((ProgressEvent e) -> {
            if (e.node().equals(b.name()) && e.message().startsWith("holding " + b.name() + " out of VRRP")
                && lost.compareAndSet(false, true)) {
              cutSsh(lab, a);
            }
          }).build();
      List<VipSampler.Sample> lostSamples;
      ApplyReport lostReport;
      try (VipSampler sampler = VipSampler.start(lab, pair, dir.resolve("lost.samples"));
          EngineSession session = cutting.open(inv)) {
        Plan plan = session.plan();
        PairPlan p = plan.pair("p1");
        assertThat(p.wireChange()).as("%s is planned as a change both cannot speak", step.name()).isPresent();
        WireChange w = p.wireChange().get();
        assertThat(w.held()).isEqualTo(b.name());
        assertThat(String.join("\n", p.warnings())).contains("without a standby for about");
        lostReport = session.apply(plan);
        lostSamples = sampler.stop();
      } finally {
        restoreSsh(lab, a);
      }
      assertThat(lost).as("the MASTER was cut off").isTrue();
      assertThat(lostReport.ok()).as(lostReport.toText(redactor)).isFalse();
      assertThat(lostReport.pairs().get(0).message()).as(lostReport.toText(redactor))
          .contains(b.name() + " takes part in VRRP again unchanged");
      awaitRole(lab, b, "backup");
      assertThat(run(lab, b.name(), "pidof keepalived")).as("keepalived runs again on %s", b.name()).isNotBlank();

      // 2. The same apply with the MASTER reachable.
      List<VipSampler.Sample> samples;
      ApplyReport report;
      WireChange w;
      Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY).build();
      try (VipSampler sampler = VipSampler.start(lab, pair, dir.resolve("apply.samples"));
          EngineSession session = engine.open(inv)) {
        Plan plan = session.plan();
        w = plan.pair("p1").wireChange().orElseThrow();
        // The cut session could not give the pair lock back on the MASTER.
        report = session.apply(plan, ApplyOptions.defaults().withBreakLock(true));
        samples = sampler.stop();
      }
      assertThat(report.ok()).as(report.toText(redactor)).isTrue();
      var heldGate = report.pairs().get(0).node(b.name()).orElseThrow().gate().orElseThrow();
      assertThat(heldGate.millis()).as("the gate after %s started waits a master-down interval", b.name())
          .isGreaterThanOrEqualTo(3000);
      awaitRole(lab, a, "master");
      awaitRole(lab, b, "backup");
      try (EngineSession session = engine.open(inv)) {
        assertThat(session.plan().hasChanges()).as("%s converged", step.name()).isFalse();
      }

      long both = VipSampler.bothHolding(lostSamples) + VipSampler.bothHolding(samples);
      long gap = VipSampler.longestLanGapMillis(samples);
      String line = String.format("%-30s samples %3d + %3d, both holding a VIP: %d, longest LAN VIP gap %d ms"
          + " (announced: without standby %d ms, without VIPs %d ms)", step.name(), lostSamples.size(),
          samples.size(), both, gap, w.withoutStandbyMillis(), w.withoutVipsMillis());
      matrix.add(line);
      System.out.println("wire change: " + line);
      assertThat(lostSamples.size()).as("the sampler ran").isGreaterThan(10);
      assertThat(samples.size()).as("the sampler ran").isGreaterThan(10);
      assertThat(both).as("samples with both routers holding a VIP, %s\n%s", step.name(),
          String.join("\n", matrix)).isZero();
      if (w.vipsMove().isEmpty()) {
        assertThat(VipSampler.lanVipNowhere(samples)).as("samples without the LAN VIP, %s", step.name()).isZero();
      } else {
        assertThat(gap).as("the LAN VIP's gap stays near what plan announced").isLessThanOrEqualTo(
            w.withoutVipsMillis() + 2000);
      }
    }
    System.out.println(String.join("\n", matrix));
  }

  private record Step(String name, String yaml) {}

  private static void secret(Path dir, String name, String value) throws IOException {
    Path f = Files.writeString(dir.resolve(name), value);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
  }

  /** The control host loses {@code node}: its SSH sessions die and new ones are dropped. */
  private static void cutSsh(Lab lab, LabNode node) {
    run(lab, node.name(), "nft add table inet " + CUT_TABLE + " && nft add chain inet " + CUT_TABLE
        + " input '{ type filter hook input priority -400; }' && nft add rule inet " + CUT_TABLE
        + " input tcp dport 22 drop && { pkill -KILL -f '[s]shd: .*@notty'; true; }");
  }

  private static void restoreSsh(Lab lab, LabNode node) {
    lab.exec(node.name(), "nft delete table inet " + CUT_TABLE + " 2>/dev/null; true");
  }
}
