package io.haprovision.lab.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * VRRP grouping as each release takes it. Sources: the 7.7 refusal of an empty group is from
 * issue 11 (a real 7.7 router's error); {@code none | self | interface} from MikroTik's manual
 * page for {@code /interface vrrp} (7.10 on); {@code unset} clearing a property from RouterOS's
 * own changelog (7.18beta4 "vxlan - fixed unset for group and interface properties"); the
 * export names ({@code group-master} to 7.9, {@code group-authority} from 7.10) from
 * FoxDenHome/router's exports, kept in ha-mikrotik's corpus.
 */
class RouterOsGroupingTest {

  private static SimulatedRouter withGroup(RouterOsLab lab) {
    SimulatedRouter a = lab.a();
    assertThat(a.console("/interface vrrp add name=LEADER interface=ether8 vrid=1")).isEmpty();
    assertThat(a.console("/interface vrrp add name=WAN interface=ether1 vrid=51 group-master=LEADER")).isEmpty();
    return a;
  }

  @Test
  void sevenSevenRefusesAnEmptyGroupAndUnsetClearsIt() {
    try (RouterOsLab lab = RouterOsLab.start(RouterOsLab.Spec.of(RouterOsDialect.V7, "7.7"))) {
      SimulatedRouter a = withGroup(lab);
      assertThat(a.console("/interface vrrp set [find name=WAN] group-master=\"\""))
          .contains("input does not match any value of group-master");
      assertThat(a.exportTerse()).contains("group-master=LEADER");
      assertThat(a.console("/interface vrrp unset [find name=WAN] group-master")).isEmpty();
      assertThat(a.exportTerse()).doesNotContain("group-master=");
    }
  }

  @Test
  void fromSevenTenNoneUngroupsAndTheExportSaysGroupAuthority() {
    try (RouterOsLab lab = RouterOsLab.start(RouterOsLab.Spec.of(RouterOsDialect.V7, "7.12.1"))) {
      SimulatedRouter a = withGroup(lab);
      assertThat(a.exportTerse()).contains("group-authority=LEADER").doesNotContain("group-master=");
      assertThat(a.console("/interface vrrp set [find name=WAN] group-authority=none")).isEmpty();
      assertThat(a.exportTerse()).doesNotContain("group-authority=");
    }
  }
}
