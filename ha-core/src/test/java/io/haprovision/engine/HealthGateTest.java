package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.InstanceState;
import io.haprovision.engine.probe.KeepalivedProcess;
import io.haprovision.engine.probe.StateDump;
import io.haprovision.engine.probe.VrrpReading;
import io.haprovision.facts.VrrpRole;
import io.haprovision.spi.VrrpExpectations;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One look at a pair, judged by the gate's rules. */
class HealthGateTest {
  private static final VrrpExpectations EXP = new VrrpExpectations(List.of(new VrrpExpectations.Instance("LAN",
      "lan", 51, List.of(new VrrpExpectations.Vip("192.0.2.254", 24, "lan")), Map.of("gw-a", 150, "gw-b", 100),
      BigDecimal.ONE, true)));

  private static KeepalivedView view(String node, boolean running, boolean vip, String state, int priority) {
    KeepalivedProcess p = running
        ? new KeepalivedProcess("/usr/sbin/keepalived", "", OptionalInt.empty(), OptionalLong.of(9), "pidof", "")
        : KeepalivedProcess.absent();
    AddressTable t = AddressTable.parse("2: lan    inet 192.0.2.9/24 scope global lan\n"
        + (vip ? "2: lan    inet 192.0.2.254/24 scope global secondary lan\n" : ""));
    Optional<StateDump> d = running ? Optional.of(new StateDump("json", List.of(new InstanceState("LAN", state, "lan",
        51, priority, priority, BigDecimal.ONE, 2, List.of(), OptionalLong.of(1), OptionalLong.of(0))))) : Optional.empty();
    return new KeepalivedView(new NodeKey("office", node), p, t, d, Optional.empty(),
        VrrpReading.read(node, EXP, p, t, d));
  }

  /** A node whose drain file says {@code drain}: its instance in FAULT with the effective priority keepalived gives it. */
  private static KeepalivedView drained(String node, boolean vip, String state, int drain) {
    KeepalivedProcess p = new KeepalivedProcess("/usr/sbin/keepalived", "", OptionalInt.empty(), OptionalLong.of(9),
        "pidof", "", Map.of(), OptionalInt.of(drain));
    AddressTable t = AddressTable.parse("2: lan    inet 192.0.2.8/24 scope global lan\n"
        + (vip ? "2: lan    inet 192.0.2.254/24 scope global secondary lan\n" : ""));
    Optional<StateDump> d = Optional.of(new StateDump("json", List.of(new InstanceState("LAN", state, "lan",
        51, 150, 1, BigDecimal.ONE, 2, List.of(), OptionalLong.of(1), OptionalLong.of(0)))));
    return new KeepalivedView(new NodeKey("office", node), p, t, d, Optional.empty(), VrrpReading.read(node, EXP, p, t, d));
  }

  private static List<String> problems(VrrpRole before, KeepalivedView touched, KeepalivedView peer) {
    return HealthGate.evaluate(EXP, touched.key().node(), peer.key().node(), before, Optional.empty(), false,
        touched, peer).problems();
  }

  @Test
  void aHealthyPairPasses() {
    assertThat(problems(VrrpRole.BACKUP, view("gw-b", true, false, "BACKUP", 100), view("gw-a", true, true, "MASTER", 150)))
        .isEmpty();
  }

  @Test
  void splitBrainNoMasterAndAStoppedNodeFail() {
    assertThat(problems(VrrpRole.BACKUP, view("gw-b", true, true, "MASTER", 100), view("gw-a", true, true, "MASTER", 150)))
        .contains("instance LAN is MASTER on both gw-b and gw-a");
    assertThat(problems(VrrpRole.BACKUP, view("gw-b", true, false, "BACKUP", 100), view("gw-a", true, false, "BACKUP", 150)))
        .containsExactly("instance LAN has no MASTER",
            "gw-a has the higher priority for LAN (150 over 100) and preempts, but is not MASTER yet");
    assertThat(problems(VrrpRole.BACKUP, view("gw-b", false, false, "", 100), view("gw-a", true, true, "MASTER", 150)))
        .containsExactly("keepalived is not running on gw-b");
  }

  @Test
  void aBackupWithTheLowerPriorityMustNotTakeOver() {
    assertThat(problems(VrrpRole.BACKUP, view("gw-b", true, true, "MASTER", 100), view("gw-a", true, false, "BACKUP", 150)))
        .containsExactly("gw-b took LAN over from gw-a although it was BACKUP and has the lower priority (the VIP moved)",
            "gw-a has the higher priority for LAN (150 over 100) and preempts, but is not MASTER yet");
  }

  @Test
  void thePrimaryMustTakeOverOnceBothRun() {
    // First install, second node: the primary came up as BACKUP and has not preempted yet.
    assertThat(problems(VrrpRole.UNKNOWN, view("gw-a", true, false, "BACKUP", 150), view("gw-b", true, true, "MASTER", 100)))
        .containsExactly("gw-a has the higher priority for LAN (150 over 100) and preempts, but is not MASTER yet");
  }

  @Test
  void aFirstInstallAloneMayBecomeMaster() {
    // The peer has no keepalived yet: the changed node is MASTER alone, which is healthy.
    assertThat(problems(VrrpRole.UNKNOWN, view("gw-b", true, true, "MASTER", 100), view("gw-a", false, false, "", 150)))
        .isEmpty();
  }

  @Test
  void aDrainedNodeInFaultIsHealthyButNotWhenItHoldsTheVip() {
    // The drained primary: FAULT on purpose, so neither the FAULT nor its higher base priority is a problem.
    assertThat(problems(VrrpRole.BACKUP, view("gw-b", true, true, "MASTER", 100), drained("gw-a", false, "FAULT", -254)))
        .isEmpty();
    assertThat(HealthGate.evaluate(EXP, "gw-b", "gw-a", VrrpRole.BACKUP, Optional.empty(), false,
        view("gw-b", true, true, "MASTER", 100), drained("gw-a", false, "FAULT", -254)).notes())
        .contains("gw-a is drained: FAULT on purpose until it is undrained");
    // The same FAULT without the drain value is a failure, and a drained node must hold nothing.
    assertThat(problems(VrrpRole.BACKUP, view("gw-b", true, true, "MASTER", 100), drained("gw-a", false, "FAULT", 0)))
        .contains("instance LAN is FAULT on gw-a");
    assertThat(problems(VrrpRole.BACKUP, view("gw-b", true, false, "BACKUP", 100), drained("gw-a", true, "MASTER", -254)))
        .contains("gw-a is drained but MASTER of LAN");
  }
}
