package io.haprovision.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.engine.verify.PingResult;
import io.haprovision.facts.VrrpRole;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.spi.VrrpExpectations.Instance;
import io.haprovision.spi.VrrpExpectations.Vip;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Parsers fed real output recorded on the capture machine (see FactsScenarios). */
class ParsersTest {
  private static final Path DUMPS = Path.of("src", "test", "resources", "facts", "dumps");

  private static String read(String name) throws IOException {
    return Files.readString(DUMPS.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void textDumpWithASyncGroupKeepsTheInstancesApart() throws IOException {
    StateDump dump = StateDump.parseData(read("sync-group-master.data"));
    assertThat(dump.instances()).extracting(InstanceState::name).containsExactly("LAN", "LAN2");
    assertThat(dump.instances()).allSatisfy(i -> {
      assertThat(i.state()).isEqualTo("MASTER");
      assertThat(i.basePriority()).isEqualTo(140);
      assertThat(i.advertInt()).isEqualByComparingTo("0.1");
    });
    assertThat(dump.instance("LAN2").orElseThrow().virtualRouterId()).isEqualTo(52);
    assertThat(dump.instance("LAN2").orElseThrow().vips()).containsExactly("192.0.2.253/24 dev lan scope global set");
  }

  @Test
  void dumpsThatAreNotDumpsAreRefused() {
    assertThatThrownBy(() -> StateDump.parseJson("not json")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateDump.parseJson("{\"a\":1}")).hasMessageContaining("not a JSON array");
    assertThatThrownBy(() -> StateDump.parseData("------< Global definitions >------\n Router ID = x\n"))
        .hasMessageContaining("VRRP Topology");
  }

  @Test
  void pingSummariesOfIputils() throws IOException {
    PingResult ok = PingResult.parse(read("ping-iputils-ok.txt"), 3);
    assertThat(ok.sent()).isEqualTo(3);
    assertThat(ok.received()).isEqualTo(3);
    assertThat(ok.avgMillis()).hasValue(0.046);
    PingResult lost = PingResult.parse(read("ping-iputils-unreachable.txt"), 2);
    assertThat(lost.answered()).isFalse();
    assertThat(lost.lossPercent()).isEqualTo(100.0);
    PingResult none = PingResult.parse("sh: ping: not found\n", 3);
    assertThat(none.sent()).isEqualTo(3);
    assertThat(none.received()).isZero();
    assertThat(PingResult.hasSummary("sh: ping: not found\n")).isFalse();
    // A ping without a count, stopped by SIGINT (rehearse's client pinging through a rollout).
    String interrupted = read("ping-iputils-interrupted.txt");
    assertThat(PingResult.hasSummary(interrupted)).isTrue();
    PingResult stopped = PingResult.parse(interrupted, 0);
    assertThat(stopped.sent()).isEqualTo(6);
    assertThat(stopped.received()).isEqualTo(6);
    assertThat(PingResult.hasSummary(interrupted.substring(0, interrupted.indexOf("---")))).isFalse();
  }

  @Test
  void addressTableCanonicalizesAndHandlesPeerAndLinkSuffixes() {
    AddressTable t = AddressTable.parse(""
        + "7: lan    inet 192.0.2.1/24 scope global lan\\       valid_lft forever preferred_lft forever\n"
        + "7: lan    inet 192.0.2.254/24 scope global secondary lan\\       valid_lft forever preferred_lft forever\n"
        + "9: wg0    inet 10.9.0.1 peer 10.9.0.2/32 scope global wg0\\       valid_lft forever preferred_lft forever\n"
        + "11: eth1@if12    inet6 2001:DB8:0:0::1/64 scope global \\       valid_lft forever preferred_lft forever\n"
        + "Device \"nosuch\" does not exist.\n");
    assertThat(t.has("lan", "192.0.2.254", 24)).isTrue();
    assertThat(t.has("lan", "192.0.2.254", 32)).isFalse();
    assertThat(t.hasAddress("lan", "192.0.2.254")).isTrue();
    assertThat(t.hasAddress("wg0", "10.9.0.1")).isTrue();
    assertThat(t.hasAddress("eth1", "2001:db8::1")).isTrue();
    assertThat(t.hasAddress("lan", "192.0.2.253")).isFalse();
    assertThat(t.of("nosuch")).isEmpty();
  }

  private static final VrrpExpectations TWO_VIPS = new VrrpExpectations(List.of(new Instance("LAN", "br-lan", 51,
      List.of(new Vip("192.0.2.254", 24, "br-lan"), new Vip("192.0.2.53", 24, "br-lan")),
      Map.of("gw-a", 150, "gw-b", 100), BigDecimal.ONE, true)));

  private static KeepalivedProcess running() {
    return new KeepalivedProcess("/usr/sbin/keepalived", "", OptionalInt.empty(), OptionalLong.of(42), "pidof", "");
  }

  private static Optional<StateDump> dump(String state) {
    return Optional.of(new StateDump("json", List.of(new InstanceState("LAN", state, "br-lan", 51, 150, 150,
        BigDecimal.ONE, 2, List.of(), OptionalLong.empty(), OptionalLong.empty()))));
  }

  private static AddressTable bound(String... vips) {
    StringBuilder s = new StringBuilder("3: br-lan    inet 192.0.2.1/24 scope global br-lan\n");
    for (String v : vips) {
      s.append("3: br-lan    inet ").append(v).append("/24 scope global secondary br-lan\n");
    }
    return AddressTable.parse(s.toString());
  }

  @Test
  void theBoundVipsDecideTheRoleAndTheDumpCrossChecksIt() {
    VrrpReading master = VrrpReading.read("gw-a", TWO_VIPS, running(), bound("192.0.2.254", "192.0.2.53"), dump("MASTER"));
    assertThat(master.role()).isEqualTo(VrrpRole.MASTER);
    assertThat(master.conflicts()).isEmpty();

    VrrpReading disagree = VrrpReading.read("gw-a", TWO_VIPS, running(), bound("192.0.2.254", "192.0.2.53"), dump("BACKUP"));
    assertThat(disagree.role()).isEqualTo(VrrpRole.MASTER);
    assertThat(disagree.conflicts()).containsExactly("gw-a LAN: its VIPs are bound but keepalived says BACKUP");

    VrrpReading partial = VrrpReading.read("gw-a", TWO_VIPS, running(), bound("192.0.2.254"), Optional.empty());
    assertThat(partial.role()).isEqualTo(VrrpRole.MASTER);
    assertThat(partial.conflicts()).containsExactly("gw-a LAN: only 1 of its 2 VIPs are bound");

    VrrpReading claims = VrrpReading.read("gw-b", TWO_VIPS, running(), bound(), dump("MASTER"));
    assertThat(claims.role()).isEqualTo(VrrpRole.BACKUP);
    assertThat(claims.conflicts()).containsExactly("gw-b LAN: keepalived says MASTER but none of its VIPs is bound");

    VrrpReading fault = VrrpReading.read("gw-b", TWO_VIPS, running(), bound(), dump("FAULT"));
    assertThat(fault.role()).isEqualTo(VrrpRole.FAULT);

    VrrpReading stray = VrrpReading.read("gw-b", TWO_VIPS, KeepalivedProcess.absent(), bound("192.0.2.254"), dump("MASTER"));
    assertThat(stray.role()).isEqualTo(VrrpRole.UNKNOWN);
    assertThat(stray.conflicts()).containsExactly("gw-b LAN: 1 of its VIPs are bound but keepalived is not running");

    VrrpReading old = VrrpReading.read("gw-b", TWO_VIPS, running(), bound(),
        Optional.of(new StateDump("json", List.of())));
    assertThat(old.conflicts()).containsExactly("gw-b LAN: keepalived runs no instance LAN (an older configuration?)");
  }

  /**
   * A rollout adding a VIP changes the BACKUP first: the untouched MASTER still runs the old
   * list, and binding all of it is all it should do, not a missing VIP.
   */
  @Test
  void aNodeIsJudgedByTheVipsItsKeepalivedRuns() {
    Optional<StateDump> old = Optional.of(new StateDump("json", List.of(new InstanceState("LAN", "MASTER", "br-lan", 51,
        150, 150, BigDecimal.ONE, 2, List.of("192.0.2.254/24 dev br-lan scope global set"), OptionalLong.empty(),
        OptionalLong.empty()))));
    VrrpReading master = VrrpReading.read("gw-a", TWO_VIPS, running(), bound("192.0.2.254"), old);
    assertThat(master.role()).isEqualTo(VrrpRole.MASTER);
    assertThat(master.conflicts()).isEmpty();
    // Without a dump listing VIPs, the inventory's list is the measure.
    assertThat(VrrpReading.read("gw-a", TWO_VIPS, running(), bound("192.0.2.254"), dump("MASTER")).conflicts())
        .containsExactly("gw-a LAN: only 1 of its 2 VIPs are bound");
    // What it runs and does not bind is still caught.
    assertThat(VrrpReading.read("gw-a", TWO_VIPS, running(), bound(), old).conflicts())
        .containsExactly("gw-a LAN: keepalived says MASTER but none of its VIPs is bound");
  }

  @Test
  void withoutExpectationsTheDumpSpeaks() {
    VrrpReading r = VrrpReading.read("bonder-a", VrrpExpectations.none(), running(), bound(), dump("MASTER"));
    assertThat(r.role()).isEqualTo(VrrpRole.MASTER);
    assertThat(VrrpReading.read("x", VrrpExpectations.none(), running(), bound(), Optional.empty()).role())
        .isEqualTo(VrrpRole.UNKNOWN);
  }

  @Test
  void keepalivedCommandLineGivesTheConfigFile() {
    KeepalivedProcess p = new KeepalivedProcess("/usr/sbin/keepalived", "v", OptionalInt.of(37), OptionalLong.of(1),
        "/var/run/keepalived.pid", "/usr/sbin/keepalived -n -f /tmp/keepalived.conf ");
    assertThat(p.configFile()).contains("/tmp/keepalived.conf");
    assertThat(KeepalivedProcess.absent().configFile()).isEmpty();
  }
}
