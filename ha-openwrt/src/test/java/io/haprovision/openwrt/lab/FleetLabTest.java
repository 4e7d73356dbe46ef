package io.haprovision.openwrt.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.engine.ApplyReport;
import io.haprovision.resource.DigestKey;
import io.haprovision.engine.EngineSession;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.fleet.FleetRecorder;
import io.haprovision.lab.fleet.FleetRecording;
import io.haprovision.lab.fleet.FleetSimulator;
import io.haprovision.lab.fleet.Renaming;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.Plan;
import io.haprovision.plan.Planner;
import io.haprovision.secret.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, goal 4: the simulated fleet answers the real engine from a real lab pair's recorded
 * probe. Every simulated pair plans as the no-op the recorded pair was, with one command per
 * node and nothing refused; a simulated pair whose inventory asks for more (a LAN VIP) plans a
 * change, and only that pair: the replayed output is read as facts, not taken for a no-op.
 */
@LabTest(pairs = 1)
class FleetLabTest {
  @Test
  void aFleetReplaysTheRecordedPairForEveryPairAndAChangedPairPlansItsChange(Lab lab, @TempDir Path tmp)
      throws Exception {
    Path file = lab.writeInventory(tmp.resolve("lab.yml"));
    ApplyReport converged = Provisioner.builder().inventory(file).build().apply();
    assertThat(converged.ok()).as(converged.toText(Redactor.none())).isTrue();
    LabPair pair = lab.pair(1);

    FleetRecording recorded = FleetRecorder.record(file, pair.name());
    Path saved = tmp.resolve("recording.txt");
    recorded.write(saved);
    assertThat(Files.readAllLines(saved).get(0)).startsWith("# recorded by ha-provision FleetRecorder")
        .contains("pair " + pair.name());
    FleetRecording recording = FleetRecording.read(saved);
    assertThat(recording).isEqualTo(recorded);
    assertThat(recording.nodes()).extracting(FleetRecording.RecordedNode::name)
        .containsExactly(pair.a().name(), pair.b().name());
    assertThat(recording.nodes()).allSatisfy(n -> {
      assertThat(n.exit()).isZero();
      assertThat(n.files()).containsKey("/etc/keepalived/keepalived.conf");
    });

    try (FleetSimulator fleet = FleetSimulator.start(recording, 3, tmp.resolve("fleet"))) {
      Plan plan = Provisioner.builder().inventory(fleet.inventory()).parallelism(3).build().plan();
      assertThat(plan.pairs()).extracting(PairPlan::pair).containsExactly("f0001", "f0002", "f0003");
      assertThat(plan.hasChanges()).as("the fleet replays a converged pair").isFalse();
      assertThat(fleet.execs()).as("one command per node").isEqualTo(6);
      assertThat(fleet.refused()).isZero();

      String vip = Renaming.of(recording, 2).toVirtual(pair.lanVipAddress());
      String yaml = Files.readString(fleet.inventory());
      String line = "      - \"" + vip + "/24\"\n";
      assertThat(yaml).contains(line);
      Path changed = Files.writeString(tmp.resolve("changed.yml"),
          yaml.replace(line, line + line.replace(vip, vip.substring(0, vip.lastIndexOf('.')) + ".9")));
      // facts without file contents: the replay answers the recorded probe only, not a diff's read
      Provisioner p = Provisioner.builder().inventory(changed).parallelism(3).build();
      try (EngineSession session = p.connect()) {
        Plan more = Planner.plan(session.desired(), session.facts(false).lookup(), DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(more.pairs()).filteredOn(PairPlan::hasChanges).extracting(PairPlan::pair)
            .containsExactly("f0002");
      }
      assertThat(fleet.execs()).isEqualTo(12);
      assertThat(fleet.refused()).isZero();
    }
  }
}
