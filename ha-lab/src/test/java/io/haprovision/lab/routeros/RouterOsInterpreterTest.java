package io.haprovision.lab.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * The interpreter, print and export formats and RouterOS's error messages, per dialect, as
 * golden transcripts (fixtures {@code session-*.rsc}, {@code errors-*.rsc}; regenerate with
 * {@code -Dgolden.update=true} and review the diff).
 */
class RouterOsInterpreterTest {

  @Test
  void sessionV7() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V7))) {
      Golden.assertMatches(Sessions.GOLDEN.resolve("session-v7.txt"),
          Sessions.transcript(lab.a(), Sessions.FIXTURES.resolve("session-v7.rsc")));
    }
  }

  @Test
  void sessionV6() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V6))) {
      Golden.assertMatches(Sessions.GOLDEN.resolve("session-v6.txt"),
          Sessions.transcript(lab.a(), Sessions.FIXTURES.resolve("session-v6.rsc")));
    }
  }

  @Test
  void errorsV6() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V6))) {
      Golden.assertMatches(Sessions.GOLDEN.resolve("errors-v6.txt"),
          Sessions.transcript(lab.a(), Sessions.FIXTURES.resolve("errors-v6.rsc")));
    }
  }

  @Test
  void errorsV7() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V7))) {
      Golden.assertMatches(Sessions.GOLDEN.resolve("errors-v7.txt"),
          Sessions.transcript(lab.a(), Sessions.FIXTURES.resolve("errors-v7.rsc")));
    }
  }

  @Test
  void syntaxErrorNamesLineAndColumnAndRunsNothing() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V6))) {
      SimulatedRouter a = lab.a();
      assertThat(a.console("/system identity set name=x\n/interface vrrp add name=v interface=ether1 group-master=y"))
          .isEqualTo("expected end of command (line 2 column 45)\n");
      assertThat(a.console(":put [/system identity get name]")).isEqualTo("MikroTik\n");
      assertThat(a.console("/interface bridge add name=a; /interface bridgee print"))
          .isEqualTo("bad command name bridgee (line 1 column 42)\n");
      assertThat(a.console(":put [:len [/interface bridge find]]")).isEqualTo("0\n");
    }
  }

  @Test
  void relativeCommandsRunInTheMenuOfTheLastPathLine() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V7))) {
      SimulatedRouter a = lab.a();
      a.console("/interface bridge\nadd name=b1\nadd name=b2 comment=\"two words\"\n/ip address\n"
          + "add address=192.0.2.1/24 interface=b1\n");
      assertThat(a.console("/interface bridge print terse")).isEqualTo(
          " 0   name=b1 fast-forward=yes protocol-mode=rstp comment= disabled=no\n"
              + " 1   name=b2 fast-forward=yes protocol-mode=rstp comment=two words disabled=no\n");
      assertThat(a.console("/ip address print as-value")).contains("address=192.0.2.1/24;network=192.0.2.0;interface=b1");
    }
  }

  @Test
  void renamingAnInterfaceKeepsItsBridgePortAddressAndVrrp() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V7))) {
      SimulatedRouter a = lab.a();
      a.console("/interface bridge add name=br\n/interface bridge port add interface=ether8 bridge=br\n"
          + "/ip address add address=192.0.2.1/24 interface=br\n/interface vrrp add name=v1 interface=br\n"
          + "/interface bonding add name=bond1 slaves=ether1,ether2");
      assertThat(a.console("/interface set br name=ha-bridge; /interface ethernet set ether1 name=uplink")).isEmpty();
      assertThat(a.console("/interface bridge port print as-value")).contains("interface=ether8;bridge=ha-bridge;");
      assertThat(a.console(":put [/ip address get [find] interface]")).isEqualTo("ha-bridge\n");
      assertThat(a.console(":put [/interface vrrp get v1 interface]")).isEqualTo("ha-bridge\n");
      assertThat(a.console(":put [/interface bonding get bond1 slaves]")).isEqualTo("uplink,ether2\n");
      assertThat(a.exportTerse()).contains("/interface ethernet set [ find default-name=ether1 ] name=uplink\n");
      assertThat(a.vrrpRole("v1")).isEqualTo("master");
    }
  }

  @Test
  void doWithoutOnErrorStopsTheScriptAndImportReportsTheFailingLine() {
    try (RouterOsLab lab = RouterOsLab.start(Sessions.spec(RouterOsDialect.V6))) {
      SimulatedRouter a = lab.a();
      assertThat(a.console(":do { :put before; /interface ethernet set ether99 comment=x }\n:put after"))
          .isEqualTo("before\nno such item\n");
      a.console("/file print file=bad\n/file set bad.txt contents=\":put one\\n/ip address add address=192.0.2.1/24"
          + " interface=ether99\\n:put two\\n\"");
      assertThat(a.console("/import file-name=bad.txt\n:put after")).isEqualTo("one\ninput does not match any value of interface\n");
    }
  }
}
