package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.awaitRole;
import static io.haprovision.openwrt.lab.LabRoles.converge;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.spi.ActionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's planned maintenance on a real OpenWrt-style pair: {@code drain} the MASTER while a
 * client pings the LAN VIP every 50 ms, restart keepalived on the drained node (it must come
 * back drained, holding nothing), verify (the drained node is reported as drained, not as a
 * failure, and the drills are not run), then {@code undrain} (the primary preempts back). Not
 * one ping may be lost through all of it.
 */
@LabTest(pairs = 1)
class DrainLabTest {
  private static final String DRAIN_FILE = "/etc/keepalived/ha-provision.drain";

  @Test
  void drainAndUndrainTheMasterLoseNoPing(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    Path dir = Files.createDirectories(lab.stateDir().resolve("drain"));
    Path inventory = lab.writeInventory(dir.resolve("lab.yml"));
    converge(inventory);
    awaitRole(lab, a, "master");
    Provisioner provisioner = Provisioner.builder().inventory(inventory).build();
    List<String> progress = new ArrayList<>();

    Path log = dir.resolve("ping.log");
    String pid = run(lab, pair.client(), "ping -i 0.05 -W 1 " + pair.lanVipAddress() + " > " + log
        + " 2>&1 < /dev/null & echo $!").strip();
    try {
      ActionResult drained = provisioner.action("drain", pair.name(), List.of(a.name()), progress::add);
      System.out.println(drained.output());
      assertThat(drained.ok()).as(drained.output()).isTrue();
      assertThat(drained.output()).contains(b.name() + " took every instance over");
      assertThat(run(lab, a.name(), "cat " + DRAIN_FILE).strip()).isEqualTo("-254");
      assertThat(run(lab, b.name(), "cat " + DRAIN_FILE).strip()).as("the peer's lift is undone").isEqualTo("0");
      awaitRole(lab, a, "fault");
      awaitRole(lab, b, "master");
      assertThat(run(lab, a.name(), "ip -o -4 addr show dev br-lan")).doesNotContain(" " + pair.lanVip());

      // A restart must not bring it back: keepalived starts with the file it finds.
      run(lab, a.name(), "/etc/init.d/keepalived restart");
      awaitRole(lab, a, "fault");
      VerifyReport report = provisioner.verify(VerifyOptions.defaults().withDrills(true));
      System.out.println(report.toText(io.haprovision.secret.Redactor.none()));
      List<CheckResult> checks = report.pairs().get(0).checks();
      assertThat(checks).anySatisfy(c -> {
        assertThat(c.name()).isEqualTo("drained " + a.name());
        assertThat(c.status()).isEqualTo(CheckResult.Status.PASSED);
      });
      assertThat(checks).anySatisfy(c -> {
        assertThat(c.name()).isEqualTo("drills");
        assertThat(c.status()).isEqualTo(CheckResult.Status.SKIPPED);
      });
      assertThat(checks).noneMatch(c -> c.status() == CheckResult.Status.FAILED);
      assertThat(run(lab, a.name(), "ip -o -4 addr show dev br-lan")).doesNotContain(" " + pair.lanVip());

      ActionResult again = provisioner.action("drain", pair.name(), List.of(b.name()), progress::add);
      assertThat(again.ok()).as("draining the only serving node is refused").isFalse();
      assertThat(again.output()).contains("refused, nothing was changed").contains(a.name() + " is drained too");

      ActionResult undrained = provisioner.action("undrain", pair.name(), List.of(a.name()), progress::add);
      System.out.println(undrained.output());
      assertThat(undrained.ok()).as(undrained.output()).isTrue();
      awaitRole(lab, a, "master");
      awaitRole(lab, b, "backup");
      assertThat(run(lab, a.name(), "cat " + DRAIN_FILE).strip()).isEqualTo("0");
    } finally {
      lab.exec(pair.client(), "kill -INT " + pid + " 2>/dev/null; while kill -0 " + pid + " 2>/dev/null; do sleep 0.05; done");
    }
    String summary = Files.readString(log);
    Matcher m = Pattern.compile("(\\d+) packets transmitted, (\\d+) received").matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    long sent = Long.parseLong(m.group(1));
    long received = Long.parseLong(m.group(2));
    System.out.println("openwrt: pings to the LAN VIP through drain, restart, verify and undrain: " + sent
        + " sent, " + received + " answered, " + (sent - received) + " lost");
    assertThat(sent).isGreaterThan(40);
    assertThat(received).as("pings answered of %d", sent).isEqualTo(sent);
  }
}
