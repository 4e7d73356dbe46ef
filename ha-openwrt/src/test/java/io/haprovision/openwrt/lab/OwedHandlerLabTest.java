package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.converge;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.ProgressEvent;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlannedHandler;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import io.haprovision.lab.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's durable handlers on real keepalived over real SSH: the session to the BACKUP is cut
 * (its sshd session processes killed) after its new keepalived.conf is in place and just before
 * the reload. The node's ledger keeps the reload owed; the next plan plans it although every file
 * is already new, and the next apply runs it: the health gate, which compares the priority
 * keepalived runs with the file's, passes.
 */
@LabTest(pairs = 1)
class OwedHandlerLabTest {
  private static final DigestKey KEY = LabRoles.KEY;
  private static final String LEDGER = "/var/run/ha-provision/owed-handlers.p1.p1-b";

  @Test
  void aReloadLostToACutSessionRunsOnTheNextApply(Lab lab) throws IOException {
    Path dir = Files.createDirectories(lab.stateDir().resolve("owed-handler"));
    // Without the revert: this is what protects a node that has none. A command that outlives
    // its cut session waits no longer than 20 s (the default is 60 s).
    Path base = Files.writeString(dir.resolve("lab.yml"),
        LabRoles.withoutAutoRevert(Files.readString(lab.writeInventory(dir.resolve("lab-written.yml"))))
            .replace("    host_key_policy: strict\n", "    host_key_policy: strict\n    command_timeout: 20s\n"));
    converge(base);
    LabNode b = lab.pair(1).b();
    String yaml = Files.readString(base);
    String lan = "            - " + lab.pair(1).lanVip() + "\n          unicast: true\n";
    assertThat(yaml).contains(lan);
    Path changed = Files.writeString(dir.resolve("changed.yml"),
        yaml.replace(lan, lan + "          priority: { primary: 150, secondary: 90 }\n"));
    Inventory inv = new InventoryLoader().withTargets(Targets.discover()).load(changed);
    Redactor redactor = Redactor.of(inv.secrets());

    AtomicBoolean cut = new AtomicBoolean();
    Engine cutting = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
        .listener((ProgressEvent e) -> {
          if (e.node().equals(b.name()) && e.message().startsWith("reload keepalived") && cut.compareAndSet(false, true)) {
            // The session dies between the installed file and its reload.
            lab.exec(b.name(), "pkill -KILL -f 'sshd: .*@notty' ; true");
          }
        }).build();
    try (EngineSession session = cutting.open(inv)) {
      ApplyReport r = session.apply(session.plan());
      assertThat(cut).as("the session was cut before the reload").isTrue();
      assertThat(r.ok()).as(r.toText(redactor)).isFalse();
    }
    assertThat(run(lab, b.name(), "cat /etc/keepalived/keepalived.conf")).as("the new file is in place")
        .containsPattern("priority 90\\b");
    assertThat(run(lab, b.name(), "cat " + LEDGER)).contains("keepalived-reload");

    Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY).build();
    try (EngineSession session = engine.open(inv)) {
      Plan plan = session.plan();
      var node = plan.pair("p1").node(b.name());
      assertThat(node.changes()).as("every file of %s is already new", b.name())
          .noneMatch(io.haprovision.plan.Change::changes);
      assertThat(node.handlers()).extracting(PlannedHandler::name).contains("keepalived-reload");
      assertThat(plan.hasChanges()).as("plan --detailed-exitcode says there is work").isTrue();
      // The cut session could not give the pair lock back on b, a new connection did: no
      // --break-lock is needed.
      ApplyReport r = session.apply(plan);
      assertThat(r.ok()).as(r.toText(redactor)).isTrue();
      assertThat(r.pairs().get(0).message()).doesNotContain("broke the pair lock");
      assertThat(r.pairs().get(0).node(b.name()).orElseThrow().handlers())
          .anySatisfy(h -> assertThat(h.name()).isEqualTo("keepalived-reload"));
    }
    assertThat(lab.exec(b.name(), "test -e " + LEDGER).ok()).as("the ledger is cleared").isFalse();
    try (EngineSession session = engine.open(inv)) {
      assertThat(session.plan().hasChanges()).isFalse();
    }
  }

  /**
   * The transfer window: the controller's traffic into p1-b is throttled (ingress policing on
   * its management link, inside its namespace), and the session is cut while the new
   * keepalived.conf is still arriving (its staged copy exists). Nothing is installed: the live
   * file keeps its old content, the staged copy is gone, and the next apply installs the file.
   */
  @Test
  void aCutWhileTheContentIsStillArrivingInstallsNothing(Lab lab) throws Exception {
    Path dir = Files.createDirectories(lab.stateDir().resolve("transfer-cut"));
    // Without the revert: this is what protects a node that has none. A command that outlives
    // its cut session waits no longer than 20 s (the default is 60 s).
    Path base = Files.writeString(dir.resolve("lab.yml"),
        LabRoles.withoutAutoRevert(Files.readString(lab.writeInventory(dir.resolve("lab-written.yml"))))
            .replace("    host_key_policy: strict\n", "    host_key_policy: strict\n    command_timeout: 20s\n"));
    converge(base);
    LabNode b = lab.pair(1).b();
    String before = run(lab, b.name(), "cat /etc/keepalived/keepalived.conf");
    assertThat(before).containsPattern("priority \\d+");
    String yaml = Files.readString(base);
    String lan = "            - " + lab.pair(1).lanVip() + "\n          unicast: true\n";
    Path changed = Files.writeString(dir.resolve("changed.yml"),
        yaml.replace(lan, lan + "          priority: { primary: 150, secondary: 91 }\n"));
    Inventory inv = new InventoryLoader().withTargets(Targets.discover()).load(changed);
    Redactor redactor = Redactor.of(inv.secrets());
    String address = b.managementAddress().contains("/")
        ? b.managementAddress().substring(0, b.managementAddress().indexOf('/')) : b.managementAddress();
    String dev = run(lab, b.name(), "ip -o -4 addr show | awk '$4 ~ /^" + address.replace(".", "\\.")
        + "\\// {print $2}'").strip();
    assertThat(dev).as("p1-b's management interface").isNotEmpty();

    // About 2 kB/s into p1-b: the switch's port toward it sends slowly (tbf), so the file takes
    // a second or more to arrive. The port is the peer of p1-b's management link.
    java.util.regex.Matcher peer = java.util.regex.Pattern.compile("@if(\\d+)")
        .matcher(run(lab, b.name(), "ip -o link show dev " + dev));
    assertThat(peer.find()).as("p1-b's management link is a veth").isTrue();
    String port = lab.exec("switch", "ip -o link | awk -F': ' '$1 == " + peer.group(1) + " {print $2}'").stdout()
        .strip().replaceAll("@.*", "");
    assertThat(port).as("the switch's port toward p1-b").isNotEmpty();
    AtomicBoolean cut = new AtomicBoolean();
    AtomicBoolean shaped = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<String> partial = new java.util.concurrent.atomic.AtomicReference<>("");
    Thread cutter = new Thread(() -> {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline) {
        // Cut once part of the content is there (the first segment arrived, the rest has not).
        var staged = lab.exec(b.name(), "find /etc/keepalived -name '.keepalived.conf.ha-new.*' -size +0c"
            + " -exec ls -l {} + 2>/dev/null");
        if (!staged.stdout().isBlank()) {
          lab.exec(b.name(), "pkill -KILL -f '[s]shd: .*@notty'; true");
          partial.set(staged.stdout());
          cut.set(true);
          return;
        }
        LabRoles.sleep(20);
      }
    });
    Engine cutting = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
        .listener((ProgressEvent e) -> {
          if (e.node().equals(b.name()) && e.message().contains("/etc/keepalived/keepalived.conf")
              && e.phase() == ProgressEvent.Phase.APPLY && !cutter.isAlive() && !cut.get()) {
            // Slow from here on only: the reads before ran at full speed.
            shaped.set(lab.exec("switch", "tc qdisc add dev " + port + " root tbf rate 16kbit burst 1600 latency 60s")
                .ok());
            cutter.start();
          }
        }).build();
    try (EngineSession session = cutting.open(inv)) {
      ApplyReport r = session.apply(session.plan());
      assertThat(r.ok()).as(r.toText(redactor)).isFalse();
    } finally {
      lab.exec("switch", "tc qdisc del dev " + port + " root 2>/dev/null; true");
    }
    cutter.join(60_000);
    assertThat(shaped).as("the switch port toward p1-b was slowed down").isTrue();
    assertThat(cut).as("the session was cut while the content arrived").isTrue();
    System.out.println("staged copy when the session was cut: " + partial.get().strip());
    assertThat(run(lab, b.name(), "cat /etc/keepalived/keepalived.conf")).as("the live file is untouched")
        .isEqualTo(before);
    LabWaitsForStaged.gone(lab, b.name());

    Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY).build();
    try (EngineSession session = engine.open(inv)) {
      ApplyReport r = session.apply(session.plan(), io.haprovision.engine.ApplyOptions.defaults().withBreakLock(true));
      assertThat(r.ok()).as(r.toText(redactor)).isTrue();
    }
    assertThat(run(lab, b.name(), "cat /etc/keepalived/keepalived.conf")).containsPattern("priority 91\\b");
  }

  /** Polls until the cut install's staged copy is removed (its shell ends when it notices the cut). */
  private static final class LabWaitsForStaged {
    static void gone(Lab lab, String node) {
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (!lab.exec(node, "ls /etc/keepalived/.keepalived.conf.ha-new.* 2>/dev/null").stdout().isBlank()) {
        assertThat(System.nanoTime()).as("the staged copy on %s is removed", node).isLessThan(deadline);
        LabRoles.sleep(100);
      }
    }
  }
}
