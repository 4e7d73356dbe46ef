package io.haprovision.mikrotik.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.mikrotik.MikrotikTestSupport;
import io.haprovision.mikrotik.RouterOsFormat;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduled revert: what it saves, when it fires in each dialect, and what its undo script does. */
class RevertTest {
  private static final List<Edit> EDITS = List.of(
      new Edit("/interface bridge", Edit.Op.ADD, Map.of("name", "bridge-ether8"), false, Map.of("protocol-mode", "none"),
          Map.of(), java.util.Set.of()),
      new Edit("/interface vrrp", Edit.Op.SET, Map.of("name", "HA_VRRP"), false, Map.of("interval", "1s"),
          Map.of("interval", "2s"), java.util.Set.of()));

  @Test
  void armsAtTheRouterClockPlusTheDelayInTheDialectsDateFormat() {
    RouterFacts v7 = RouterFacts.parse(RouterScripts.sections(FixtureConnection.fixture("read-v7-ccr-a.txt")), "t");
    LocalDateTime fire = v7.clock().orElseThrow().plus(Revert.DELAY);
    List<String> seven = Revert.arm(EDITS, v7, RouterOsFormat.of("7.12.1", 7), fire);
    List<String> sevenNine = Revert.arm(EDITS, v7, RouterOsFormat.of("7.9.2", 7), fire);
    List<String> six = Revert.arm(EDITS, v7, RouterOsFormat.of("6.49.10", 6), fire);
    // 23:58:30 + 5 min crosses midnight; dates print ISO only from 7.10.
    assertThat(seven.get(4)).contains("start-date=2026-11-23 start-time=00:03:30 interval=0s");
    assertThat(sevenNine.get(4)).contains("start-date=nov/23/2026 start-time=00:03:30");
    assertThat(sevenNine.get(0)).isEqualTo("/export terse show-sensitive file=ha-provision-before");
    assertThat(six.get(4)).contains("start-date=nov/23/2026 start-time=00:03:30");
    assertThat(seven.get(0)).isEqualTo("/export terse show-sensitive file=ha-provision-before");
    assertThat(six.get(0)).isEqualTo("/export terse file=ha-provision-before");
    String joined = String.join("\n", seven) + "\n\n" + Revert.undoSource(EDITS, v7);
    MikrotikTestSupport.assertGolden(joined, "device/revert-v7.golden");
  }

  @Test
  void undoRunsInReverseOrderGuardedAndRemovesItself() {
    RouterFacts v6 = RouterFacts.parse(RouterScripts.sections(FixtureConnection.fixture("read-v6-ccr-b.txt")), "t");
    List<String> lines = Revert.undoSource(EDITS, v6).lines().toList();
    assertThat(lines.get(1)).isEqualTo(":do { /interface vrrp set [find name=HA_VRRP] interval=2s } on-error={}");
    assertThat(lines.get(2)).isEqualTo(":do { /interface bridge remove [find name=bridge-ether8] } on-error={}");
    assertThat(lines).contains(":do { /system identity set name=ccr_HA_B_STANDBY } on-error={}",
        ":do { /interface ethernet set [find default-name=ether1] disabled=yes } on-error={}",
        ":do { /interface ethernet set [find default-name=ether8] disabled=no } on-error={}");
    assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly(
        "/system scheduler remove [find name=HAP_REVERT]", "/system script remove [find name=HAP_REVERT]");
  }
}
