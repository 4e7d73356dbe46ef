package io.haprovision.lab.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * VRRP between the two routers of a lab, configured with the exact desired configurations
 * of ha-mikrotik's golden files (role hooks, startup guard): election by priority, preemption,
 * disable/enable, power off/on, and the hooks flipping ports and identity.
 */
class RouterOsPairTest {

  /** A configured pair and the identity bases its golden configurations give a and b. */
  record Configured(RouterOsLab lab, String a, String b) implements AutoCloseable {
    @Override
    public void close() {
      lab.close();
    }
  }

  /** Configures a pair from ha-mikrotik's golden desired configuration (v6: b derived from a). */
  static Configured configuredPair(RouterOsDialect dialect) {
    RouterOsLab lab = RouterOsLab.start(Sessions.spec(dialect));
    String a;
    String b;
    if (dialect == RouterOsDialect.V7) {
      a = Sessions.read(Sessions.MIKROTIK_GOLDEN.resolve("ccr-v7-ccr-a.rsc"));
      b = Sessions.read(Sessions.MIKROTIK_GOLDEN.resolve("ccr-v7-ccr-b.rsc"));
    } else {
      a = Sessions.read(Sessions.MIKROTIK_GOLDEN.resolve("ccr-v6-ccr-a.rsc"));
      String idA = identityBase(a);
      String idB = idA.endsWith("A") ? idA.substring(0, idA.length() - 1) + "B" : idA + "_B";
      b = a.replace(idA, idB).replace("198.18.23.1/24", "198.18.23.2/24")
          .replace("priority=150", "priority=100").replace("203.0.113.2/29", "203.0.113.3/29")
          .replace("198.51.100.2/24", "198.51.100.3/24");
    }
    assertThat(lab.a().console(a)).isEmpty();
    assertThat(lab.b().console(b)).isEmpty();
    return new Configured(lab, identityBase(a), identityBase(b));
  }

