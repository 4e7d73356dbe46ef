package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.KEY;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.adopt.PairImport;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.inventory.Inventory;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanTextRenderer;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import io.haprovision.transport.HostKeyPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The steps every OpenWrt adoption test shares once the pair is imported. */
final class AdoptionRun {
  private AdoptionRun() {}

  /** What an import could touch: every file under /etc and /usr/libexec, the UCI packages, the daemons' pids. */
  static String state(Lab lab, LabPair pair) {
    StringBuilder sb = new StringBuilder();
    for (LabNode n : pair.nodes()) {
      sb.append(n.name()).append('\n').append(run(lab, n.name(), "find /etc /usr/libexec -type f 2>/dev/null | sort"
          + " | xargs sha256sum; uci show keepalived; uci show dhcp; uci changes; pidof keepalived; pidof conntrackd;"
          + " true"));
    }
    return sb.toString();
  }

  /**
   * Imports the pair named {@code pairName} from {@code nodes} (in that order) over the lab's
   * SSH settings, printing its progress and inventory, and requires that it changed nothing
   * on either router ({@link #state}).
   */
  static PairImport.ImportedPair importUnchanged(Lab lab, LabPair pair, String pairName, LabNode... nodes) {
    String before = state(lab, pair);
    List<PairImport.ImportNode> order = new ArrayList<>();
    for (LabNode n : nodes) {
      order.add(new PairImport.ImportNode(n.name(), "root", n.managementAddress(), 22));
    }
    PairImport.ImportedPair imported = PairImport.run(Targets.discover(), new PairImport.ImportRequest("openwrt",
        pairName, order, Optional.of(lab.identityFile()), Optional.of(lab.knownHostsFile()), HostKeyPolicy.STRICT),
        line -> System.out.println("  [import] " + line));
    System.out.println(imported.inventory());
    assertThat(state(lab, pair)).as("import changed nothing on either router").isEqualTo(before);
    return imported;
  }

  /**
   * Plans the imported {@code inventory} (it must change something), applies it while the
   * pair's client pings the LAN VIP every 50 ms, checks that no VIP moved and nothing failed,
   * verifies with drills, plans again (nothing to do) and requires every ping answered.
   *
   * @return the plan's text, for the test to check what adoption changes
   */
  static String applyUnderPings(Lab lab, LabPair pair, Inventory inventory, Path dir, String label)
      throws IOException {
    Redactor redactor = Redactor.of(inventory.secrets());
    Engine engine = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY).build();
    Path log = dir.resolve("ping.log");
    String planText;
    try (EngineSession session = engine.open(inventory)) {
      Plan plan = session.plan();
      planText = PlanTextRenderer.plain(redactor).render(plan);
      System.out.println(planText);
      assertThat(plan.hasChanges()).isTrue();
      assertThat(planText.lines().filter(l -> l.matches("  [+~-] .*"))).as("every change says why")
          .isNotEmpty().allMatch(l -> l.contains(" (why: "));
      String pid = run(lab, pair.client(), "ping -i 0.05 -W 1 " + pair.lanVipAddress() + " > " + log
          + " 2>&1 < /dev/null & echo $!").strip();
      ApplyReport applied;
      try {
        applied = session.apply(plan);
      } finally {
        lab.exec(pair.client(), "kill -INT " + pid + "; while kill -0 " + pid + " 2>/dev/null; do sleep 0.05; done");
      }
      System.out.println(applied.toText(redactor));
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();
      assertThat(run(lab, pair.a().name(), "ip -o -4 addr show dev br-lan")).as("no failover during the adoption")
          .contains(" " + pair.lanVip());
      VerifyReport verified = session.verify(VerifyOptions.defaults().withDrills(true));
      System.out.println(verified.toText(redactor));
      assertThat(verified.pairs().get(0).checks()).as(verified.toText(redactor))
          .noneMatch(c -> c.status() == CheckResult.Status.FAILED);
    }
    try (EngineSession session = engine.open(inventory)) {
      Plan again = session.plan();
      assertThat(again.hasChanges()).as(PlanTextRenderer.plain(redactor).render(again)).isFalse();
    }
    Matcher m = Pattern.compile("(\\d+) packets transmitted, (\\d+) received").matcher(Files.readString(log));
    assertThat(m.find()).isTrue();
    long sent = Long.parseLong(m.group(1));
    long received = Long.parseLong(m.group(2));
    System.out.println(label + ": pings to the LAN VIP during the adoption's apply: " + sent + " sent, " + received
        + " answered, " + (sent - received) + " lost");
    assertThat(sent).isGreaterThan(20);
    assertThat(received).isEqualTo(sent);
    return planText;
  }
}
