package io.haprovision.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.facts.VrrpWire;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What keepalived's own dumps say an instance puts on the wire. The dumps are real: keepalived
 * 2.2.7 (Debian 12) with instance LAN (VRRPv2, PASS, unicast, advert 1 s) and WAN (VRRPv2, no
 * authentication, multicast, advert 2 s); see facts/README.md. Both formats print the password
 * in clear: it is held as a Secret and never printed.
 */
class DumpWireTest {
  private static final Path DUMPS = Path.of("src/test/resources/facts/dumps");

  @Test
  void theJsonDumpGivesVridVersionAdvertAndAuthentication() throws Exception {
    StateDump d = StateDump.parseJson(Files.readString(DUMPS.resolve("auth-pass-unicast.json")));
    check(d);
  }

  @Test
  void theTextDumpGivesTheSame() throws Exception {
    StateDump d = StateDump.parseData(Files.readString(DUMPS.resolve("auth-pass-unicast.data")));
    check(d);
  }

  private static void check(StateDump d) {
    InstanceState lan = d.instance("LAN").orElseThrow();
    InstanceState wan = d.instance("WAN").orElseThrow();
    VrrpWire lanWire = lan.wire(Optional.of(true));
    assertThat(lanWire.virtualRouterId()).isEqualTo(51);
    assertThat(lanWire.version()).isEqualTo(2);
    assertThat(lanWire.advertInt()).contains(BigDecimal.ONE);
    assertThat(lanWire.authType()).isEqualTo(VrrpWire.AUTH_PASS);
    assertThat(lanWire.password()).hasValueSatisfying(p -> assertThat(p.reveal()).isEqualTo("s3cretpw"));
    VrrpWire wanWire = wan.wire(Optional.of(false));
    assertThat(wanWire.authType()).isEqualTo(VrrpWire.AUTH_NONE);
    assertThat(wanWire.password()).isEmpty();
    assertThat(wanWire.advertInt()).contains(new BigDecimal("2"));
    assertThat(lanWire.differences(wanWire)).contains("VRID 51 -> 52", "advert_int 1 s -> 2 s",
        "authentication PASS -> none", "unicast -> multicast");
    for (Object shown : new Object[] {lan, lanWire, d}) {
      assertThat(String.valueOf(shown)).doesNotContain("s3cretpw");
    }
  }

  @Test
  void theKeepalivedProbeReadsWhichInstancesSendUnicast() {
    var out = new io.haprovision.spi.ProbeOutput("keepalived", "root@gw:22", "binary=/usr/sbin/keepalived\npid=6\n"
        + "pid_source=/run/keepalived.pid\ncmdline=keepalived -f /etc/keepalived/keepalived.conf\n"
        + "instance=LAN\nunicast=LAN\ninstance=WAN\n", "", 0);
    KeepalivedProcess p = NodeProbes.parseKeepalived(out);
    assertThat(p.unicastOf("LAN")).contains(true);
    assertThat(p.unicastOf("WAN")).contains(false);
    assertThat(p.unicastOf("DMZ")).isEmpty();
  }
}
