package io.haprovision.openwrt.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.Lab;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.plan.Plan;
import io.haprovision.spi.Targets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures a no-op converge of 10 lab pairs (open sessions, facts, plan, apply) after a first
 * converge, and the commands it costs per node. A measurement, not a test of behaviour: runs
 * only with {@code -Dlab.measure=true}.
 */
@LabTest(pairs = 10)
@EnabledIfSystemProperty(named = "lab.measure", matches = "true")
class NoOpConvergeMeasurement {
  @Test
  void noOpConvergeOfTenPairs(Lab lab, @TempDir Path tmp) {
    Inventory inventory = new InventoryLoader().withTargets(Targets.discover())
        .load(lab.writeInventory(tmp.resolve("lab.yml")));
    Engine engine = Engine.builder().targets(Targets.discover()).parallelism(10).build();
    try (EngineSession session = engine.open(inventory)) {
      assertThat(session.apply(session.plan()).ok()).isTrue();
    }
    for (int round = 1; round <= 3; round++) {
      long start = System.nanoTime();
      ApplyReport report;
      try (EngineSession session = engine.open(inventory)) {
        Plan plan = session.plan();
        assertThat(plan.hasChanges()).isFalse();
        report = session.apply(plan);
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println("no-op converge of " + inventory.pairs().size() + " pairs, round " + round + ": " + ms
          + " ms; handshakes " + report.handshakes() + "; commands per node " + report.execsPerNode().values()
          .stream().distinct().toList());
      assertThat(report.execsPerNode().values()).containsOnly(1L);
    }
  }
}
