package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.awaitRole;
import static io.haprovision.openwrt.lab.LabRoles.converge;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's VIP changes on real keepalived: adding a VIP to the LAN instance, then removing it.
 * The rollout changes the BACKUP first, so for a while the MASTER still runs (and binds) the old
 * list; the health gate judges each node by what it runs, so both applies succeed. A client
 * pings the LAN VIP every 50 ms through both: not one ping is lost.
 */
@LabTest(pairs = 1)
class VipChangeLabTest {
  private static final String EXTRA = "198.19.1.253";

  @Test
  void addingAndRemovingAVipConvergesWithoutLosingAPing(Lab lab) throws IOException {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    Path dir = Files.createDirectories(lab.stateDir().resolve("vip-change"));
    Path base = lab.writeInventory(dir.resolve("lab.yml"));
    converge(base);
    awaitRole(lab, a, "master");
    String yaml = Files.readString(base);
    String vip = "            - " + pair.lanVip() + "\n";
    assertThat(yaml).contains(vip);
    assertThat(pair.lanVip()).as("the extra VIP is in the LAN's subnet").startsWith("198.19.1.");
    Path added = Files.writeString(dir.resolve("added.yml"), yaml.replace(vip, vip + "            - " + EXTRA + "/24\n"));

    Path log = dir.resolve("ping.log");
    String pinger = "ping -i 0.05 -W 1 " + pair.lanVipAddress() + " > " + log + " 2>&1 < /dev/null & echo $!";
    String pid = run(lab, pair.client(), pinger).strip();
    try {
      converge(added);
      assertThat(run(lab, a.name(), "ip -o -4 addr show dev br-lan")).contains(" " + EXTRA + "/24");
      converge(base);
      assertThat(run(lab, a.name(), "ip -o -4 addr show dev br-lan")).doesNotContain(" " + EXTRA + "/");
    } finally {
      lab.exec(pair.client(), "kill -INT " + pid + " 2>/dev/null; sleep 0.3");
    }
    String summary = Files.readString(log);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) packets transmitted, (\\d+) received")
        .matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    long sent = Long.parseLong(m.group(1));
    long received = Long.parseLong(m.group(2));
    System.out.println("pings to the LAN VIP while adding and removing a VIP: " + sent + " sent, " + received
        + " answered");
    assertThat(sent).isGreaterThan(20);
    assertThat(received).as("pings answered of %d", sent).isEqualTo(sent);
  }
}
