package io.haprovision.mikrotik.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.MikrotikTestSupport;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The paste-in script for a factory-reset router. */
class BootstrapScriptTest {
  @Test
  void givesTheRouterItsHaAddressAndTheSshUser() {
    PairSpec pair = MikrotikTestSupport.example();
    String s = BootstrapScript.script(pair, pair.secondary(), Optional.of("ssh-ed25519 AAAAC3Nza test@host"));
    MikrotikTestSupport.assertGolden(s, "device/bootstrap-v7-ccr-b.txt");
    assertThat(s).contains("/ip address add address=198.18.23.2/24 interface=bridge-ether8")
        .contains("/user ssh-keys add user=ha-provision key=\"ssh-ed25519 AAAAC3Nza test@host\"")
        .contains("00:00:5E:00:53:02");
    String six = BootstrapScript.script(MikrotikTestSupport.exampleOnSix(), pair.primary(), Optional.empty());
    assertThat(six).contains("/user ssh-keys import public-key-file=key.pub");
  }
}
