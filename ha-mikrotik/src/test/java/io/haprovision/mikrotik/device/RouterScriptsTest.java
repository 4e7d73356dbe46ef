package io.haprovision.mikrotik.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.error.TargetException;
import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.MikrotikTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Change scripts: framing, and telling from the output which command failed and why. */
class RouterScriptsTest {
  private static final List<String> COMMANDS = List.of("/interface bridge add name=b1", "/ip address add address=192.0.2.1/24 interface=b1",
      "/interface vrrp add name=X interface=ether12");

  @Test
  void framesEachCommandOnAnEvenLine() {
    String script = RouterScripts.changes(COMMANDS);
    String[] lines = script.split("\n");
    assertThat(lines[1]).isEqualTo(COMMANDS.get(0));
    assertThat(lines[3]).isEqualTo(COMMANDS.get(1));
    assertThat(lines[5]).isEqualTo(COMMANDS.get(2));
    assertThat(lines[6]).isEqualTo(":put \"@@hap:end\"");
  }

  @Test
  void allRanWhenTheEndFrameIsThere() {
    assertThat(RouterScripts.failure("@@hap:c1\n@@hap:c2\n@@hap:c3\n@@hap:end\n", COMMANDS)).isEmpty();
  }

  @Test
  void runtimeErrorStopsAtTheCommandAfterItsFrame() {
    var f = RouterScripts.failure("@@hap:c1\n@@hap:c2\n@@hap:c3\ninput does not match any value of interface\n", COMMANDS);
    assertThat(f).hasValueSatisfying(x -> {
      assertThat(x.index()).isEqualTo(2);
      assertThat(x.message()).isEqualTo("input does not match any value of interface");
      assertThat(x.nothingRan()).isFalse();
    });
  }

  @Test
  void syntaxErrorRunsNothingAndNamesTheLine() {
    var f = RouterScripts.failure("expected end of command (line 4 column 33)\n", COMMANDS);
    assertThat(f).hasValueSatisfying(x -> {
      assertThat(x.index()).isEqualTo(1);
      assertThat(x.nothingRan()).isTrue();
    });
  }

  @Test
  void errorInsideAFrameBeforeTheEndIsStillAnError() {
    var f = RouterScripts.failure("@@hap:c1\nfailure: already have interface with such name\n@@hap:c2\n@@hap:c3\n@@hap:end\n",
        COMMANDS);
    assertThat(f).hasValueSatisfying(x -> assertThat(x.index()).isZero());
  }

  @Test
  void protocolErrorNamesRouterCommandAndMessage() {
    PairSpec pair = MikrotikTestSupport.example();
    MikrotikProtocol p = new MikrotikProtocol(pair);
    FixtureConnection c = new FixtureConnection(s -> "@@hap:c1\n@@hap:c2\n@@hap:c3\ninput does not match any value of interface\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.run(new io.haprovision.spi.NodeContext("ccr", "ccr-a", c),
        COMMANDS, "applying 3 change(s)", "revert pending"))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("router ccr-a").hasMessageContaining("command 3 of 3")
        .hasMessageContaining("`/interface vrrp add name=X interface=ether12`")
        .hasMessageContaining("RouterOS says \"input does not match any value of interface\"")
        .hasMessageContaining("the 2 command(s) before it were applied; revert pending");
  }

  @Test
  void sectionsAreCutAtFrames() {
    var s = RouterScripts.sections("junk\n@@hap:a\n1\n2\n@@hap:b\n@@hap:end\n");
    assertThat(s).containsEntry("a", "1\n2\n").containsEntry("b", "").containsKey("end").hasSize(3);
  }
}
