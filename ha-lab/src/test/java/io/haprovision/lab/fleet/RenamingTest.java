package io.haprovision.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names and addresses of a simulated pair, both ways, whole words only. */
class RenamingTest {
  static FleetRecording recording(List<FleetRecording.RecordedNode> nodes) {
    return new FleetRecording("test", "p1", "P1", List.of("198.19.1", "203.0.113"), nodes,
        JsonNodeFactory.instance.objectNode());
  }

  static FleetRecording recording() {
    return recording(List.of(
        new FleetRecording.RecordedNode("p1-a", "sh -s", "", "", "", 0, Map.of()),
        new FleetRecording.RecordedNode("p1-b", "sh -s", "", "", "", 0, Map.of())));
  }

  @Test
  void namesAndAddressesOfPairSeven() {
    Renaming r = Renaming.of(recording(), 7);
    String recorded = "router_id p1-a\nvrrp_sync_group P1 {\n  unicast_peer 198.19.1.3\n"
        + "  virtual_ipaddress { 203.0.113.4/29 dev wan }\nlock.p1 owed-handlers.p1.p1-b (pair p1) p1-client\n";
    String virtual = r.toVirtual(recorded);
    assertThat(virtual).isEqualTo("router_id f0007-a\nvrrp_sync_group F0007 {\n  unicast_peer 10.0.7.3\n"
        + "  virtual_ipaddress { 10.4.7.4/29 dev wan }\nlock.f0007 owed-handlers.f0007.f0007-b (pair f0007)"
        + " f0007-client\n");
    assertThat(r.toRecorded(virtual)).isEqualTo(recorded);
  }

  @Test
  void leavesOtherWordsAndNumbersAlone() {
    Renaming r = Renaming.of(recording(), 300);
    String text = "p10-a xp1 p1x 127.0.0.1 198.19.10.2 198.19.1 Keepalived v2.2.7 1:2.2.7-1+b2 kernel=6.1.0-28"
        + " 198.19.1.25/24 sha256=0123456789abcdef p1_a";
    assertThat(r.toVirtual(text)).isEqualTo("p10-a xp1 p1x 127.0.0.1 198.19.10.2 198.19.1 Keepalived v2.2.7"
        + " 1:2.2.7-1+b2 kernel=6.1.0-28 10.1.44.25/24 sha256=0123456789abcdef p1_a");
    assertThat(Renaming.pairName(300)).isEqualTo("f0300");
  }

  @Test
  void everyPairGetsItsOwnAddresses() {
    FleetRecording rec = recording();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int k = 1; k <= Renaming.MAX_PAIRS; k++) {
      Renaming r = Renaming.of(rec, k);
      assertThat(seen.add(r.toVirtual("198.19.1.2"))).isTrue();
      assertThat(seen.add(r.toVirtual("203.0.113.2"))).isTrue();
    }
    assertThatThrownBy(() -> Renaming.of(rec, Renaming.MAX_PAIRS + 1)).hasMessageContaining("outside 1..1023");
  }
}
