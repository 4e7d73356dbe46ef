package io.haprovision.openwrt.uci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing {@code uci show} output (a sample in the format OpenWrt prints) into states. */
class UciShowTest {

  private static String sample() throws IOException {
    return Files.readString(Path.of("src", "test", "resources", "uci", "uci-show-dhcp.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void parsedSampleMatchesTheGoldenFile() throws IOException {
    UciShow show = UciShow.parse(sample(), "root@192.0.2.2:22");
    StringBuilder sb = new StringBuilder();
    show.sectionTypes().forEach((k, v) -> sb.append("section ").append(k).append(" = ").append(v).append("\n"));
    show.options().forEach((k, v) -> sb.append("option ").append(k).append(" = ").append(show.option(k).fingerprint())
        .append("\n"));
    io.haprovision.openwrt.GoldenAccess.assertMatches(sb.toString(), "uci/uci-show-dhcp.parsed.txt");
  }

  @Test
  void readsQuotesListsAndAnonymousSections() throws IOException {
    UciShow show = UciShow.parse(sample(), "root@192.0.2.2:22");
    assertThat(show.section("dhcp.lan")).isEqualTo(UciSectionState.of("dhcp"));
    assertThat(show.section("dhcp.@dnsmasq[0]")).isEqualTo(UciSectionState.of("dnsmasq"));
    assertThat(show.section("dhcp.guest")).isEqualTo(UciSectionState.absent());
    assertThat(show.option("dhcp.lan.dhcp_option").values()).containsExactly("3,192.0.2.1", "6,192.0.2.1");
    assertThat(show.option("dhcp.lan.dhcp_option").shape()).isEqualTo(UciOptionState.Shape.LIST);
    assertThat(show.option("dhcp.lan.force")).isEqualTo(UciOptionState.shown(List.of("1")));
    assertThat(show.option("dhcp.ha_printer.name").values()).containsExactly("o'reilly's printer");
    assertThat(show.option("dhcp.@dnsmasq[0].domain").values()).containsExactly("lan");
    assertThat(show.option("dhcp.lan.ignore").exists()).isFalse();
  }

  @Test
  void theParsedStateComparesEqualWithTheDesiredResource() throws IOException {
    UciShow show = UciShow.parse(sample(), "root@192.0.2.2:22");
    UciOption options = UciOption.list("dhcp", "lan", "dhcp_option", List.of("3,192.0.2.1", "6,192.0.2.1"));
    assertThat(options.compare(java.util.Optional.of(show.option(options.key()))).changes()).isFalse();
    UciOption force = UciOption.set("dhcp", "lan", "force", "1");
    assertThat(force.compare(java.util.Optional.of(show.option(force.key()))).changes()).isFalse();
  }

  @Test
  void malformedOutputNamesTheNodeAndTheLine() {
    assertThatThrownBy(() -> UciShow.parse("dhcp.lan=dhcp\ndhcp.lan.force='1\n", "root@192.0.2.2:22"))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("root@192.0.2.2:22")
        .hasMessageContaining("line 2")
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> UciShow.parse("uci: Entry not found\n", "root@192.0.2.3:22"))
        .isInstanceOf(TargetException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> UciShow.parse("dhcp.lan.force=1\n", "n"))
        .isInstanceOf(TargetException.class).hasMessageContaining("single quote");
  }
}
