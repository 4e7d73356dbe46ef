package io.haprovision.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.resource.DigestKey;
import io.haprovision.error.InternalException;
import io.haprovision.resource.FileState;
import io.haprovision.resource.PackageState;
import io.haprovision.resource.ResourceId;
import org.junit.jupiter.api.Test;

class NodeFactsTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  private static final ResourceId CONF = new ResourceId("file", "/etc/keepalived/keepalived.conf");
  private static final ResourceId PKG = new ResourceId("package", "keepalived");

  @Test
  void emptyNodeHasNothingAndNoRole() {
    NodeFacts empty = NodeFacts.empty("gw-a");
    assertThat(empty.state(CONF)).isEmpty();
    assertThat(empty.vrrpRole()).isEqualTo(VrrpRole.UNKNOWN);
    assertThat(empty.keepalived()).isEqualTo(new KeepalivedStatus(false, false));
  }

  @Test
  void digestIgnoresInsertionOrderAndFetchedContent() {
    FileState conf = FileState.present("aa11", "0644", "root", "root");
    NodeFacts one = NodeFacts.empty("gw-a").with(CONF, conf).with(PKG, PackageState.installed("2.2.8"));
    NodeFacts other = NodeFacts.empty("gw-a").with(PKG, PackageState.installed("2.2.8")).with(CONF, conf);
    NodeFacts fetched = one.with(CONF, conf.withContent("vrrp_instance LAN {}\n"));
    assertThat(one.digest(KEY)).hasSize(64).isEqualTo(other.digest(KEY)).isEqualTo(fetched.digest(KEY));
  }

  @Test
  void digestChangesWithAnythingAPlanDependsOn() {
    NodeFacts base = NodeFacts.empty("gw-a").with(CONF, FileState.present("aa11", "0644", "root", "root"));
    assertThat(base.with(CONF, FileState.present("bb22", "0644", "root", "root")).digest(KEY)).isNotEqualTo(base.digest(KEY));
    assertThat(base.with(CONF, FileState.present("aa11", "0600", "root", "root")).digest(KEY)).isNotEqualTo(base.digest(KEY));
    assertThat(base.withVrrpRole(VrrpRole.MASTER).digest(KEY)).isNotEqualTo(base.digest(KEY));
    assertThat(base.withKeepalived(new KeepalivedStatus(true, true)).digest(KEY)).isNotEqualTo(base.digest(KEY));
    assertThat(base.with(PKG, PackageState.installed("2.2.8")).digest(KEY)).isNotEqualTo(base.digest(KEY));
  }

  @Test
  void factsAreImmutable() {
    NodeFacts base = NodeFacts.empty("gw-a");
    NodeFacts more = base.with(PKG, PackageState.missing());
    assertThat(base.resources()).isEmpty();
    assertThat(more.resources()).containsKey(PKG);
    assertThatThrownBy(() -> more.resources().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void lookupFindsNodesByPairAndRefusesUnknownOnes() {
    FactsLookup lookup = FactsLookup.builder()
        .add("office", NodeFacts.empty("gw-a").withVrrpRole(VrrpRole.MASTER))
        .add("branch", NodeFacts.empty("gw-a").withVrrpRole(VrrpRole.BACKUP))
        .build();
    assertThat(lookup.factsFor("office", "gw-a").vrrpRole()).isEqualTo(VrrpRole.MASTER);
    assertThat(lookup.factsFor("branch", "gw-a").vrrpRole()).isEqualTo(VrrpRole.BACKUP);
    assertThatThrownBy(() -> lookup.factsFor("office", "gw-b")).isInstanceOf(InternalException.class)
        .hasMessageContaining("gw-b").hasMessageContaining("office");
    assertThat(FactsLookup.offline().factsFor("any", "gw-z")).isEqualTo(NodeFacts.empty("gw-z"));
  }
}
