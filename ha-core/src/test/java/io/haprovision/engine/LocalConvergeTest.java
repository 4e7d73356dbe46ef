package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.resource.DigestKey;
import io.haprovision.engine.ApplyReport.PairStatus;
import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.SshSpec;
import io.haprovision.inventory.VrrpSpec;
import io.haprovision.inventory.VerifySpec;
import io.haprovision.plan.Change;
import io.haprovision.plan.Plan;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.LineInFile;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.Targets;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine with real shell commands: two "nodes" are folders of this machine reached
 * through {@code sh}; the platform manages a config file, a line and a handler. Converge,
 * converge again (nothing to do, one command per node), drift by hand, stale plans.
 */
class LocalConvergeTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  @TempDir
  Path root;

  private final Map<String, String> content = new LinkedHashMap<>();
  /** Nodes whose desired state includes the file that "breaks their management path". */
  private final java.util.Set<String> cutting = new java.util.HashSet<>();

  /** A platform whose nodes hold one config file and one line, below a folder per node. */
  private final class Folders extends io.haprovision.spi.TestPlatform {
    @Override
    public String platform() {
      return "folders";
    }

    @Override
    public DesiredNode desired(PairSpec pair, NodeSpec node) {
      Path home = root.resolve(node.name());
      List<io.haprovision.resource.Resource> resources = new java.util.ArrayList<>(List.of(
          FileResource.of(home.resolve("etc/app.conf").toString(), content.get(node.name()))
              .withOwner(whoami(), group()).withValidation("grep -q '^name ' %s").notifying("restart app"),
          new LineInFile(home.resolve("etc/keep.list").toString(), "/etc/app.conf",
              io.haprovision.resource.Ensure.PRESENT, List.of())));
      if (cutting.contains(node.name())) {
        resources.add(FileResource.of(home.resolve("etc/cut").toString(), "drop ssh\n"));
      }
      return new DesiredNode(pair.name(), node.name(), resources,
          List.of(new Handler("restart app", Handler.Kind.RESTART, "[ ! -e " + root.resolve("handler-fails")
              + " ] && echo restarted >> " + home.resolve("handler.log"))));
    }

    @Override
    public String runtimeDirectory() {
      return root.resolve("run").toString();
    }

    @Override
    public VrrpExpectations vrrpExpectations(PairSpec pair) {
      return VrrpExpectations.none();
    }
  }

  private static String whoami() {
    return LocalConnection.here().exec("id -un").stdout().trim();
  }

  private static String group() {
    return LocalConnection.here().exec("id -gn").stdout().trim();
  }

  private Engine engine() {
    return Engine.builder().digestKey(KEY).targets(Targets.of(new Folders())).connector(new NodeConnector() {
      @Override
      public Map<NodeKey, Connection> openAll(List<NodeTarget> nodes, int parallelism) {
        Map<NodeKey, Connection> out = new LinkedHashMap<>();
        nodes.forEach(t -> out.put(t.key(), reachable(t.node().name(), LocalConnection.here())));
        return out;
      }
    }).build();
  }

  /**
   * A connection to {@code node} that, like SSH from the control host after a change dropped
   * it, fails while the node's {@code etc/cut} exists, and so do new connections.
   */
  private Connection reachable(String node, Connection local) {
    Path cut = root.resolve(node).resolve("etc/cut");
    if (Files.exists(cut)) {
      throw new io.haprovision.error.TargetException(io.haprovision.error.TargetException.Kind.UNREACHABLE,
          "root@" + node + ":22", "connect timed out");
    }
    return new Connection() {
      @Override
      public ExecResult exec(String command, byte[] stdin, java.time.Duration timeout) {
        if (Files.exists(cut)) {
          throw new io.haprovision.error.TargetException(io.haprovision.error.TargetException.Kind.UNREACHABLE,
              "root@" + node + ":22", "the session stopped answering");
        }
        return local.exec(command, stdin, timeout);
      }

      @Override
      public java.time.Duration commandTimeout() {
        return local.commandTimeout();
      }

      @Override
      public String target() {
        return "root@" + node + ":22";
      }

      @Override
      public long execCount() {
        return local.execCount();
      }

      @Override
      public void close() {
        local.close();
      }
    };
  }

  /** The pair's {@code rollout} section. */
  private io.haprovision.inventory.RolloutSpec inventoryRollout = io.haprovision.inventory.RolloutSpec.defaults();

  private Inventory inventory() {
    return inventory(inventoryRollout);
  }

  private static Inventory inventory(io.haprovision.inventory.RolloutSpec rollout) {
    SshSpec ssh = new SshSpec("root", 22, Optional.empty(), true, Optional.empty(), Optional.empty(),
        HostKeyPolicy.STRICT, SshSpec.DEFAULT_CONNECT_TIMEOUT, SshSpec.DEFAULT_COMMAND_TIMEOUT, false);
    return new Inventory(null, List.of(new PairSpec("local", "folders", List.of(
        new NodeSpec("gw-a", NodeRole.PRIMARY, "127.0.0.1", ssh, Map.of(), "pairs[0].nodes[0]"),
        new NodeSpec("gw-b", NodeRole.SECONDARY, "127.0.0.1", ssh, Map.of(), "pairs[0].nodes[1]")),
        new VrrpSpec(List.of(), List.of(), Optional.empty()), new PlatformSection() { }, "pairs[0]", VerifySpec.empty(), rollout)));
  }

  @Test
  void convergeThenNothingToDoThenDriftThenAStalePlan() throws IOException {
    content.put("gw-a", "name gw-a\nport 1\n");
    content.put("gw-b", "name gw-b\nport 1\n");
    ApplyReport first;
    try (EngineSession s = engine().open(inventory())) {
      Plan plan = s.plan();
      assertThat(plan.counts().create()).isEqualTo(4);
      first = s.apply(plan);
    }
    assertThat(first.ok()).as(first.toText(Redactor.none())).isTrue();
    assertThat(Files.readString(root.resolve("gw-a/etc/app.conf"))).isEqualTo("name gw-a\nport 1\n");
    assertThat(Files.readString(root.resolve("gw-b/etc/keep.list"))).isEqualTo("/etc/app.conf\n");
    // The file was created by this plan: the restart handler ran (nothing tells it apart from an update).
    assertThat(Files.readString(root.resolve("gw-a/handler.log"))).isEqualTo("restarted\n");

    try (EngineSession s = engine().open(inventory())) {
      Plan again = s.plan();
      assertThat(again.hasChanges()).isFalse();
      ApplyReport none = s.apply(again);
      assertThat(none.pairs().get(0).status()).isEqualTo(PairStatus.UNCHANGED);
      assertThat(none.execsPerNode()).isEqualTo(Map.of("local/gw-a", 1L, "local/gw-b", 1L));
    }

    Files.writeString(root.resolve("gw-b/etc/app.conf"), "name gw-b\nport 2\n");
    try (EngineSession s = engine().open(inventory())) {
      Plan drift = s.plan();
      Change update = drift.pair("local").node("gw-b").changes().get(0);
      assertThat(update.summary()).isEqualTo("update file " + root.resolve("gw-b/etc/app.conf") + ": content");
      assertThat(update.diff()).contains("-port 2").contains("+port 1");
      assertThat(drift.pair("local").node("gw-a").hasChanges()).isFalse();

      Files.writeString(root.resolve("gw-b/etc/app.conf"), "name gw-b\nport 3\n");
      ApplyReport stale = s.apply(drift);
      assertThat(stale.pairs().get(0).status()).isEqualTo(PairStatus.REFUSED);
      assertThat(Files.readString(root.resolve("gw-b/etc/app.conf"))).isEqualTo("name gw-b\nport 3\n");

      ApplyReport fixed = s.apply(s.plan());
      assertThat(fixed.ok()).isTrue();
      assertThat(fixed.pairs().get(0).node("gw-b").orElseThrow().handlers()).hasSize(1);
    }
    assertThat(Files.readString(root.resolve("gw-b/etc/app.conf"))).isEqualTo("name gw-b\nport 1\n");
    assertThat(Files.readString(root.resolve("gw-b/handler.log"))).isEqualTo("restarted\nrestarted\n");
  }

  @Test
  void aConfigTheValidatorRejectsStopsThePairAndLeavesTheLiveFile() throws IOException {
    content.put("gw-a", "name gw-a\n");
    content.put("gw-b", "name gw-b\n");
    try (EngineSession s = engine().open(inventory())) {
      assertThat(s.apply(s.plan()).ok()).isTrue();
    }
    content.put("gw-b", "no name line\n");
    content.put("gw-a", "name gw-a\nchanged\n");
    ApplyReport report;
    try (EngineSession s = engine().open(inventory())) {
      report = s.apply(s.plan());
    }
    assertThat(report.pairs().get(0).status()).isEqualTo(PairStatus.FAILED);
    assertThat(report.pairs().get(0).message()).contains("validation `grep -q '^name ' %s` exited 1")
        .endsWith("gw-a not touched");
    assertThat(Files.readString(root.resolve("gw-b/etc/app.conf"))).isEqualTo("name gw-b\n");
    assertThat(Files.readString(root.resolve("gw-a/etc/app.conf"))).isEqualTo("name gw-a\n");
  }
  /**
   * A handler owed by an apply that stopped before running it (here it failed; a cut session
   * looks the same to the node) is planned by the next plan although every file is in place,
   * runs on the next apply, and is then off the node's ledger.
   */
  @Test
  void aHandlerAnApplyDidNotGetToRunIsOwedUntilItRuns() throws IOException {
    content.put("gw-a", "name gw-a\n");
    content.put("gw-b", "name gw-b\n");
    try (EngineSession s = engine().open(inventory())) {
      assertThat(s.apply(s.plan()).ok()).isTrue();
    }
    // Without auto-revert the node keeps the failed change, and the ledger keeps what it owes.
    inventoryRollout = io.haprovision.inventory.RolloutSpec.defaults().withAutoRevert(false);
    Path ledger = root.resolve("run/owed-handlers.local.gw-b");
    assertThat(ledger).doesNotExist();
    content.put("gw-b", "name gw-b\nport 2\n");
    Files.writeString(root.resolve("handler-fails"), "");
    try (EngineSession s = engine().open(inventory())) {
      ApplyReport failed = s.apply(s.plan());
      assertThat(failed.ok()).isFalse();
      assertThat(failed.pairs().get(0).message()).contains("handler restart app failed");
    }
    assertThat(Files.readString(root.resolve("gw-b/etc/app.conf"))).isEqualTo("name gw-b\nport 2\n");
    assertThat(Files.readString(ledger)).isEqualTo("restart app\n");

    Files.delete(root.resolve("handler-fails"));
    try (EngineSession s = engine().open(inventory())) {
      Plan owed = s.plan();
      assertThat(owed.hasChanges()).as("an owed handler is work to do").isTrue();
      var gwB = owed.pair("local").node("gw-b");
      assertThat(gwB.changes()).noneMatch(Change::changes);
      assertThat(gwB.handlers()).singleElement().satisfies(h -> {
        assertThat(h.name()).isEqualTo("restart app");
        assertThat(h.triggeredBy()).isEmpty();
        assertThat(h.note()).contains("owed by an earlier apply");
      });
      assertThat(io.haprovision.plan.PlanTextRenderer.plain(Redactor.none()).render(owed))
          .contains("owed: no change now triggers it").contains("1 handler(s) owed by an earlier apply");
      ApplyReport ran = s.apply(owed);
      assertThat(ran.ok()).as(ran.toText(Redactor.none())).isTrue();
      assertThat(ran.pairs().get(0).node("gw-b").orElseThrow().handlers()).hasSize(1);
    }
    assertThat(Files.readString(root.resolve("gw-b/handler.log"))).isEqualTo("restarted\nrestarted\n");
    assertThat(ledger).doesNotExist();
    try (EngineSession s = engine().open(inventory())) {
      assertThat(s.plan().hasChanges()).isFalse();
    }
  }
  /**
   * One writer per pair: a lock another run holds refuses the apply before anything is read for
   * changes; --break-lock breaks it only when stale; a finished apply leaves no lock behind.
   */
  @Test
  void aLockedPairIsRefusedAndOnlyAStaleLockIsBroken() throws IOException {
    content.put("gw-a", "name gw-a\n");
    content.put("gw-b", "name gw-b\n");
    Path lock = root.resolve("run/lock.local");
    Files.createDirectories(lock.getParent());
    long now = java.time.Instant.now().getEpochSecond();
    // Held by a live process (this one's parent) on another control host, since just now.
    Files.writeString(lock, "token=other\nowner=ops\nhost=ctl-2\npid=1\nstarted=" + now + "\ncommand=apply\n");
    try (EngineSession s = engine().open(inventory())) {
      ApplyReport busy = s.apply(s.plan());
      assertThat(busy.pairs().get(0).status()).isEqualTo(PairStatus.LOCKED);
      assertThat(busy.pairs().get(0).message()).contains("pair local is busy: apply by ops@ctl-2 (pid 1) since")
          .contains("--break-lock");
      assertThat(s.facts().toText(Redactor.none())).as("facts show a held lock")
          .contains("the pair is locked: apply by ops@ctl-2 (pid 1)");
      ApplyReport fresh = s.apply(s.plan(), ApplyOptions.defaults().withGate(false).withBreakLock(true));
      assertThat(fresh.pairs().get(0).status()).as("a fresh lock is not broken").isEqualTo(PairStatus.LOCKED);
    }
    assertThat(root.resolve("gw-a/etc/app.conf")).doesNotExist();
    assertThat(Files.readString(lock)).contains("token=other");

    Files.writeString(lock, "token=other\nowner=ops\nhost=ctl-2\npid=1\nstarted=" + (now - 3600) + "\ncommand=apply\n");
    try (EngineSession s = engine().open(inventory())) {
      ApplyReport broke = s.apply(s.plan(), ApplyOptions.defaults().withGate(false).withBreakLock(true));
      assertThat(broke.ok()).as(broke.toText(Redactor.none())).isTrue();
      assertThat(broke.pairs().get(0).message()).contains("broke the pair lock on gw-b of apply by ops@ctl-2")
          .contains("60 minutes old");
    }
    assertThat(Files.readString(root.resolve("gw-a/etc/app.conf"))).isEqualTo("name gw-a\n");
    assertThat(lock).as("given back at the end").doesNotExist();
  }

  /**
   * Commit-confirmed with real shell commands: a handler fails, so the node is put back right
   * away, over the session, by the revert armed before the change: the old file, the handler
   * run again on it, nothing owed, and the revert's log in the report.
   */
  @Test
  void aFailedChangeIsRevertedRightAwayByTheArmedRevert() throws IOException {
    content.put("gw-a", "name gw-a\n");
    content.put("gw-b", "name gw-b\n");
    try (EngineSession s = engine().open(inventory())) {
      assertThat(s.apply(s.plan()).ok()).isTrue();
    }
    Path conf = root.resolve("gw-b/etc/app.conf");
    String mode = LocalConnection.here().exec("stat -c %a " + conf).stdout().strip();
    content.put("gw-b", "name gw-b\nport 2\n");
    Files.writeString(root.resolve("handler-fails"), "");
    ApplyReport failed;
    try (EngineSession s = engine().open(inventory())) {
      failed = s.apply(s.plan());
    }
    NodeResultView b = new NodeResultView(failed, "gw-b");
    assertThat(b.result.status()).isEqualTo(ApplyReport.NodeStatus.FAILED);
    assertThat(b.result.safetyNet().get(0)).startsWith("armed on gw-b: unless confirmed within 300 s, it restores "
        + conf + ", re-runs restart app");
    assertThat(b.result.safetyNet()).contains("gw-b was reverted right away (1 file(s) put back)")
        .anySatisfy(l -> assertThat(l).endsWith("restored " + conf))
        .anySatisfy(l -> assertThat(l).endsWith("handler restart app failed (exit 1)"))
        .anySatisfy(l -> assertThat(l).endsWith("removed " + root.resolve("run/owed-handlers.local.gw-b")
            + " (it did not exist before)"));
    assertThat(failed.toText(Redactor.none())).contains("    revert: gw-b was reverted right away");
    assertThat(Files.readString(conf)).isEqualTo("name gw-b\n");
    assertThat(LocalConnection.here().exec("stat -c %a " + conf).stdout().strip()).isEqualTo(mode);
    assertThat(root.resolve("run/owed-handlers.local.gw-b")).doesNotExist();
    assertThat(root.resolve("run/revert.local.gw-b")).doesNotExist();
    assertThat(root.resolve("run/revert.local.gw-b.last/log")).exists();
    assertThat(root.resolve("run/revert.local.gw-b.last/saved")).as("no saved copy outlives the revert").doesNotExist();
    assertThat(root.resolve("gw-a/etc/app.conf")).content().isEqualTo("name gw-a\n");
  }

  /**
   * The change cuts the node off (its {@code etc/cut} appears: every command and every new
   * connection fails, as SSH from the control host would after a firewall rule dropped it). The
   * node reverts by itself when the window ends, which removes the cut, and the report then
   * reads what the revert did over a new connection. The other node is not touched.
   */
  @Test
  void aNodeTheChangeCutsOffRevertsByItselfWhenTheWindowEnds() throws IOException {
    content.put("gw-a", "name gw-a\n");
    content.put("gw-b", "name gw-b\n");
    try (EngineSession s = engine().open(inventory())) {
      assertThat(s.apply(s.plan()).ok()).isTrue();
    }
    inventoryRollout = inventoryRollout.withRevertWindow(java.time.Duration.ofSeconds(3));
    cutting.add("gw-b");
    cutting.add("gw-a");
    content.put("gw-b", "name gw-b\nport 2\n");
    ApplyReport failed;
    long start = System.nanoTime();
    try (EngineSession s = engine().open(inventory())) {
      failed = s.apply(s.plan());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    NodeResultView b = new NodeResultView(failed, "gw-b");
    assertThat(b.result.status()).as(failed.toText(Redactor.none())).isEqualTo(ApplyReport.NodeStatus.FAILED);
    assertThat(b.result.safetyNet()).as(failed.toText(Redactor.none()))
        .contains("gw-b was reverted by itself when its window ended (2 file(s) put back)")
        .anySatisfy(l -> assertThat(l).contains("reverting the change of pair local on gw-b: not confirmed within 3 s"))
        .anySatisfy(l -> assertThat(l).endsWith("removed " + root.resolve("gw-b/etc/cut") + " (it did not exist before)"))
        .anySatisfy(l -> assertThat(l).endsWith("restored " + root.resolve("gw-b/etc/app.conf")));
    assertThat(millis).as("the run waited for the window, not for the grace after it").isLessThan(30_000);
    assertThat(root.resolve("gw-b/etc/cut")).doesNotExist();
    assertThat(root.resolve("gw-b/etc/app.conf")).content().isEqualTo("name gw-b\n");
    assertThat(root.resolve("gw-a/etc/cut")).as("gw-a not touched").doesNotExist();
    assertThat(new NodeResultView(failed, "gw-a").result.status()).isEqualTo(ApplyReport.NodeStatus.NOT_TOUCHED);
  }

  /** A confirmed node keeps its change: the timer is gone and nothing is saved any more. */
  @Test
  void aConfirmedChangeStaysAndItsTimerIsGone() throws IOException {
    content.put("gw-a", "name gw-a\n");
    content.put("gw-b", "name gw-b\n");
    ApplyReport r;
    try (EngineSession s = engine().open(inventory())) {
      r = s.apply(s.plan());
    }
    assertThat(r.ok()).as(r.toText(Redactor.none())).isTrue();
    assertThat(new NodeResultView(r, "gw-b").result.safetyNet()).last()
        .isEqualTo("confirmed over a new connection and disarmed on gw-b: the change stays");
    assertThat(root.resolve("run/revert.local.gw-b")).doesNotExist();
    assertThat(root.resolve("run/revert.local.gw-b.last")).doesNotExist();
    String timers = LocalConnection.here().exec("ps -eo args | grep -F " + root.resolve("run/revert.local")
        + " | grep -v grep; true").stdout();
    assertThat(timers).as("no timer left running").isBlank();
  }

  /**
   * A revert an earlier run armed and never confirmed (its run died) shows in facts, and apply
   * refuses the pair before touching any node, saying when it fires.
   */
  @Test
  void anEarlierRunsArmedRevertShowsInFactsAndRefusesThePair() throws IOException {
    content.put("gw-a", "name gw-a\n");
    content.put("gw-b", "name gw-b\n");
    try (EngineSession s = engine().open(inventory())) {
      assertThat(s.apply(s.plan()).ok()).isTrue();
    }
    Path armed = Files.createDirectories(root.resolve("run/revert.local.gw-b"));
    long now = Long.parseLong(LocalConnection.here().exec("date +%s").stdout().strip());
    Files.writeString(armed.resolve("deadline"), (now + 100) + "\n");
    content.put("gw-a", "name gw-a\nport 2\n");
    content.put("gw-b", "name gw-b\nport 2\n");
    try (EngineSession s = engine().open(inventory())) {
      FactsReport facts = s.facts();
      assertThat(facts.node("local", "gw-b").notes()).anySatisfy(n -> assertThat(n)
          .startsWith("a revert is armed on gw-b (" + armed + "): in ").contains("apply refuses the pair until then"));
      assertThat(facts.node("local", "gw-a").notes()).noneMatch(n -> n.contains("revert"));
      ApplyReport r = s.apply(s.plan());
      assertThat(r.pairs().get(0).status()).isEqualTo(PairStatus.REFUSED);
      assertThat(r.pairs().get(0).message()).contains("gw-b still has the revert of an earlier run armed (it fires in")
          .contains("wait until it has fired and plan again");
    }
    assertThat(root.resolve("gw-a/etc/app.conf")).as("no node touched").content().isEqualTo("name gw-a\n");
    assertThat(root.resolve("gw-b/etc/app.conf")).content().isEqualTo("name gw-b\n");
  }

  private record NodeResultView(ApplyReport.NodeResult result) {
    NodeResultView(ApplyReport report, String node) {
      this(report.pairs().get(0).node(node).orElseThrow());
    }
  }
}
