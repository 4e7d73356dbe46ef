package io.haprovision.lab.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler against the simulated clock: one-shots, repeats, startup entries, a scheduled revert. */
class RouterOsSchedulerTest {

  @TempDir
  Path dir;

  @Test
  void aOneShotRevertFiresOnlyAfterTheClockPassesIt() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V6))) {
      SimulatedRouter a = lab.a();
      assertThat(a.console("/system scheduler add name=revert start-date=nov/22/2026 start-time=05:25:11 interval=0s"
          + " on-event=\"/system identity set name=reverted\"")).isEmpty();
      assertThat(a.console("/system scheduler print terse")).contains("next-run=nov/22/2026 05:25:11");
      a.clock().advance(Duration.ofMinutes(4));
      assertThat(a.console(":put [/system identity get name]")).isEqualTo("MikroTik\n");
      a.clock().advance(Duration.ofMinutes(2));
      assertThat(a.console(":put [/system identity get name]")).isEqualTo("reverted\n");
      assertThat(a.console("/system clock print")).contains("time: 05:26:11").contains("date: nov/22/2026");
      assertThat(a.console("/system scheduler print terse")).contains("run-count=1").contains("next-run= comment=");
      // a one-shot runs once
      a.console("/system identity set name=changed");
      a.clock().advance(Duration.ofHours(30));
      assertThat(a.console(":put [/system identity get name]")).isEqualTo("changed\n");
      assertThat(a.commandLog()).containsOnlyOnce("scheduler revert: /system identity set name=reverted");
    }
  }

  @Test
  void removedOrPastOneShotsNeverRunAndRepeatingEntriesRunPerInterval() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V7))) {
      SimulatedRouter b = lab.b();
      b.console(":global ticks 0\n"
          + "/system scheduler add name=tick start-date=2026-11-22 start-time=05:21:00 interval=1m"
          + " on-event=\":global ticks; :set ticks (\\$ticks + 1)\"\n"
          + "/system scheduler add name=past start-date=2026-11-22 start-time=05:00:00 interval=0s"
          + " on-event=\"/system identity set name=past\"\n"
          + "/system scheduler add name=cancelled start-date=2026-11-22 start-time=05:22:00"
          + " on-event=\"/system identity set name=cancelled\"\n"
          + "/system scheduler remove [find name=cancelled]");
      b.clock().advance(Duration.ofMinutes(5).plusSeconds(30));
      assertThat(b.console(":global ticks; :put $ticks")).isEqualTo("5\n");
      assertThat(b.console(":put [/system identity get name]")).isEqualTo("MikroTik\n");
      b.console("/system scheduler disable tick");
      b.clock().advance(Duration.ofMinutes(5));
      assertThat(b.console(":global ticks; :put $ticks")).isEqualTo("5\n");
    }
  }

  @Test
  void startupEntriesRunAtPowerOnOnly() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V7))) {
      SimulatedRouter a = lab.a();
      a.console("/system script add name=boot source=\"/interface bridge add name=\\\"boot-\\$[:len [/interface bridge find]]\\\"\"\n"
          + "/system scheduler add name=boot start-time=startup on-event=boot");
      a.clock().advance(Duration.ofDays(2));
      assertThat(a.console(":put [:len [/interface bridge find]]")).isEqualTo("0\n");
      a.powerOff();
      a.powerOn();
      a.powerOff();
      a.powerOn();
      assertThat(a.console(":foreach b in=[/interface bridge find] do={ :put [/interface bridge get $b name] }"))
          .isEqualTo("boot-0\nboot-1\n");
      assertThat(a.console("/system resource print")).contains("uptime: 0s");
    }
  }

  @Test
  void aDroppedSessionIsRolledBackByTheScheduledRevert() throws Exception {
    SshClient client = new SshClient();
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V7).authorizedKey(client.publicKeyLine))) {
      SimulatedRouter a = lab.a();
      a.console("/interface ethernet set ether7 comment=HA_RESCUE");
      String before = withoutHeader(a.exportTerse());
      // what the platform sends: save the export, arm an undo script and a one-shot 5 minutes out, then change
      String undo = ":do { /interface bridge remove [find name=bridge-ether8] } on-error={}\n"
          + ":do { /interface ethernet set [find default-name=ether7] comment=HA_RESCUE } on-error={}\n"
          + ":do { /system identity set name=MikroTik } on-error={}\n"
          + "/system scheduler remove [find name=HAP_REVERT]\n/system script remove [find name=HAP_REVERT]\n";
      String apply = "/export terse show-sensitive file=ha-provision-before\n"
          + "/system script add name=HAP_REVERT source=" + Values.quote(undo) + "\n"
          + "/system scheduler add name=HAP_REVERT start-date=2026-11-22 start-time=05:25:11 interval=0s"
          + " on-event=\"/system script run HAP_REVERT\"\n"
          + "/interface bridge add name=bridge-ether8 protocol-mode=none\n"
          + "/interface ethernet set ether7 comment=changed\n"
          + "/system identity set name=ccr_HA_A\n"
          + "/interface bridge port add interface=ether8 bridge=bridge-ether8\n";
      a.dropSessionOn(line -> line.startsWith("/system identity set"));
      SshClient.Result result = client.exec(a, apply, dir);
      assertThat(result.exitStatus()).isEqualTo(-1);
      assertThat(a.console(":put [/interface ethernet get ether7 comment]")).isEqualTo("changed\n");
      assertThat(a.console("/file print terse")).contains("name=ha-provision-before.rsc");

      a.clock().advance(Duration.ofMinutes(4));
      assertThat(withoutHeader(a.exportTerse())).isNotEqualTo(before);
      a.clock().advance(Duration.ofMinutes(2));
      assertThat(withoutHeader(a.exportTerse())).isEqualTo(before);
      assertThat(a.commandLog()).contains("scheduler HAP_REVERT: /system script run HAP_REVERT");
    }
  }

  private static String withoutHeader(String export) {
    return export.replaceAll("(?m)^#.*\n", "");
  }
}
