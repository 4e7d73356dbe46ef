package io.haprovision.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replay's mechanics on a small recording in the probe's wire format (the real recording is
 * replayed against the engine in ha-openwrt's FleetLabTest): the recorded answer, renamed, under
 * the script's nonce, with the hashes of renamed files; anything else refused.
 */
class ProbeReplayTest {
  private static final String NONCE = "0123456789abcdef";

  private static String script(String nonce, String node, String pair) {
    return "# ha-provision probe: 2 sections\n"
        + "ha_begin() { printf '@@ha-%s begin %s@@\\n' " + nonce + " \"$1\"; }\n"
        + "ha_begin sys\n(\nuname -n\n) </dev/null\nha_end sys \"$?\"\n"
        + "ha_begin r1\n(\nf=/etc/keepalived/keepalived.conf\nh=$(sha256sum < \"$f\") || exit 2\n"
        + "echo \"sha256=${h%% *}\"\n) </dev/null\nha_end r1 \"$?\"\n"
        + "ha_begin owed\n(\ncat /var/run/ha-provision/owed-handlers." + pair + "." + node + "\n) </dev/null\n"
        + "ha_end owed \"$?\"\n";
  }

  private static String stdout(String nonce, String node, String hash) {
    return "@@ha-" + nonce + " begin sys@@\nhostname=" + node + "\n\n@@ha-" + nonce + " end sys 0@@\n"
        + "@@ha-" + nonce + " begin r1@@\ntype=file\nsha256=" + hash + "\n\n@@ha-" + nonce + " end r1 0@@\n"
        + "@@ha-" + nonce + " begin owed@@\n\n@@ha-" + nonce + " end owed 0@@\n";
  }

  private static final String CONF = "vrrp_instance LAN {\n  unicast_src_ip 198.19.1.2\n}\n# node p1-a\n";

  private static FleetRecording recording() {
    return RenamingTest.recording(List.of(
        new FleetRecording.RecordedNode("p1-a", "sh -s", script(NONCE, "p1-a", "p1"), stdout(NONCE, "p1-a",
            sha256(CONF)), "", 0, Map.of("/etc/keepalived/keepalived.conf", CONF)),
        new FleetRecording.RecordedNode("p1-b", "sh -s", script(NONCE, "p1-b", "p1"), stdout(NONCE, "p1-b", "x"),
            "", 0, Map.of())));
  }

  @Test
  void theRecordedProbeOfAnotherPairGetsTheRecordedAnswerRenamed() {
    ProbeReplay replay = new ProbeReplay(recording());
    String nonce = "fedcba9876543210";
    ProbeReplay.Answer a = replay.answer(0, Renaming.of(recording(), 42), "sh -s", script(nonce, "f0042-a", "f0042"));
    String conf = "vrrp_instance LAN {\n  unicast_src_ip 10.0.42.2\n}\n# node f0042-a\n";
    assertThat(a.exit()).isZero();
    assertThat(a.stdout()).isEqualTo(stdout(nonce, "f0042-a", sha256(conf)));
    assertThat(a.stdout()).doesNotContain(NONCE).doesNotContain(sha256(CONF));
  }

  @Test
  void anythingElseIsRefusedWithTheFirstDifference() {
    ProbeReplay replay = new ProbeReplay(recording());
    Renaming r = Renaming.of(recording(), 42);
    ProbeReplay.Answer otherNode = replay.answer(0, r, "sh -s", script("fedcba9876543210", "f0042-b", "f0042"));
    assertThat(otherNode.exit()).isEqualTo(ProbeReplay.REFUSED);
    assertThat(otherNode.stderr()).contains("line 17").contains("owed-handlers.p1.p1-b")
        .contains("owed-handlers.p1.p1-a");
    assertThat(replay.answer(1, r, "uci commit", "").stderr()).contains("command 'uci commit' was not recorded");
    assertThat(replay.answer(1, r, "sh -s", "echo hi\n").stderr()).contains("no probe nonce");
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
