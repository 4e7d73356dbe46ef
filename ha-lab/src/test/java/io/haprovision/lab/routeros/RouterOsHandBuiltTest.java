package io.haprovision.lab.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a pair built by hand with ha-mikrotik needs of the simulator: an address given with
 * {@code netmask=}, filter rules, {@code :execute} and {@code :find}, a VRRP hook or scheduler
 * event that is just a script's name, and RFC 5798's rule that a backup does not take over
 * from a master of equal priority (6.4.2: it stays backup on an advert of priority greater
 * than or equal to its own).
 */
class RouterOsHandBuiltTest {

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void addressesWithANetmaskFilterRulesAndScriptingCommands(RouterOsDialect dialect) {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(dialect))) {
      SimulatedRouter r = lab.a();
      assertThat(r.console("/ip address add address=169.254.23.1 netmask=255.255.255.0 interface=ether8\n"
          + "/ip firewall filter add chain=output action=accept out-interface=ether8 comment=\"HA_AUTO\"")).isEmpty();
      assertThat(r.console("/ip address print terse where interface=ether8")).contains("address=169.254.23.1/24");
      assertThat(r.console("/ip address add address=10.0.0.1 netmask=255.0.255.0 interface=ether7"))
          .contains("invalid value for argument netmask");
      assertThat(r.console("/ip firewall filter export terse"))
          .contains("/ip firewall filter add action=accept chain=output comment=HA_AUTO out-interface=ether8");
      assertThat(r.console(":put [:find \"ccr_HA_A_ACTIVE\" \"_HA_\" 0]\n:put [:typeof [:find \"ccr\" \"_HA_\"]]"))
          .isEqualTo("3\nnothing\n");
      assertThat(r.console("/system script add name=probe source=\"/system identity set name=probed\"\n"
          + ":execute \"/system script run probe\"\n:put [/system identity get name]")).isEqualTo("probed\n");
    }
  }

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void aBackupOfEqualPriorityLeavesTheMasterAloneAndHooksMayNameAScript(RouterOsDialect dialect) {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(dialect))) {
      for (SimulatedRouter r : java.util.List.of(lab.a(), lab.b())) {
        assertThat(r.console("/system script add name=ha_onmaster source=\":log info became-master\"\n"
            + "/interface vrrp add name=HA_VRRP interface=ether8 priority=100 on-master=ha_onmaster disabled=yes"))
            .isEmpty();
      }
      // b has the higher address on the link, which breaks a tie only between two masters.
      lab.a().console("/interface vrrp enable [find name=HA_VRRP]");
      lab.b().console("/interface vrrp enable [find name=HA_VRRP]");
      assertThat(lab.a().vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(lab.b().vrrpRole("HA_VRRP")).isEqualTo("backup");
      assertThat(lab.a().logMessages()).contains("info: became-master");
      lab.a().console("/interface vrrp disable [find name=HA_VRRP]");
      assertThat(lab.b().vrrpRole("HA_VRRP")).isEqualTo("master");
      lab.a().console("/interface vrrp enable [find name=HA_VRRP]");
      assertThat(lab.a().vrrpRole("HA_VRRP")).as("equal priority: no preemption").isEqualTo("backup");
    }
  }
}
