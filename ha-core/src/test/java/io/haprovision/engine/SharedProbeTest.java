package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.plan.Change;
import io.haprovision.plan.Plan;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Resources whose drivers read the same thing (the same probe text, as every UCI option of a
 * config) cost one section of a node's probe, and each still gets its own state from it.
 */
class SharedProbeTest {
  @Test
  void resourcesWithOneProbeTextShareOneSectionAndEachParsesItsPart() {
    FakeWorld world = new FakeWorld("office");
    world.labels.put("office/gw-a", Map.of("site", "hq", "rack", "r1", "row", "4"));
    world.labels.put("office/gw-b", Map.of("site", "hq", "rack", "r2", "row", "4"));
    FakePair pair = world.pair("office");
    pair.b.settings.put("label.site", "hq");
    pair.b.settings.put("label.rack", "r9");
    Plan plan;
    try (EngineSession session = world.engine(4).open(world.inventory())) {
      plan = session.plan();
    }
    String probe = pair.b.probes.get(pair.b.probes.size() - 1);
    assertThat(Pattern.compile("\\nfake-labels\\n").matcher(probe).results().count())
        .as("one section reads the labels for all three").isEqualTo(1);
    assertThat(plan.pair("office").node("gw-b").changes().stream().filter(Change::changes).map(Change::summary))
        .containsExactlyInAnyOrder("label rack = r2", "label row = 4");
    assertThat(plan.pair("office").node("gw-a").changes().stream().filter(Change::changes)
        .filter(c -> c.id().kind().equals(FakeLabel.KIND)).count()).isEqualTo(3);
  }
}
