package io.haprovision.bonder;

import static io.haprovision.bonder.Inventories.assertAt;
import static io.haprovision.bonder.Inventories.example;
import static io.haprovision.bonder.Inventories.only;
import static io.haprovision.bonder.Inventories.problems;
import static io.haprovision.bonder.Inventories.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.Problem;
import org.junit.jupiter.api.Test;

/** What bonder pairs refuse beyond the core's VRRP rules. */
class BonderPairValidationTest {

  @Test
  void primaryRunsTenAndSecondaryOneToNine() {
    String usual = replace(example(), "priority: { primary: 10, secondary: 5 }", "priority: { primary: 150, secondary: 100 }");
    Problem p = only(problems(usual), "bonder.priority");
    assertAt(p, "pairs[0].vrrp.instances[0].priority", usual, "priority: { primary: 150");
    assertThat(p.message()).contains("150").contains("100");
    assertThat(p.fix()).contains("primary: 10");

    String nineOk = replace(example(), "secondary: 5 }", "secondary: 9 }");
    assertThat(Inventories.load(nineOk).pairs()).hasSize(1);
    String zeroish = replace(example(), "priority: { primary: 10, secondary: 5 }", "priority: { primary: 9, secondary: 5 }");
    only(problems(zeroish), "bonder.priority");
  }

  @Test
  void multicastIsRefused() {
    String yaml = replace(example(), "          unicast: true                    # adverts go to the other bonder's eth1 address\n", "");
    Problem p = only(problems(yaml), "bonder.vrrp-multicast");
    assertThat(p.keyPath()).isEqualTo("pairs[0].vrrp.instances[0]");
    assertThat(p.fix()).contains("unicast: true");
  }

  @Test
  void pointToPointPrivateLinkIsExplainedAndRefusedUnlessConfirmed() {
    String cable = replace(replace(example(), "eth1: 198.18.20.2/24", "eth1: 198.18.20.1/30"),
        "eth1: 198.18.20.3/24", "eth1: 198.18.20.2/30");
    Problem p = only(problems(cable), "bonder.private-link-direct-cable");
    assertThat(p.message()).contains("FAULT").contains("direct cable");
    assertThat(p.fix()).contains("switch").contains("private_link_switched: true");
    assertThat(p.keyPath()).isEqualTo("pairs[0].nodes[0].interfaces.eth1");

    String confirmed = replace(cable, "      keepalived_start: connected-ip-hook", "      keepalived_start: connected-ip-hook\n"
        + "      private_link_switched: true");
    assertThat(Inventories.load(confirmed).pairs()).hasSize(1);
  }

  @Test
  void inventoryNotifyIsRefusedBecauseTheNotifyProgramOwnsIt() {
    String yaml = replace(example(), "          unicast: true ", "          notify: { master: /usr/local/bin/x }\n"
        + "          unicast: true ");
    assertAt(only(problems(yaml), "bonder.notify-replaced"), "pairs[0].vrrp.instances[0].notify", yaml, "notify:");
  }
}
