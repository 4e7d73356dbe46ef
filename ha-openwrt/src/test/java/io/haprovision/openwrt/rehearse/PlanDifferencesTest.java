package io.haprovision.openwrt.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.facts.FactsLookup;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.LabSpec;
import io.haprovision.lab.rehearse.AddressMap;
import io.haprovision.lab.rehearse.RehearsalReport;
import io.haprovision.plan.PairPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's check that the replica plans what the real pair would: the office pair's first
 * install and the same inventory with its addresses mapped plan the same changes once the real
 * summaries (which hold addresses: firewall rules' source IPs) are mapped; a replica missing a
 * VIP is caught, node by node.
 */
class PlanDifferencesTest {
  private static final Path EXAMPLE = Path.of("..", "inventories", "openwrt-office.yml");
  private static final Map<String, String> ENV = Map.of("OFFICE_VRRP_PASS", "s3cret");

  private static PairPlan plan(String yaml) {
    return Provisioner.builder().inventory(yaml, "office", EXAMPLE.toAbsolutePath().getParent()).environment(ENV)
        .build().plan(FactsLookup.offline()).pairs().get(0);
  }

  @Test
  void theMappedInventoryPlansTheSameAndAMissingVipIsNamed() throws Exception {
    String yaml = Files.readString(EXAMPLE);
    LabPair lab = Lab.planned(new LabSpec(1, "openwrt", Optional.empty()), 3).pair(1);
    AddressMap map = AddressMap.of(Provisioner.builder().inventory(EXAMPLE).environment(ENV).build().validate()
        .pairs().get(0), lab, List.of(yaml));
    PairPlan real = plan(yaml);
    assertThat(real.node("gw-a").changes().stream().map(c -> c.summary())).anyMatch(s -> s.contains("192.0.2.3"));

    assertThat(RehearsalReport.differences(map, real, plan(map.apply(yaml)))).isEmpty();

    String withoutWanVip = map.apply(yaml).replace("            - 203.0.113.4/29", "            - 203.0.113.5/29")
        .replace("src: 203.0.113.4", "src: 203.0.113.5");
    assertThat(withoutWanVip).isNotEqualTo(map.apply(yaml));
    List<String> differences = RehearsalReport.differences(map, real, plan(withoutWanVip));
    assertThat(differences).isNotEmpty()
        .anyMatch(d -> d.startsWith("gw-a: only the replica got: ") && d.contains("203.0.113.5"))
        .anyMatch(d -> d.startsWith("gw-b: only the real routers would get: ") && d.contains("203.0.113.4"));
  }
}
