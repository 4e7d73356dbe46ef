package io.haprovision.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived.conf as keepalived reads it, on keepalived's own samples and on the syntax's corners. */
class KeepalivedConfReaderTest {
  static String resource(String name) throws IOException {
    try (InputStream in = KeepalivedConfReaderTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void keepalivedsOwnSyncSampleReadsIntoItsBlocks() throws IOException {
    List<ConfNode> top = KeepalivedConfReader.parse(resource("upstream/keepalived.conf.vrrp.scripts"));
    assertThat(top).extracting(ConfNode::keyword)
        .containsExactly("vrrp_sync_group", "vrrp_instance", "vrrp_instance", "vrrp_instance");
    ConfNode group = top.get(0);
    assertThat(group.args()).containsExactly("G1");
    assertThat(group.child("group").orElseThrow().children()).extracting(ConfNode::keyword)
        .containsExactly("VI_2", "VI_3");
    assertThat(group.child("notify_master").orElseThrow().args()).containsExactly("/usr/local/bin/vrrp.mast arg1 arg2");
    ConfNode vi1 = top.get(1);
    assertThat(vi1.args()).containsExactly("VI_1");
    assertThat(vi1.value("priority")).contains("100");
    assertThat(vi1.has("smtp_alert")).isTrue();
    assertThat(vi1.child("authentication").orElseThrow().value("auth_pass")).contains("1111");
    assertThat(vi1.child("virtual_ipaddress").orElseThrow().children()).extracting(ConfNode::keyword)
        .containsExactly("192.168.200.16", "192.168.200.17", "192.168.200.18");
    assertThat(vi1.child("notify_fault").orElseThrow().args()).containsExactly("/usr/local/bin/vrrp.sh  FAULT  VI_1");
    assertThat(vi1.child("notify_fault").orElseThrow().line()).isEqualTo(35);
  }

  @Test
  void globalDefsWithANestedBlockAndFourInstances() throws IOException {
    List<ConfNode> top = KeepalivedConfReader.parse(resource("upstream/keepalived.conf.vrrp"));
    assertThat(top).extracting(ConfNode::keyword).containsExactly("global_defs", "vrrp_instance", "vrrp_instance",
        "vrrp_instance", "vrrp_instance");
    assertThat(top.get(0).value("router_id")).contains("LVS_DEVEL");
    assertThat(top.get(0).child("notification_email").orElseThrow().children()).extracting(ConfNode::keyword)
        .containsExactly("acassen");
    assertThat(top.get(4).value("virtual_router_id")).contains("53");
    assertThat(top.get(1).value("garp_master_delay")).contains("10");
  }

  @Test
  void bracesOnTheNextLineOnOneLineAndCommentsInQuotes() {
    String text = "vrrp_instance LAN\n{\n  unicast_peer { 192.0.2.3 192.0.2.4 }\n"
        + "  virtual_ipaddress {\n    192.0.2.1/24 dev br-lan label br-lan:1 # the gateway\n  }\n"
        + "  notify_master \"/bin/echo # not a comment\" ! a comment\n}\n";
    List<ConfNode> top = KeepalivedConfReader.parse(text);
    assertThat(top).hasSize(1);
    ConfNode lan = top.get(0);
    assertThat(lan.child("unicast_peer").orElseThrow().children()).extracting(ConfNode::keyword)
        .containsExactly("192.0.2.3");
    assertThat(lan.child("unicast_peer").orElseThrow().children().get(0).args()).containsExactly("192.0.2.4");
    assertThat(lan.child("virtual_ipaddress").orElseThrow().children().get(0).args())
        .containsExactly("dev", "br-lan", "label", "br-lan:1");
    assertThat(lan.child("notify_master").orElseThrow().args()).containsExactly("/bin/echo # not a comment");
  }

  @Test
  void unmatchedBracesAreRefusedNamingTheLine() {
    assertThatThrownBy(() -> KeepalivedConfReader.parse("vrrp_instance A {\n  priority 1\n"))
        .hasMessageContaining("'}' missing");
    assertThatThrownBy(() -> KeepalivedConfReader.parse("priority 1\n}\n")).hasMessageContaining("line 2");
  }
}
