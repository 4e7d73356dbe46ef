package io.haprovision.openwrt.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /etc/sysupgrade.conf} read with {@code sysupgrade -l}'s rules. */
class SysupgradeConfTest {
  /** OpenWrt's default file (comments only) with lines appended, as ha-provision writes them. */
  private static final String SAMPLE = """
      ## This file contains files and directories that should
      ## be preserved during an upgrade.

      # /etc/example.conf
      # /etc/openvpn/
      /usr/libexec/ha-provision/
      /etc/keepalived/
      /etc/dropbear/authorized_keys
      \t/etc/wire*/  /root/notes.txt
      """;

  @Test
  void directoriesKeepEverythingUnderThemAndCommentsKeepNothing() {
    SysupgradeConf conf = SysupgradeConf.parse(SAMPLE);
    assertThat(conf.entries()).containsExactly("/usr/libexec/ha-provision/", "/etc/keepalived/",
        "/etc/dropbear/authorized_keys", "/etc/wire*/", "/root/notes.txt");
    assertThat(conf.keeps("/etc/keepalived/keepalived.conf")).isTrue();
    assertThat(conf.keeps("/etc/keepalived")).isTrue();
    assertThat(conf.keeps("/usr/libexec/ha-provision/role-hook")).isTrue();
    assertThat(conf.keeps("/etc/wireguard/wg0.key")).as("wildcard in one component").isTrue();
    assertThat(conf.keeps("/root/notes.txt")).isTrue();
    assertThat(conf.keeps("/etc/keepalived-old/x")).as("a prefix of a name is not a directory").isFalse();
    assertThat(conf.keeps("/etc/example.conf")).as("commented out").isFalse();
    assertThat(conf.keeps("/etc/openvpn/client.conf")).isFalse();
    assertThat(conf.lost(List.of("/etc/conntrackd/conntrackd.conf", "/etc/keepalived/keepalived.conf",
        "/etc/ha-provision/lease-sync.key"))).containsExactly("/etc/conntrackd/conntrackd.conf",
            "/etc/ha-provision/lease-sync.key");
  }

  @Test
  void anEmptyOrMissingFileKeepsNothingAndSlashKeepsAll() {
    assertThat(SysupgradeConf.parse("").lost(List.of("/etc/a"))).containsExactly("/etc/a");
    assertThat(SysupgradeConf.parse("/\n").keeps("/etc/a")).isTrue();
    assertThat(SysupgradeConf.parse("/etc/[ab]x\n").keeps("/etc/bx")).isTrue();
    assertThat(SysupgradeConf.parse("/etc/[!ab]x\n").keeps("/etc/bx")).isFalse();
  }
}
