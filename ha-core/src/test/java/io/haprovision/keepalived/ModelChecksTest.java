package io.haprovision.keepalived;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import io.haprovision.keepalived.Authentication.AuthType;
import io.haprovision.secret.Secret;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that would break keepalived.conf, or that keepalived -t would flag, never reach the text. */
class ModelChecksTest {

  private static VrrpInstance.Builder lan() {
    return VrrpInstance.builder("LAN", "br-lan", 51).virtualIps(List.of(VirtualIp.of("192.168.1.1/24")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"LAN\n}", "LAN {", "LA N", "LAN#x", "\"LAN\"", "", "-LAN"})
  void namesThatWouldBreakTheSyntaxAreRefused(String name) {
    assertThatThrownBy(() -> VrrpInstance.builder(name, "br-lan", 51).build())
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("vrrp_instance name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"br-lan}", "eth0\nvrrp_instance X {", "eth 0"})
  void interfaceNamesThatWouldBreakTheSyntaxAreRefused(String iface) {
    assertThatThrownBy(() -> VrrpInstance.builder("LAN", iface, 51).build())
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("interface of vrrp_instance LAN");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/usr/bin/role \"master\"", "/usr/bin/role master\n}", "/usr/bin/role {x}", "/usr/bin/role # c",
      "/usr/bin/role ! c", "/usr/bin/role \\", "role master", " "})
  void commandsThatWouldBreakTheQuotingAreRefused(String command) {
    assertThatThrownBy(() -> Notify.generic(command)).isInstanceOf(InternalException.class)
        .hasMessageContaining("notify");
    assertThatThrownBy(() -> VrrpScript.of("chk", command, 2)).isInstanceOf(InternalException.class)
        .hasMessageContaining("vrrp_script chk");
  }

  @Test
  void aPlainCommandWithArgumentsIsAccepted() {
    assertThatCode(() -> Notify.generic("/usr/libexec/ha/role master 'quoted arg' --x=1"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.1/24 dev x", "192.168.1.1\n", "host.example", "1.2.3.4/24}"})
  void addressesThatAreNotAddressesAreRefused(String address) {
    assertThatThrownBy(() -> VirtualIp.of(address)).isInstanceOf(InternalException.class)
        .hasMessageContaining("virtual_ipaddress");
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "abc\ndef", "123456789", "brace{", ""})
  void badPasswordsAreRefusedWithoutShowingThem(String password) {
    assertThatThrownBy(() -> new Authentication(AuthType.PASS, Secret.of(password, "env:VRRP_PASS")))
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("env:VRRP_PASS")
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
            .doesNotContain(password.isEmpty() ? "\u0000" : password));
  }

  @Test
  void vrrpV2RefusesFractionalAdvertInterval() {
    assertThatThrownBy(() -> lan().advertInt(new BigDecimal("0.1")).build())
        .isInstanceOf(InternalException.class).hasMessageContaining("whole number of seconds");
  }

  @Test
  void vrrpV3RefusesIntervalsFinerThanTenMilliseconds() {
    assertThatThrownBy(() -> lan().version(3).advertInt(new BigDecimal("0.005")).build())
        .isInstanceOf(InternalException.class).hasMessageContaining("0.01 steps");
    assertThatThrownBy(() -> lan().version(3).advertInt(new BigDecimal("41")).build())
        .isInstanceOf(InternalException.class).hasMessageContaining("0.01..40.95");
    assertThatCode(() -> lan().version(3).advertInt(new BigDecimal("40.95")).build()).doesNotThrowAnyException();
  }

  @Test
  void vrrpV3RefusesAuthentication() {
    Authentication auth = new Authentication(AuthType.PASS, Secret.of("pw", "literal"));
    assertThatThrownBy(() -> lan().version(3).authentication(Optional.of(auth)).build())
        .isInstanceOf(InternalException.class).hasMessageContaining("VRRPv3");
  }

  @Test
  void masterRefusesNopreemptAndPreemptDelay() {
    assertThatThrownBy(() -> lan().state(VrrpState.MASTER).nopreempt(true).build())
        .isInstanceOf(InternalException.class).hasMessageContaining("nopreempt with state MASTER");
    assertThatThrownBy(() -> lan().state(VrrpState.MASTER).preemptDelay(5).build())
        .isInstanceOf(InternalException.class).hasMessageContaining("preempt_delay with state MASTER");
    assertThatCode(() -> lan().state(VrrpState.MASTER).preemptDelay(0).build()).doesNotThrowAnyException();
  }

  @Test
  void trackingTheOwnInterfaceIsRefused() {
    assertThatThrownBy(() -> lan().trackInterfaces(List.of(TrackInterface.of("br-lan"))).build())
        .isInstanceOf(InternalException.class).hasMessageContaining("tracks its own interface br-lan");
  }

  @Test
  void unicastPeerEqualToTheSourceIsRefused() {
    assertThatThrownBy(() -> lan().unicast(Optional.of("192.168.1.2"), List.of("192.168.1.2")).build())
        .isInstanceOf(InternalException.class).hasMessageContaining("own unicast_src_ip");
  }

  @Test
  void syncGroupOfOneIsRefused() {
    assertThatThrownBy(() -> new SyncGroup("G1", List.of("LAN"), List.of(), Notify.NONE))
        .isInstanceOf(InternalException.class).hasMessageContaining("fewer than 2");
  }

  @Test
  void syncGroupMembersMustExist() {
    SyncGroup group = new SyncGroup("G1", List.of("LAN", "WAN"), List.of(), Notify.NONE);
    assertThatThrownBy(() -> new KeepalivedConf(GlobalDefs.of("gw-a"), List.of(), List.of(lan().build()),
        Optional.of(group)))
        .isInstanceOf(InternalException.class).hasMessageContaining("names instance WAN");
  }

  @Test
  void weightedTrackingInsideASyncGroupIsRefused() {
    VrrpInstance weightedLan = lan().trackInterfaces(List.of(new TrackInterface("wan", OptionalInt.of(-20)))).build();
    VrrpInstance wan = VrrpInstance.builder("WAN", "wan", 52).build();
    SyncGroup group = new SyncGroup("G1", List.of("LAN", "WAN"), List.of(), Notify.NONE);
    assertThatThrownBy(() -> new KeepalivedConf(GlobalDefs.of("gw-a"), List.of(), List.of(weightedLan, wan),
        Optional.of(group)))
        .isInstanceOf(InternalException.class).hasMessageContaining("tracks with a weight (wan)");

    VrrpScript weighted = new VrrpScript("chk", "/bin/true", 2, OptionalInt.empty(), OptionalInt.of(-10),
        OptionalInt.empty(), OptionalInt.empty());
    VrrpInstance scriptLan = lan().trackScripts(List.of("chk")).build();
    assertThatThrownBy(() -> new KeepalivedConf(GlobalDefs.of("gw-a"), List.of(weighted), List.of(scriptLan, wan),
        Optional.of(group)))
        .isInstanceOf(InternalException.class).hasMessageContaining("tracks with a weight (chk)");
  }

  @Test
  void trackedScriptsMustBeDefined() {
    VrrpInstance tracking = lan().trackScripts(List.of("missing")).build();
    assertThatThrownBy(() -> new KeepalivedConf(GlobalDefs.of("gw-a"), List.of(), List.of(tracking),
        Optional.empty()))
        .isInstanceOf(InternalException.class).hasMessageContaining("tracks script missing");
  }

  @Test
  void duplicateInstanceNamesAreRefused() {
    VrrpInstance other = VrrpInstance.builder("LAN", "wan", 52).build();
    assertThatThrownBy(() -> new KeepalivedConf(GlobalDefs.of("gw-a"), List.of(), List.of(lan().build(), other),
        Optional.empty()))
        .isInstanceOf(InternalException.class).hasMessageContaining("share LAN");
  }
}
