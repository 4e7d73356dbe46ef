package io.haprovision.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeepalivedSyntaxTest {

  @Test
  void namesAreSingleTokens() {
    assertThat(KeepalivedSyntax.nameProblem("br-lan:dns")).isEmpty();
    assertThat(KeepalivedSyntax.nameProblem("eth0.10")).isEmpty();
    assertThat(KeepalivedSyntax.nameProblem("LAN }")).isPresent();
    assertThat(KeepalivedSyntax.nameProblem("a".repeat(65))).isPresent();
    assertThat(KeepalivedSyntax.nameProblem(null)).isPresent();
  }

  @Test
  void addressesTakeAnOptionalPrefix() {
    assertThat(KeepalivedSyntax.addressProblem("192.0.2.1")).isEmpty();
    assertThat(KeepalivedSyntax.addressProblem("192.0.2.1/24")).isEmpty();
    assertThat(KeepalivedSyntax.addressProblem("2001:db8::1/64")).isEmpty();
    assertThat(KeepalivedSyntax.addressProblem("gateway")).isPresent();
  }

  @Test
  void commandsMustBeAbsoluteAndQuotable() {
    assertThat(KeepalivedSyntax.commandProblem("/usr/libexec/ha/role master")).isEmpty();
    assertThat(KeepalivedSyntax.commandProblem("role master")).hasValueSatisfying(
        why -> assertThat(why).contains("absolute path"));
    assertThat(KeepalivedSyntax.commandProblem("/bin/sh -c \"x\"")).hasValueSatisfying(
        why -> assertThat(why).contains("cannot carry"));
    assertThat(KeepalivedSyntax.commandProblem("/bin/true\nvrrp_instance X {")).isPresent();
  }

  @Test
  void passwordProblemsNeverQuoteThePassword() {
    assertThat(KeepalivedSyntax.passwordProblem("abcdefgh")).isEmpty();
    assertThat(KeepalivedSyntax.passwordProblem("abcdefghi")).hasValueSatisfying(
        why -> assertThat(why).doesNotContain("abcdefghi").contains("8"));
    assertThat(KeepalivedSyntax.passwordProblem("with space")).hasValueSatisfying(
        why -> assertThat(why).doesNotContain("with space"));
  }
}
