package io.haprovision.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InterfaceAddressTest {
  @Test
  void ipv4NetworkAndMembership() {
    InterfaceAddress a = InterfaceAddress.parse("198.51.100.2/24").orElseThrow();
    assertThat(a.cidr()).isEqualTo("198.51.100.2/24");
    assertThat(a.network()).isEqualTo("198.51.100.0/24");
    assertThat(a.contains("198.51.100.254")).isTrue();
    assertThat(a.contains("198.51.101.1")).isFalse();
    assertThat(a.contains("2001:db8::1")).isFalse();
    assertThat(InterfaceAddress.parse("203.0.113.3/29").orElseThrow().network()).isEqualTo("203.0.113.0/29");
    assertThat(InterfaceAddress.parse("203.0.113.3/29").orElseThrow().contains("203.0.113.8")).isFalse();
  }

  @Test
  void ipv6IsCanonicalAndMasked() {
    InterfaceAddress a = InterfaceAddress.parse("2001:DB8:0:0:0:0:0:2/64").orElseThrow();
    assertThat(a.address()).isEqualTo("2001:db8::2");
    assertThat(a.network()).isEqualTo("2001:db8::/64");
    assertThat(a.contains("2001:db8::ffff")).isTrue();
    assertThat(a.contains("2001:db9::1")).isFalse();
    assertThat(a.isIpv4()).isFalse();
  }

  @Test
  void rejectsWhatIsNotAddressWithPrefix() {
    assertThat(InterfaceAddress.parse("198.51.100.2")).isEmpty();
    assertThat(InterfaceAddress.parse("198.51.100.2/33")).isEmpty();
    assertThat(InterfaceAddress.parse("host/24")).isEmpty();
    assertThat(InterfaceAddress.parse("198.51.100.2/x")).isEmpty();
    assertThatThrownBy(() -> new InterfaceAddress("::1", 129)).isInstanceOf(IllegalArgumentException.class);
  }
}
