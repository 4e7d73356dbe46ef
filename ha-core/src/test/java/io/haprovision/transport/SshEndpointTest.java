package io.haprovision.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.SshSpec;
import io.haprovision.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshEndpointTest {

  @Test
  void anInventoryNodeMapsFieldByField() {
    Secret password = Secret.of("pw-123", "env:PW");
    SshSpec ssh = new SshSpec("admin", 2222, Optional.of(Path.of("/keys/id")), true,
        Optional.of(password), Optional.of(Path.of("/kh")),
        io.haprovision.inventory.HostKeyPolicy.ACCEPT_NEW, Duration.ofSeconds(3),
        Duration.ofSeconds(90), true);
    NodeSpec node = new NodeSpec("gw-a", NodeRole.PRIMARY, "192.0.2.11", ssh, Map.of(),
        "pairs[0].nodes[0]");

    SshEndpoint e = SshEndpoint.of(node);

    assertThat(e.target()).isEqualTo("admin@192.0.2.11:2222");
    assertThat(e.auth()).isEqualTo(new SshAuth(Path.of("/keys/id"), true, null, password));
    assertThat(e.knownHosts()).isEqualTo(Path.of("/kh"));
    assertThat(e.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(e.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(e.commandTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(e.requireStrictKex()).isTrue();
    assertThat(e.toString()).isEqualTo("admin@192.0.2.11:2222").doesNotContain("pw-123");
    assertThat(e.auth().toString()).doesNotContain("pw-123");
  }

  @Test
  void aNodeWithoutLoginSettingsGetsSshsDefaults() {
    SshSpec ssh = new SshSpec("root", 22, Optional.empty(), false, Optional.empty(),
        Optional.empty(), io.haprovision.inventory.HostKeyPolicy.STRICT, Duration.ofSeconds(10),
        Duration.ofSeconds(60), false);
    SshEndpoint e = SshEndpoint.of(new NodeSpec("gw-b", NodeRole.SECONDARY, "gw-b.lan", ssh,
        Map.of(), "pairs[0].nodes[1]"));
    assertThat(e.knownHosts()).isEqualTo(SshEndpoint.defaultKnownHosts());
    assertThat(e.requireStrictKex()).isFalse();
    assertThat(e.auth().identityFile() != null || e.auth().agent()).isTrue();
  }

  @Test
  void targetsBracketIpv6AndValuesAreChecked() {
    SshAuth auth = SshAuth.ofAgent();
    assertThat(SshEndpoint.of("root", "2001:db8::1", auth).target()).isEqualTo("root@[2001:db8::1]:22");
    assertThatThrownBy(() -> SshEndpoint.of("root", "h", auth).withPort(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SshEndpoint.of("root", "h", auth).withTimeouts(Duration.ZERO,
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SshAuth(null, false, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity_file");
  }
}
