package io.haprovision.openwrt.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who serves DHCP, judged from {@code dhcp.SECTION.ignore} on both nodes. */
class DhcpServingTest {
  private static Map<String, Map<String, Optional<String>>> ignore(Optional<String> master, Optional<String> backup) {
    return Map.of("gw-a", Map.of("lan", master), "gw-b", Map.of("lan", backup));
  }

  @Test
  void theMasterServesWithIgnoreUnsetOrZeroAndTheBackupIgnores() {
    assertThat(DhcpServing.problems("gw-a", "gw-b", ignore(Optional.empty(), Optional.of("1")), List.of("lan"), true))
        .isEmpty();
    assertThat(DhcpServing.problems("gw-a", "gw-b", ignore(Optional.of("0"), Optional.of("1")), List.of("lan"), true))
        .isEmpty();
  }

  @Test
  void everyWrongNodeAndInterfaceIsNamed() {
    assertThat(DhcpServing.problems("gw-a", "gw-b", ignore(Optional.of("1"), Optional.empty()), List.of("lan"), false))
        .containsExactly(
            "gw-a (MASTER) does not serve DHCP on lan: dhcp.lan.ignore is '1', expected 0 or unset",
            "gw-b (BACKUP) serves DHCP on lan: dhcp.lan.ignore is unset, expected 1",
            "gw-a (MASTER) runs no dnsmasq, so nobody serves DHCP");
  }
}
