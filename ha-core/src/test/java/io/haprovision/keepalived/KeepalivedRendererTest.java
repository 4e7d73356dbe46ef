package io.haprovision.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeepalivedRendererTest {

  @Test
  void unicastV2WithPassAuthMatchesGolden() {
    Golden.assertMatches(KeepalivedRenderer.render(SampleConfs.unicastV2WithAuth()), "unicast-v2-auth.conf");
  }

  @Test
  void multicastV3AtATenthOfASecondMatchesGolden() {
    Golden.assertMatches(KeepalivedRenderer.render(SampleConfs.multicastV3Fast()), "multicast-v3-fast.conf");
  }

  @Test
  void syncGroupOfTwoMatchesGolden() {
    Golden.assertMatches(KeepalivedRenderer.render(SampleConfs.syncGroupOfTwo()), "sync-group.conf");
  }

  @Test
  void bonderWithoutVipsMatchesGolden() {
    Golden.assertMatches(KeepalivedRenderer.render(SampleConfs.bonderNoVip()), "bonder-no-vip.conf");
  }

  @Test
  void renderingIsDeterministic() {
    KeepalivedConf conf = SampleConfs.syncGroupOfTwo();
    assertThat(KeepalivedRenderer.render(conf)).isEqualTo(KeepalivedRenderer.render(SampleConfs.syncGroupOfTwo()));
  }

  @Test
  void passwordIsRevealedOnlyInTheRenderedFile() {
    KeepalivedConf conf = SampleConfs.unicastV2WithAuth();
    assertThat(conf.holdsSecret()).isTrue();
    assertThat(KeepalivedRenderer.render(conf)).contains("auth_pass s3cr3tpw\n");
    assertThat(conf.toString()).doesNotContain("s3cr3tpw").contains("******");
  }

  @Test
  void confWithoutAuthenticationHoldsNoSecret() {
    assertThat(SampleConfs.syncGroupOfTwo().holdsSecret()).isFalse();
    assertThat(SampleConfs.bonderNoVip().holdsSecret()).isFalse();
  }

  @Test
  void advertIntervalIsRenderedPlain() {
    assertThat(KeepalivedRenderer.render(SampleConfs.unicastV2WithAuth())).contains("    advert_int 1\n");
    assertThat(KeepalivedRenderer.render(SampleConfs.multicastV3Fast())).contains("    advert_int 0.1\n");
  }

  @Test
  void scriptSecurityOnlyWhenScriptsRun() {
    String noScripts = KeepalivedRenderer.render(SampleConfs.unicastV2WithAuth());
    assertThat(noScripts).doesNotContain("enable_script_security").doesNotContain("script_user");

    String trackScript = KeepalivedRenderer.render(SampleConfs.bonderNoVip());
    assertThat(trackScript).contains("    enable_script_security\n    script_user root\n");

    // A notify command alone (no vrrp_script) needs script security as well.
    KeepalivedConf notifyOnly = SampleConfs.unicastV2WithAuth();
    VrrpInstance withNotify = notifyOnly.instances().get(0).toBuilder()
        .notifyCommands(Notify.generic("/usr/local/bin/notify")).build();
    KeepalivedConf conf = new KeepalivedConf(notifyOnly.globalDefs(), List.of(), List.of(withNotify), Optional.empty());
    assertThat(conf.runsScripts()).isTrue();
    assertThat(KeepalivedRenderer.render(conf)).contains("enable_script_security");
  }

  @Test
  void emptyVipListLeavesTheBlockOut() {
    assertThat(KeepalivedRenderer.render(SampleConfs.bonderNoVip())).doesNotContain("virtual_ipaddress");
  }

  @Test
  void notifyCommandsAreQuotedWhole() {
    String text = KeepalivedRenderer.render(SampleConfs.syncGroupOfTwo());
    assertThat(text).contains("    notify_master \"/usr/libexec/ha/role master\"\n");
    assertThat(KeepalivedRenderer.render(SampleConfs.bonderNoVip()))
        .contains("    notify \"/usr/local/lib/ha-provision/bonder-notify\"\n");
  }
}
