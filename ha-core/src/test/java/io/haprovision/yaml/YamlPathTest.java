package io.haprovision.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlPathTest {
  @Test
  void buildsPathsFromKeysAndIndexes() {
    String p = YamlPath.child(YamlPath.index(YamlPath.child(YamlPath.index("pairs", 0), "vrrp"), 1), "virtual_router_id");
    assertThat(p).isEqualTo("pairs[0].vrrp[1].virtual_router_id");
    assertThat(YamlPath.child("", "version")).isEqualTo("version");
  }

  @Test
  void parentStripsOneSegment() {
    assertThat(YamlPath.parent("pairs[0].vrrp.instances[1].virtual_router_id")).isEqualTo("pairs[0].vrrp.instances[1]");
    assertThat(YamlPath.parent("pairs[0].vrrp.instances[1]")).isEqualTo("pairs[0].vrrp.instances");
    assertThat(YamlPath.parent("pairs")).isEmpty();
    assertThat(YamlPath.parent("")).isEmpty();
  }

  @Test
  void quotedKeysSurviveARoundTrip() {
    String p = YamlPath.child(YamlPath.child("node", "interfaces"), "eth0.100");
    assertThat(p).isEqualTo("node.interfaces[\"eth0.100\"]");
    assertThat(YamlPath.segments(p)).containsExactly("node", "interfaces", "eth0.100");
    assertThat(YamlPath.parent(p)).isEqualTo("node.interfaces");
    assertThat(YamlPath.segments("a[2].b")).containsExactly("a", 2, "b");
  }

  @Test
  void onlyWordsWithDashesAndUnderscoresStayPlain() {
    assertThat(YamlPath.child("n", "wan-6_a")).isEqualTo("n.wan-6_a");
    assertThat(YamlPath.child("n", "")).isEqualTo("n[\"\"]");
    assertThat(YamlPath.child("n", "a b")).isEqualTo("n[\"a b\"]");
    assertThat(YamlPath.child("n", "é")).isEqualTo("n[\"é\"]");
    assertThat(YamlPath.child("n", "say \"hi\"")).isEqualTo("n[\"say \\\"hi\\\"\"]");
  }

  @Test
  void onlyDigitsThatFitAnIndexBecomeOne() {
    assertThat(YamlPath.segments("a[12]")).containsExactly("a", 12);
    assertThat(YamlPath.segments("a[x1]")).containsExactly("a", "x1");
    assertThat(YamlPath.segments("a[]")).containsExactly("a", "");
    assertThat(YamlPath.segments("a[99999999999]")).containsExactly("a", "99999999999");
  }
}
