package io.haprovision.openwrt.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanTextRenderer;
import io.haprovision.plan.PlannedHandler;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's drift point on real keepalived over real SSH: a converged pair changed by hand on
 * its BACKUP (a UCI option and a line appended to keepalived.conf) plans exactly those two
 * changes on that node and nothing on the MASTER, and apply puts both back without touching
 * the MASTER's keepalived or VIPs.
 */
@LabTest(pairs = 1)
class DriftLabTest {
  private static final String CONF = "/etc/keepalived/keepalived.conf";
  private static final String CONF_ID = "file:" + CONF;
  private static final String UCI_KEY = "keepalived.globals.alt_config_file";
  private static final String UCI_ID = "uci:" + UCI_KEY;
  private static final String OTHER = "/tmp/other.conf";
  private static final DigestKey KEY =
      DigestKey.of("a fixed test key, 32 bytes long!".getBytes(StandardCharsets.UTF_8));

  @Test
  void handEditsOnTheBackupArePlannedExactlyAndApplyRepairsThemWithoutTouchingTheMaster(Lab lab, @TempDir Path tmp) {
    Inventory inventory = new InventoryLoader().withTargets(Targets.discover())
        .load(lab.writeInventory(tmp.resolve("lab.yml")));
    Redactor redactor = Redactor.of(inventory.secrets());
    Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
        .listener(e -> System.out.println("  [event] " + e)).build();
    LabPair pair = lab.pair(1);
    LabNode master = pair.a();
    LabNode backup = pair.b();

    try (EngineSession session = engine.open(inventory)) {
      ApplyReport converged = session.apply(session.plan());
      assertThat(converged.ok()).as(converged.toText(redactor)).isTrue();
    }
    assertThat(vipsHeld(lab, pair, master)).as("%s is MASTER after converging", master.name()).isEqualTo(2);
    assertThat(vipsHeld(lab, pair, backup)).as("%s holds no VIP", backup.name()).isZero();
    String convergedSha = sha256(lab, backup, CONF);
    String masterSha = sha256(lab, master, CONF);
    String masterPids = keepalivedPids(lab, master);

    // By hand, on the BACKUP only: no ha-provision involved.
    String comment = "# hand edit by drift test " + lab.runId();
    run(lab, backup, "uci set " + UCI_KEY + "=" + OTHER + "; uci commit keepalived");
    run(lab, backup, "echo '" + comment + "' >> " + CONF);
    assertThat(run(lab, backup, "uci get " + UCI_KEY).strip()).isEqualTo(OTHER);

    Plan plan;
    try (EngineSession session = engine.open(inventory)) {
      plan = session.plan();
    }
    String text = PlanTextRenderer.plain(redactor).render(plan);
    System.out.println(text);

    NodePlan drifted = plan.pair(pair.name()).node(backup.name());
    List<Change> changes = drifted.changes().stream().filter(Change::changes).toList();
    assertThat(changes).extracting(c -> c.id().toString()).containsExactlyInAnyOrder(UCI_ID, CONF_ID);
    assertThat(changes).allMatch(c -> c instanceof Change.Update, "both are updates");
    Change uci = changes.stream().filter(c -> c.id().toString().equals(UCI_ID)).findFirst().orElseThrow();
    assertThat(uci.summary()).isEqualTo("update uci " + UCI_KEY + ": value '" + OTHER + "' -> '" + CONF + "'"
        + " (why: OpenWrt's keepalived init script runs the file ha-provision writes)");
    assertThat(uci.diff()).isEqualTo("old value '" + OTHER + "'\nnew value '" + CONF + "'");
    Change conf = changes.stream().filter(c -> c.id().toString().equals(CONF_ID)).findFirst().orElseThrow();
    List<String> diff = Arrays.asList(conf.diff().split("\n"));
    assertThat(diff).as(conf.diff()).contains("--- a" + CONF, "+++ b" + CONF);
    assertThat(diff.stream().filter(l -> l.startsWith("-") && !l.startsWith("---")))
        .as("removed lines of\n%s", conf.diff()).containsExactly("-" + comment);
    assertThat(diff.stream().filter(l -> l.startsWith("+") && !l.startsWith("+++")))
        .as("added lines of\n%s", conf.diff()).isEmpty();
    assertThat(drifted.handlers()).extracting(PlannedHandler::name).containsExactly("keepalived-reload");
    assertThat(plan.pair(pair.name()).node(master.name()).hasChanges()).as("no drift on the MASTER").isFalse();
    assertThat(plan.counts().summaryLine()).isEqualTo("Plan: 0 to create, 2 to update, 0 to delete");

    assertThat(text)
        .contains("  ~ update uci " + UCI_KEY + ": value '" + OTHER + "' -> '" + CONF + "' (why: ")
        .contains("      old value '" + OTHER + "'\n      new value '" + CONF + "'\n")
        .contains("      -" + comment + "\n")
        .containsPattern("  # " + master.name() + " \\([^)]*\\)\n    No changes\\.")
        .endsWith("Plan: 0 to create, 2 to update, 0 to delete\n");

    ApplyReport repaired;
    try (EngineSession session = engine.open(inventory)) {
      repaired = session.apply(plan);
    }
    System.out.println(repaired.toText(redactor));
    assertThat(repaired.ok()).as(repaired.toText(redactor)).isTrue();
    var node = repaired.pairs().get(0).node(backup.name()).orElseThrow();
    assertThat(node.changes()).extracting(ApplyReport.ChangeResult::id).containsExactlyInAnyOrder(UCI_ID, CONF_ID);
    assertThat(repaired.pairs().get(0).node(master.name()).map(n -> n.changes().isEmpty()).orElse(true))
        .as("nothing applied on the MASTER").isTrue();

    assertThat(run(lab, backup, "uci get " + UCI_KEY).strip()).isEqualTo(CONF);
    assertThat(sha256(lab, backup, CONF)).as("keepalived.conf on %s as converged", backup.name()).isEqualTo(convergedSha);
    assertThat(run(lab, backup, "cat " + CONF)).doesNotContain(comment);
    assertThat(sha256(lab, master, CONF)).as("MASTER's file untouched").isEqualTo(masterSha);
    assertThat(keepalivedPids(lab, master)).as("keepalived on the MASTER not restarted").isEqualTo(masterPids);
    assertThat(vipsHeld(lab, pair, master)).as("%s still holds the VIPs", master.name()).isEqualTo(2);
    assertThat(vipsHeld(lab, pair, backup)).as("%s still holds no VIP", backup.name()).isZero();

    try (EngineSession session = engine.open(inventory)) {
      Plan again = session.plan();
      assertThat(again.hasChanges()).as(PlanTextRenderer.plain(redactor).render(again)).isFalse();
    }
  }

  private static String run(Lab lab, LabNode node, String command) {
    ExecResult r = lab.exec(node.name(), command);
    assertThat(r.ok()).as(r.describe()).isTrue();
    return r.stdout();
  }

  private static String sha256(Lab lab, LabNode node, String path) {
    return run(lab, node, "sha256sum " + path).strip().split("\\s+")[0];
  }

  /** keepalived's PIDs on a node, sorted (parent and children). */
  private static String keepalivedPids(Lab lab, LabNode node) {
    String out = run(lab, node, "pidof keepalived | tr ' ' '\\n' | sort -n | tr '\\n' ' '").strip();
    assertThat(out).as("keepalived runs on %s", node.name()).isNotEmpty();
    return out;
  }

  /** How many of the pair's two VIPs (LAN, WAN) the node holds. */
  private static int vipsHeld(Lab lab, LabPair pair, LabNode node) {
    String addrs = run(lab, node, "ip -o -4 addr show");
    return (int) List.of(pair.lanVipAddress(), pair.wanVipAddress()).stream()
        .filter(vip -> addrs.contains(" " + vip + "/")).count();
  }
}
