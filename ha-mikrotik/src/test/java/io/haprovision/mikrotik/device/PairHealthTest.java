package io.haprovision.mikrotik.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.MikrotikSection;
import io.haprovision.mikrotik.MikrotikTestSupport;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The health gate's judgement of a pair from its routers' VRRP interfaces and ports. */
class PairHealthTest {
  private final PairSpec pair = MikrotikTestSupport.example();
  private final MikrotikSection section = pair.platformSection(MikrotikSection.class);

  private static RouterFacts router(String vrrp, String ethernet) {
    return new RouterFacts(Map.of(), "", Optional.empty(), PrintedEntry.parseAll(vrrp), PrintedEntry.parseAll(ethernet),
        new RouterOsExport(List.of(), List.of()));
  }

  private static final String PORTS_UP = " 0   name=ether1 comment=\"\"\n 1   name=ether7 comment=HA_RESCUE\n 2   name=ether8 comment=\"\"\n";
  private static final String PORTS_STANDBY = " 0 X name=ether1 comment=\"\"\n 1   name=ether7 comment=HA_RESCUE\n 2   name=ether8 comment=\"\"\n";

  private Map<String, RouterFacts> pair(RouterFacts a, RouterFacts b) {
    Map<String, RouterFacts> m = new LinkedHashMap<>();
    m.put("ccr-a", a);
    m.put("ccr-b", b);
    return m;
  }

  @Test
  void healthyPairPasses() {
    var routers = pair(
        router(" 0 RM name=HA_VRRP priority=150 preemption-mode=yes\n 1 RM name=WAN\n 2 RM name=LAN\n", PORTS_UP),
        router(" 0 RB name=HA_VRRP priority=100 preemption-mode=yes\n 1 RB name=WAN\n 2 RB name=LAN\n", PORTS_STANDBY));
    assertThat(PairHealth.gate(pair, section, routers, "ccr-b")).isEmpty();
    assertThat(PairHealth.active(section, routers)).contains("ccr-a");
  }

  @Test
  void splitBrainAPreferredBackupAndOpenStandbyPortsFail() {
    var split = pair(router(" 0 RM name=HA_VRRP priority=150\n", PORTS_UP), router(" 0 RM name=HA_VRRP priority=100\n", PORTS_UP));
    assertThat(PairHealth.gate(pair, section, split, "ccr-a")).anyMatch(p -> p.contains("split brain"));

    var wrong = pair(
        router(" 0 RB name=HA_VRRP priority=150 preemption-mode=yes\n", PORTS_STANDBY),
        router(" 0 RM name=HA_VRRP priority=100 preemption-mode=yes\n", PORTS_UP));
    assertThat(PairHealth.gate(pair, section, wrong, "ccr-a"))
        .anyMatch(p -> p.contains("ccr-a has the higher HA_VRRP priority (150 over 100)"));

    var open = pair(router(" 0 RM name=HA_VRRP priority=150\n", PORTS_UP), router(" 0 RB name=HA_VRRP priority=100\n", PORTS_UP));
    assertThat(PairHealth.gate(pair, section, open, "ccr-b"))
        .containsExactly("the standby ccr-b has traffic ports enabled: ether1");
  }

  @Test
  void serviceInstanceMasterOnTheWrongRouterFails() {
    var routers = pair(
        router(" 0 RM name=HA_VRRP priority=150\n 1 RB name=WAN\n", PORTS_UP),
        router(" 0 RB name=HA_VRRP priority=100\n 1 RM name=WAN\n", PORTS_STANDBY));
    assertThat(PairHealth.gate(pair, section, routers, "ccr-a"))
        .contains("VRRP interface WAN is master on ccr-b but the heartbeat's master is ccr-a");
  }

  @Test
  void firstRouterAloneIsHealthy() {
    var routers = pair(router("", PORTS_UP), router(" 0 RM name=HA_VRRP priority=100\n 1 RM name=WAN\n", PORTS_UP));
    assertThat(PairHealth.gate(pair, section, routers, "ccr-b")).isEmpty();
  }
}
