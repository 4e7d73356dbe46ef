package io.haprovision.mikrotik;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The RouterOS version read from a router against the inventory's policy. */
class VersionPolicyTest {
  private static final String PATH = "pairs[0].mikrotik";

  private static VersionPolicy policy(int routerOs, String range, boolean allowUnsupported) {
    return new VersionPolicy(routerOs, VersionRange.parse(range).orElseThrow(), allowUnsupported, PATH);
  }

  @Test
  void parsesWhatRouterOsPrints() {
    RouterOsVersion longTerm = RouterOsVersion.parse("6.44.6 (long-term)").orElseThrow();
    assertThat(longTerm.parts()).containsExactly(6, 44, 6);
    assertThat(longTerm.major()).isEqualTo(6);
    RouterOsVersion rc = RouterOsVersion.parse("7.16rc2").orElseThrow();
    assertThat(rc.parts()).containsExactly(7, 16);
    assertThat(rc.preRelease()).isTrue();
    assertThat(RouterOsVersion.parse("stable").isPresent()).isFalse();
    assertThat(RouterOsVersion.parse("7.15").orElseThrow())
        .isEqualByComparingTo(RouterOsVersion.parse("7.15.0").orElseThrow());
  }

  @Test
  void routerOsSixIsAllowedFrom644To649Only() {
    VersionPolicy six = policy(6, "6.44..6.49", false);
    assertThat(six.refusal("rtr-a", "6.44.6 (long-term)")).isEmpty();
    assertThat(six.refusal("rtr-a", "6.44")).isEmpty();
    assertThat(six.refusal("rtr-a", "6.49.17 (long-term)")).isEmpty();
    assertThat(six.refusal("rtr-a", "6.43.16 (long-term)")).get().asString()
        .contains("rtr-a runs RouterOS 6.43.16 (long-term)")
        .contains("allow_unsupported_version: true")
        .contains("6.44.x to 6.49.x");
    assertThat(six.refusal("rtr-a", "6.50.1")).isPresent();
  }

  @Test
  void routerOsSevenRangeIsConfigurable() {
    VersionPolicy seven = policy(7, "7.12..7", false);
    assertThat(seven.refusal("rtr-b", "7.12 (stable)")).isEmpty();
    assertThat(seven.refusal("rtr-b", "7.18.2 (stable)")).isEmpty();
    assertThat(seven.refusal("rtr-b", "7.11.3 (stable)")).get().asString()
        .contains("7.11.3").contains(PATH + ".versions").contains(PATH + ".allow_unsupported_version");
    VersionPolicy narrow = policy(7, "7.12..7.15", false);
    assertThat(narrow.refusal("rtr-b", "7.15.3")).isEmpty();
    assertThat(narrow.refusal("rtr-b", "7.16")).isPresent();
  }

  @Test
  void overrideAllowsOtherVersionsButNeverAnotherDialect() {
    VersionPolicy allowing = policy(6, "6.44..6.49", true);
    assertThat(allowing.refusal("rtr-a", "6.43.16")).isEmpty();
    assertThat(allowing.refusal("rtr-a", "7.15.3")).get().asString()
        .contains("routeros says 6").contains("set routeros: 7");
    assertThat(allowing.refusal("rtr-a", "unknown")).get().asString().contains("cannot read");
  }

  @Test
  void rangeCoverage() {
    VersionRange six = VersionRange.SUPPORTED_V6;
    assertThat(six.covers(VersionRange.parse("6.45..6.48").orElseThrow())).isTrue();
    assertThat(six.covers(VersionRange.parse("6.44.6..6.49.2").orElseThrow())).isTrue();
    assertThat(six.covers(VersionRange.parse("6.43..6.49").orElseThrow())).isFalse();
    assertThat(six.covers(VersionRange.parse("6.44..6").orElseThrow())).isFalse();
    assertThat(six.covers(VersionRange.parse("6.44..6.50").orElseThrow())).isFalse();
    assertThat(VersionRange.parse("7.12").orElseThrow().contains(RouterOsVersion.parse("7.12.1").orElseThrow())).isTrue();
    assertThat(VersionRange.parse("7.x").isPresent()).isFalse();
  }
}
