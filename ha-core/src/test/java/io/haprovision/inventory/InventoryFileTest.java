package io.haprovision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.error.InventoryException;
import io.haprovision.secret.Secret;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Loading a file holding every key of docs/inventory.md (src/test/resources/inventory/full). */
class InventoryFileTest {
  private static final Map<String, String> ENV = Map.of("SSH_PASS", "ssh-pw-1", "API_PASS", "api-pw-1");

  private static Path file() throws Exception {
    return Path.of(InventoryFileTest.class.getResource("/inventory/full/inventory.yml").toURI());
  }

  private static Inventory load() throws Exception {
    return new InventoryLoader().withEnvironment(ENV).withHomeDir(Path.of("/home/tester")).load(file());
  }

  @Test
  void bindsEveryDocumentedKey() throws Exception {
    Path file = file();
    Inventory inv = load();
    assertThat(inv.source()).isEqualTo(file);
    PairSpec pair = inv.pair("office").orElseThrow();

    SshSpec a = pair.primary().ssh();
    assertThat(a.port()).isEqualTo(22);
    assertThat(a.identityFile()).contains(file.getParent().resolve("keys/id_ed25519"));
    assertThat(a.knownHosts()).contains(Path.of("/home/tester/.ssh/known_hosts"));
    assertThat(a.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(a.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(a.requireStrictKex()).isTrue();
    SshSpec b = pair.secondary().ssh();
    assertThat(b.port()).isEqualTo(2222);
    assertThat(b.agent()).isTrue();
    assertThat(b.password()).map(Secret::reveal).contains("ssh-pw-1");
    assertThat(b.requireStrictKex()).isFalse();

    VrrpInstanceSpec lan = pair.vrrp().instance("LAN").orElseThrow();
    assertThat(lan.segment()).isEqualTo("office-lan");
    assertThat(lan.vips()).extracting(VipSpec::cidr).containsExactly("198.51.100.1/24", "198.51.100.53/24");
    assertThat(lan.vips().get(1).label()).contains("br-lan:dns");
    assertThat(lan.nodes().map(InstanceNodeSettings::priority)).isEqualTo(new PerNode<>(200, 90));
    assertThat(lan.preemptDelay()).isEqualTo(10);
    assertThat(lan.nodes().map(InstanceNodeSettings::state)).isEqualTo(new PerNode<>(VrrpState.BACKUP, VrrpState.BACKUP));
    assertThat(lan.garp()).isEqualTo(new GarpSpec(Optional.of(1), Optional.of(5), Optional.of(0)));
    assertThat(lan.trackInterfaces()).containsExactly(new TrackInterfaceSpec("wan", Optional.empty()));
    assertThat(lan.trackScripts()).containsExactly("dns_up");
    assertThat(lan.notifications().stop()).contains("/usr/libexec/ha/role stop");
    VrrpAuth auth = lan.nodes().primary().auth().value().orElseThrow();
    assertThat(auth.password().reveal()).isEqualTo("lan-pw1");
    assertThat(auth.password().origin()).isEqualTo("file:" + file.getParent().resolve("secrets/vrrp.pass"));

    VrrpInstanceSpec wan = pair.vrrp().instance("WAN").orElseThrow();
    assertThat(wan.transport()).isEqualTo(new Multicast("224.0.0.18"));
    assertThat(wan.nodes().secondary().version().value()).isEqualTo(3);
    assertThat(wan.nodes().secondary().advertInt().value()).isEqualByComparingTo(new BigDecimal("0.5"));
    assertThat(wan.nodes().secondary().auth().value()).isEmpty();
    assertThat(wan.virtualRoutes()).containsExactly(new VirtualRouteSpec("0.0.0.0/0", Optional.of("203.0.113.1"),
        Optional.of("wan"), Optional.of("203.0.113.6")));

    VrrpInstanceSpec guest = pair.vrrp().instance("GUEST").orElseThrow();
    assertThat(guest.trackInterfaces()).containsExactly(new TrackInterfaceSpec("wan", Optional.of(-20)));
    assertThat(guest.trackScripts()).containsExactly("wan_ping");

    TrackScriptSpec ping = pair.vrrp().trackScript("wan_ping").orElseThrow();
    assertThat(ping).isEqualTo(new TrackScriptSpec("wan_ping", "/bin/ping -c1 -W1 203.0.113.1", 2, Optional.of(2),
        -30, 2, 3, "pairs[0].vrrp.track_scripts[0]"));
    SyncGroupSpec group = pair.vrrp().syncGroup().orElseThrow();
    assertThat(group.instances()).isEqualTo(List.of("LAN", "WAN"));
    assertThat(group.trackScripts()).containsExactly("wan_ping");
    assertThat(group.path()).isEqualTo("pairs[0].vrrp.sync_group");
  }

  @Test
  void secretsListsEverySecretOnce() throws Exception {
    assertThat(load().secrets()).extracting(Secret::reveal)
        .containsExactlyInAnyOrder("ssh-pw-1", "lan-pw1", "api-pw-1");
  }

  @Test
  void fileProblemsNameTheFileAsGiven() throws Exception {
    InventoryException e = org.assertj.core.api.Assertions.catchThrowableOfType(InventoryException.class,
        () -> new InventoryLoader().withEnvironment(Map.of()).load(file()));
    assertThat(e.problems()).extracting(Problem::rule).containsOnly("secret.env-missing");
    assertThat(e.problems()).extracting(p -> p.location().file()).containsOnly(file().toString());
  }

  @Test
  void anUnreadableInventoryIsAnInventoryProblem() {
    InventoryException e = org.assertj.core.api.Assertions.catchThrowableOfType(InventoryException.class,
        () -> new InventoryLoader().load(Path.of("/nonexistent/inventory.yml")));
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("inventory.unreadable");
    assertThat(e.getMessage()).contains("/nonexistent/inventory.yml");
  }

  /**
   * Issue 16, point 3: a byte that is not UTF-8 is named by line and column, with the fix;
   * before, "cannot read the inventory (MalformedInputException); check the path".
   */
  @Test
  void anInventoryThatIsNotUtf8NamesTheLineAndColumnOfTheFirstBadByte(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path latin1 = dir.resolve("latin1.yml");
    byte[] head = "version: 1\npairs:\n  - name: caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
    bytes[head.length] = (byte) 0xe9;
    bytes[head.length + 1] = '\n';
    java.nio.file.Files.write(latin1, bytes);
    InventoryException e = org.assertj.core.api.Assertions.catchThrowableOfType(InventoryException.class,
        () -> new InventoryLoader().load(latin1));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("inventory.not-utf8");
      assertThat(p.location()).isEqualTo(new Location(latin1.toString(), 3, 14));
      assertThat(p.message()).contains("byte 0xe9").contains("byte 32 of the file");
      assertThat(p.fix()).contains("UTF-8");
    });
    assertThat(e.getMessage()).contains(latin1 + ":3:14");
  }
}
