package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.ProgressEvent;
import io.haprovision.engine.ApplyOptions;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.Resource;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.NodeProtocol;
import io.haprovision.spi.PlatformAction;
import io.haprovision.spi.PlatformCheck;
import io.haprovision.spi.PlatformDrill;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.PreflightProblem;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import io.haprovision.spi.VerificationDefaults;
import io.haprovision.spi.VrrpExpectations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's commit-confirmed on real OpenWrt-personality nodes over real SSH: before each
 * node's change the rollout saves on the node what the change touches and arms a revert there,
 * detached from the session; a healthy node reached over a new connection is confirmed and the
 * revert disarmed. The pair keeps serving throughout (a 10 Hz sampler of both routers' VIPs).
 */
@LabTest(pairs = 1)
class AutoRevertLabTest {
  /** The test-only resource: an nftables table that drops every SSH connection to the node. */
  private static final String CUT_FILE = "/etc/ha-provision-test/cut-ssh.nft";
  private static final String CUT_TABLE = "ha_provision_test_cut";
  private static final Duration WINDOW = Duration.ofSeconds(15);
  private static final String REVERT_DIR = "/var/run/ha-provision/revert.p1.";

  /**
   * (c) A confirmed apply stays: nothing reverts after its window. (a) A change that cuts the
   * management path (the test-only resource drops SSH from the control host): the node is not
   * confirmed, reverts by itself within its window, the report says what it restored, and the
   * pair keeps serving.
   */
  @Test
  void aConfirmedChangeStaysAndAChangeThatCutsTheManagementPathRevertsByItself(Lab lab) throws IOException {
    Path dir = Files.createDirectories(lab.stateDir().resolve("auto-revert"));
    Path base = inventory(lab, dir, "base.yml", 90);
    LabNode a = lab.pair(1).a();
    LabNode b = lab.pair(1).b();

    // (c) The confirmed apply.
    Inventory baseInv = load(base);
    Redactor redactor = Redactor.of(baseInv.secrets());
    ApplyReport first = apply(engine(Targets.discover(), redactor, null), baseInv);
    assertThat(first.ok()).as(first.toText(redactor)).isTrue();
    long confirmedAt = System.nanoTime();
    for (NodeResult n : first.pairs().get(0).nodes()) {
      if (n.status() == NodeStatus.APPLIED) {
        assertThat(n.safetyNet()).as(first.toText(redactor)).first().asString()
            .startsWith("armed on " + n.node() + ": unless confirmed within 15 s");
        assertThat(n.safetyNet()).last()
            .isEqualTo("confirmed over a new connection and disarmed on " + n.node() + ": the change stays");
      }
    }
    String confirmedConf = run(lab, a.name(), "cat /etc/keepalived/keepalived.conf");

    // (a) The cut: a priority change on both, and the test-only resource that drops SSH.
    Path cutting = inventory(lab, dir, "cut.yml", 91);
    Inventory inv = load(cutting);
    String before = snapshot(lab, b);
    VipSampler sampler = VipSampler.start(lab, lab.pair(1), dir.resolve("vips.log"));
    AtomicLong armedAt = new AtomicLong();
    ApplyReport cut;
    try {
      cut = apply(engine(Targets.of(new CutsSsh(Targets.discover().find("openwrt").orElseThrow())), redactor,
          e -> {
            if (e.node().equals(b.name()) && e.message().startsWith("armed on ")) {
              armedAt.compareAndSet(0, System.nanoTime());
            }
          }), inv);
    } finally {
      sampler.close();
    }
    List<VipSampler.Sample> samples = sampler.stop();
    String text = cut.toText(redactor);
    System.out.println("auto-revert (a): the report:\n" + text);
    NodeResult rb = cut.pairs().get(0).node(b.name()).orElseThrow();
    assertThat(rb.status()).as(text).isEqualTo(NodeStatus.FAILED);
    assertThat(rb.safetyNet()).as(text)
        .contains(b.name() + " was reverted by itself when its window ended (2 file(s) put back)")
        .anySatisfy(l -> assertThat(l).contains("reverting the change of pair p1 on p1-b: not confirmed within 15 s"))
        .anySatisfy(l -> assertThat(l).endsWith("removed " + CUT_FILE + " (it did not exist before)"))
        .anySatisfy(l -> assertThat(l).endsWith("restored /etc/keepalived/keepalived.conf"))
        .anySatisfy(l -> assertThat(l).endsWith("handler cut-ssh ok"));
    assertThat(cut.pairs().get(0).node(a.name()).orElseThrow().status()).isEqualTo(NodeStatus.NOT_TOUCHED);
    // The revert fired within its window (by the node's clock, logged), not after the run noticed.
    assertThat(lab.exec(b.name(), "nft list table inet " + CUT_TABLE).ok()).as("the drop is gone").isFalse();
    assertThat(snapshot(lab, b)).as("p1-b's /etc is exactly as before the cut").isEqualTo(before);
    long tookMillis = (System.nanoTime() - armedAt.get()) / 1_000_000;
    System.out.println("auto-revert (a): armed to report " + tookMillis + " ms; revert log:\n"
        + run(lab, b.name(), "cat " + REVERT_DIR + "p1-b.last/log"));
    assertThat(tookMillis).as("the run reported within the window plus the time to notice")
        .isLessThan(WINDOW.toMillis() + 20_000);
    assertThat(samples.size()).as("the sampler ran").isGreaterThan(50);
    assertThat(VipSampler.bothHolding(samples)).as("samples with both routers holding a VIP").isZero();
    assertThat(VipSampler.lanVipNowhere(samples)).as("samples without the LAN VIP: the pair kept serving").isZero();

    // (c) continued: the confirmed apply's window has long passed; nothing of it was reverted.
    assertThat((System.nanoTime() - confirmedAt) / 1_000_000).isGreaterThan(WINDOW.toMillis());
    assertThat(run(lab, a.name(), "cat /etc/keepalived/keepalived.conf")).isEqualTo(confirmedConf);
    assertThat(lab.exec(a.name(), "ls -d " + REVERT_DIR + "p1-a " + REVERT_DIR + "p1-a.last").stdout())
        .as("no revert armed or run on p1-a").isBlank();
    assertThat(lab.exec(a.name(), "pgrep -f '[r]evert.p1.p1-a/timer.sh'").ok()).as("no timer left").isFalse();
  }

  /**
   * (b) The SSH session is cut mid-apply (between the new files and their reload) and the
   * control host stays cut off: the revert fires on the node by itself and the node is exactly
   * as before, files and the keepalived configuration it runs.
   */
  @Test
  void aSessionCutMidApplyIsRevertedByTheNodeItself(Lab lab) throws Exception {
    Path dir = Files.createDirectories(lab.stateDir().resolve("auto-revert-cut"));
    // The same base as the other test: after it (its revert put p1-b back) this converge is a no-op.
    Path base = inventory(lab, dir, "base.yml", 90);
    LabNode b = lab.pair(1).b();
    Inventory baseInv = load(base);
    Redactor redactor = Redactor.of(baseInv.secrets());
    ApplyReport first = apply(engine(Targets.discover(), redactor, null), baseInv);
    assertThat(first.ok()).as(first.toText(redactor)).isTrue();
    String before = snapshot(lab, b);
    String runsBefore = run(lab, b.name(), "grep -h priority /etc/keepalived/keepalived.conf");

    Inventory changed = load(inventory(lab, dir, "changed.yml", 93));
    AtomicBoolean cut = new AtomicBoolean();
    Thread healer = new Thread(() -> {
      // The control host comes back only after the node has reverted by itself.
      long deadline = System.nanoTime() + WINDOW.toNanos() + 40_000_000_000L;
      while (System.nanoTime() < deadline && !lab.exec(b.name(), "test -f " + REVERT_DIR + "p1-b.last/log").ok()) {
        sleep(200);
      }
      lab.exec(b.name(), "nft delete table inet " + CUT_TABLE + "_lab 2>/dev/null; true");
    });
    ApplyReport r = apply(engine(Targets.discover(), redactor, e -> {
      if (e.node().equals(b.name()) && e.message().startsWith("reload keepalived") && cut.compareAndSet(false, true)) {
        // The control host loses p1-b: its sessions die and new ones are dropped.
        run(lab, b.name(), "nft add table inet " + CUT_TABLE + "_lab && nft add chain inet " + CUT_TABLE
            + "_lab input '{ type filter hook input priority -400; }' && nft add rule inet " + CUT_TABLE
            + "_lab input tcp dport 22 drop && { pkill -KILL -f '[s]shd: .*@notty'; true; }");
        healer.start();
      }
    }), changed);
    healer.join();
    assertThat(cut).as("the session was cut before the reload").isTrue();
    String text = r.toText(redactor);
    NodeResult rb = r.pairs().get(0).node(b.name()).orElseThrow();
    assertThat(rb.status()).as(text).isEqualTo(NodeStatus.FAILED);
    assertThat(rb.safetyNet()).as(text).anySatisfy(l -> assertThat(l).startsWith(b.name() + " was reverted by itself"));
    String log = run(lab, b.name(), "cat " + REVERT_DIR + "p1-b.last/log");
    assertThat(log).contains("not confirmed within 15 s").contains("restored /etc/keepalived/keepalived.conf")
        .contains("handler keepalived-reload ok").contains("done");
    assertThat(snapshot(lab, b)).as("p1-b's /etc is exactly as before").isEqualTo(before);
    assertThat(run(lab, b.name(), "grep -h priority /etc/keepalived/keepalived.conf")).isEqualTo(runsBefore);
    assertThat(run(lab, b.name(), "cat /var/run/ha-provision/owed-handlers.p1.p1-b 2>/dev/null; true"))
        .as("nothing is owed after the revert ran the handlers").isBlank();
    System.out.println("auto-revert (b): revert log:\n" + log);
  }

  /** Every regular file under /etc with its SHA-256, sorted. */
  private static String snapshot(Lab lab, LabNode node) {
    return run(lab, node.name(), "find /etc -type f ! -path '/etc/ha-provision-test/*' -exec sha256sum {} + | sort");
  }

  /** The lab inventory with the secondary's priority, a 15 s revert window and short SSH timeouts. */
  private static Path inventory(Lab lab, Path dir, String name, int secondaryPriority) throws IOException {
    String yaml = Files.readString(lab.writeInventory(dir.resolve("lab-" + name)));
    String lan = "            - " + lab.pair(1).lanVip() + "\n          unicast: true\n";
    assertThat(yaml).contains(lan).contains("    host_key_policy: strict\n");
    yaml = yaml.replace(lan, lan + "          priority: { primary: 150, secondary: " + secondaryPriority + " }\n")
        .replace("    host_key_policy: strict\n", "    host_key_policy: strict\n    connect_timeout: 3s\n"
            + "    command_timeout: 4s\n  rollout:\n    revert_window: 15s\n");
    return Files.writeString(dir.resolve(name), yaml);
  }

  private static Inventory load(Path file) {
    return new InventoryLoader().withTargets(Targets.discover()).load(file);
  }

  private static Engine engine(Targets targets, Redactor redactor, io.haprovision.ProvisionListener listener) {
    Engine.Builder b = Engine.builder().targets(targets).redactor(redactor).digestKey(LabRoles.KEY);
    if (listener != null) {
      b.listener(listener);
    }
    return b.build();
  }

  private static ApplyReport apply(Engine engine, Inventory inv) {
    try (EngineSession session = engine.open(inv)) {
      return session.apply(session.plan(), ApplyOptions.defaults().withGateTimeout(Duration.ofSeconds(8)));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The OpenWrt platform plus one test-only resource on every node: an nftables file, loaded by
   * its handler, that drops every SSH connection to the node (the management path).
   */
  private static final class CutsSsh implements Target {
    private final Target openwrt;

    CutsSsh(Target openwrt) {
      this.openwrt = openwrt;
    }

    @Override
    public DesiredNode desired(PairSpec pair, NodeSpec node) {
      DesiredNode d = openwrt.desired(pair, node);
      List<Resource> resources = new ArrayList<>(d.resources());
      resources.add(FileResource.of(CUT_FILE, "table inet " + CUT_TABLE + " {\n  chain input {\n"
          + "    type filter hook input priority -400;\n    tcp dport 22 drop\n  }\n}\n").notifying("cut-ssh"));
      List<Handler> handlers = new ArrayList<>(d.handlers());
      handlers.add(new Handler("cut-ssh", Handler.Kind.RUN, "nft delete table inet " + CUT_TABLE
          + " 2>/dev/null; if [ -f " + CUT_FILE + " ]; then nft -f " + CUT_FILE + "; fi"));
      return new DesiredNode(d.pair(), d.node(), resources, handlers);
    }

    @Override
    public String platform() {
      return openwrt.platform();
    }

    @Override
    public PlatformSection bindSection(SectionReader section, Problems problems) {
      return openwrt.bindSection(section, problems);
    }

    @Override
    public void validatePair(PairSpec pair, Problems problems) {
      openwrt.validatePair(pair, problems);
    }

    @Override
    public boolean requiresVips() {
      return openwrt.requiresVips();
    }

    @Override
    public List<ResourceDriver<?>> resourceDrivers() {
      return openwrt.resourceDrivers();
    }

    @Override
    public VrrpExpectations vrrpExpectations(PairSpec pair) {
      return openwrt.vrrpExpectations(pair);
    }

    @Override
    public Map<String, Map<String, io.haprovision.facts.VrrpWire>> vrrpWires(PairSpec pair) {
      return openwrt.vrrpWires(pair);
    }

    @Override
    public KeepalivedControl keepalivedControl() {
      return openwrt.keepalivedControl();
    }

    @Override
    public VerificationDefaults verificationDefaults(PairSpec pair) {
      return openwrt.verificationDefaults(pair);
    }

    @Override
    public List<PlatformCheck> extraChecks(PairSpec pair) {
      return openwrt.extraChecks(pair);
    }

    @Override
    public Map<String, String> reviewFiles(PairSpec pair, NodeSpec node) {
      return openwrt.reviewFiles(pair, node);
    }

    @Override
    public List<PreflightProblem> preflight(PairSpec pair) {
      return openwrt.preflight(pair);
    }

    @Override
    public List<PlatformDrill> drills(PairSpec pair) {
      return openwrt.drills(pair);
    }

    @Override
    public String runtimeDirectory() {
      return openwrt.runtimeDirectory();
    }

    @Override
    public Optional<NodeProtocol> nodeProtocol(PairSpec pair) {
      return openwrt.nodeProtocol(pair);
    }

    @Override
    public List<PlatformAction> actions() {
      return openwrt.actions();
    }
  }
}