  /** The identity base the golden configuration gives a router: {@code ccr_HA_A} from {@code name=ccr_HA_A_ACTIVE}. */
  static String identityBase(String configuration) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("/system identity set name=(\\S+)_ACTIVE").matcher(configuration);
    assertThat(m.find()).as("the golden configuration sets an _ACTIVE identity in its master hook").isTrue();
    return m.group(1);
  }

  private static String identity(SimulatedRouter router) {
    return router.console(":put [/system identity get name]").strip();
  }

  private static int disabledPorts(SimulatedRouter router) {
    return Integer.parseInt(router.console(":put [:len [/interface ethernet find where disabled=yes]]").strip());
  }

  private static void assertActive(SimulatedRouter router, String identity) {
    assertThat(router.vrrpRole("HA_VRRP")).isEqualTo("master");
    assertThat(identity(router)).isEqualTo(identity + "_ACTIVE");
    assertThat(disabledPorts(router)).isZero();
  }

  private static void assertStandby(SimulatedRouter router, String identity) {
    assertThat(router.vrrpRole("HA_VRRP")).isEqualTo("backup");
    assertThat(identity(router)).isEqualTo(identity + "_STANDBY");
    // every port but the HA link (ether8) and the HA_RESCUE port (ether7)
    assertThat(router.console("/interface ethernet print terse where disabled=no"))
        .contains("name=ether7 ").contains("name=ether8 ").doesNotContain("name=ether1 ");
    assertThat(disabledPorts(router)).isEqualTo(6);
  }

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void higherPriorityIsMasterAndTheHooksRanOnBoth(RouterOsDialect dialect) {
    try (Configured pair = configuredPair(dialect)) {
      RouterOsLab lab = pair.lab();
      assertActive(lab.a(), pair.a());
      assertStandby(lab.b(), pair.b());
      assertThat(lab.a().commandLog()).contains("on-master HA_VRRP: /system script run HA_ON_MASTER");
      assertThat(lab.b().commandLog()).contains("on-backup HA_VRRP: /system script run HA_ON_BACKUP");
      assertThat(lab.a().logMessages()).contains("info: ha-provision: HA_VRRP is master, traffic enabled");
      assertThat(lab.b().console("/log print terse where message~\"HA_VRRP is backup\""))
          .contains("topics=script,info message=ha-provision: HA_VRRP is backup, traffic disabled");
      if (dialect == RouterOsDialect.V7) {
        // group-master: the service VRRPs follow the heartbeat
        assertThat(lab.a().vrrpRole("WAN")).isEqualTo("master");
        assertThat(lab.b().vrrpRole("WAN")).isEqualTo("backup");
        assertThat(lab.b().console("/interface vrrp print terse where name=LAN")).matches("(?s) 2 gB +name=LAN .*");
      } else {
        // v6: the hooks enable the service VRRPs on the master and disable them on the backup
        assertThat(lab.a().vrrpRole("WAN")).isEqualTo("master");
        // b's backup hook ran before WAN existed; WAN came later on a port that hook had disabled
        assertThat(lab.b().vrrpRole("WAN")).isEqualTo("not-running");
        lab.b().console("/system script run HA_ON_BACKUP");
        assertThat(lab.b().vrrpRole("WAN")).isEqualTo("disabled");
      }
      assertThat(lab.a().console("/interface vrrp print terse where name=HA_VRRP")).startsWith(dialect == RouterOsDialect.V7 ? " 0 GRM name=HA_VRRP " : " 0 RM name=HA_VRRP ");
    }
  }

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void priorityChangeMovesTheMasterAndBack(RouterOsDialect dialect) {
    try (Configured pair = configuredPair(dialect)) {
      RouterOsLab lab = pair.lab();
      lab.b().console("/interface vrrp set [find name=HA_VRRP] priority=200");
      assertActive(lab.b(), pair.b());
      assertStandby(lab.a(), pair.a());
      lab.b().console("/interface vrrp set HA_VRRP priority=100");
      assertActive(lab.a(), pair.a());
      assertStandby(lab.b(), pair.b());
    }
  }

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void withoutPreemptionARebootedPreferredRouterStaysBackup(RouterOsDialect dialect) {
    try (Configured pair = configuredPair(dialect)) {
      RouterOsLab lab = pair.lab();
      lab.a().console("/interface vrrp set HA_VRRP preemption-mode=no");
      lab.a().powerOff();
      assertThat(lab.a().vrrpRole("HA_VRRP")).isEqualTo("off");
      assertActive(lab.b(), pair.b());
      lab.a().powerOn();
      assertThat(lab.a().commandLog()).contains("startup HA_STARTUP: /system script run HA_STARTUP");
      assertStandby(lab.a(), pair.a());
      assertActive(lab.b(), pair.b());
      lab.a().console("/interface vrrp set HA_VRRP preemption-mode=yes");
      assertActive(lab.a(), pair.a());
      assertStandby(lab.b(), pair.b());
    }
  }

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void disablingTheMastersVrrpHandsOverAndEnablingTakesItBack(RouterOsDialect dialect) {
    try (Configured pair = configuredPair(dialect)) {
      RouterOsLab lab = pair.lab();
      lab.a().console("/interface vrrp disable [find name=HA_VRRP]");
      assertThat(lab.a().vrrpRole("HA_VRRP")).isEqualTo("disabled");
      assertActive(lab.b(), pair.b());
      // RouterOS runs no hook when a VRRP interface is disabled: a keeps its ports as they were
      assertThat(identity(lab.a())).isEqualTo(pair.a() + "_ACTIVE");
      lab.a().console("/interface vrrp enable [find name=HA_VRRP]");
      assertActive(lab.a(), pair.a());
      assertStandby(lab.b(), pair.b());
    }
  }

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void powerOffOfTheMasterFailsOverAndPowerOnPreemptsAfterTheStartupGuard(RouterOsDialect dialect) {
    try (Configured pair = configuredPair(dialect)) {
      RouterOsLab lab = pair.lab();
      lab.b().powerOff();
      assertActive(lab.a(), pair.a());
      lab.b().powerOn();
      assertStandby(lab.b(), pair.b());

      lab.a().powerOff();
      assertActive(lab.b(), pair.b());
      lab.a().powerOn();
      assertActive(lab.a(), pair.a());
      assertStandby(lab.b(), pair.b());
      // the guard disabled the traffic ports before VRRP started; the master hook enabled them again
      String bgp = dialect.bgpMenu();
      assertThat(lab.a().commandLog()).containsSubsequence(
          "startup HA_STARTUP > script HA_STARTUP: /interface vrrp disable [find name=\"HA_VRRP\"]",
          "startup HA_STARTUP > script HA_STARTUP: " + bgp + " disable [find]",
          "startup HA_STARTUP > script HA_STARTUP: /interface ethernet disable [find where name!=\"ether8\" and comment!=\"HA_RESCUE\"]",
          "vrrp: HA_VRRP init -> master",
          "on-master HA_VRRP > script HA_ON_MASTER: /interface ethernet enable [find]");
    }
  }

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void theHaLinkDownMakesBothMasters(RouterOsDialect dialect) {
    try (Configured pair = configuredPair(dialect)) {
      RouterOsLab lab = pair.lab();
      lab.b().console("/interface ethernet disable ether8");
      assertActive(lab.a(), pair.a());
      assertThat(lab.b().vrrpRole("HA_VRRP")).isEqualTo("not-running");
      lab.b().console("/interface bridge port set [find interface=ether8] disabled=yes; /interface ethernet enable ether8");
      assertThat(lab.b().vrrpRole("HA_VRRP")).isEqualTo("not-running");
      lab.b().console("/interface bridge port enable [find]");
      assertThat(lab.b().vrrpRole("HA_VRRP")).isEqualTo("backup");
    }
  }

  @ParameterizedTest
  @EnumSource(RouterOsDialect.class)
  void peersThatDropEachOthersAdvertsAreBothMaster(RouterOsDialect dialect) {
    try (Configured pair = configuredPair(dialect)) {
      RouterOsLab lab = pair.lab();
      lab.b().console("/interface vrrp set HA_VRRP version=2");
      assertThat(lab.b().vrrpRole("HA_VRRP")).isEqualTo("master");
      assertThat(lab.a().vrrpRole("HA_VRRP")).isEqualTo("master");
      lab.a().console("/interface vrrp set HA_VRRP version=2 interval=2s");
      assertThat(lab.b().vrrpRole("HA_VRRP")).isEqualTo("master");
      lab.a().console("/interface vrrp set HA_VRRP interval=1s");
      assertStandby(lab.b(), pair.b());
      assertActive(lab.a(), pair.a());
    }
  }
}
