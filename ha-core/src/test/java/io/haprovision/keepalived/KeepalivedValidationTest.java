package io.haprovision.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeepalivedValidationTest {
  static final String NO_VIP = "(BONDERS) No VIP specified; at least one is sensible\n";

  @Test
  void onlyTheNoVipWarningIsForgivenAndOnlyForVipLessPlatforms() {
    assertThat(KeepalivedValidation.accepts(0, "", false)).isTrue();
    assertThat(KeepalivedValidation.accepts(5, NO_VIP + NO_VIP, true)).isTrue();
    assertThat(KeepalivedValidation.accepts(5, NO_VIP, false)).isFalse();
    assertThat(KeepalivedValidation.accepts(5, NO_VIP + "Sync group G1 has only 1 virtual router(s)\n", true))
        .isFalse();
    assertThat(KeepalivedValidation.accepts(4, NO_VIP, true)).isFalse();
  }
}
