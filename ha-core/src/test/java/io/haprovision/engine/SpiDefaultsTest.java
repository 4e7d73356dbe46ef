package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.engine.driver.Drivers;
import io.haprovision.engine.driver.FileDriver;
import io.haprovision.engine.driver.PackageDriver;
import io.haprovision.error.InternalException;
import io.haprovision.error.TargetException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.PairSpec;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.ServiceResource;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import io.haprovision.spi.VerificationDefaults;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.HostKeyPolicy;
import io.haprovision.transport.SshEndpoint;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a platform gets without overriding anything, and the engine's small helpers. */
class SpiDefaultsTest {
  private static final String INVENTORY = """
      version: 1
      defaults:
        ssh:
          user: admin
          port: 2222
          identity_file: /keys/id_ed25519
          host_key_policy: accept-new
          connect_timeout: 5s
        vrrp:
          advert_int: 2
      pairs:
        - name: office
          platform: test
          nodes:
            - name: gw-a
              role: primary
              host: 192.0.2.11
              interfaces:
                br-lan: 198.51.100.2/24
                br-dns: 198.51.100.4/24
            - name: gw-b
              role: secondary
              host: 192.0.2.12
              interfaces:
                br-lan: 198.51.100.3/24
                br-dns: 198.51.100.5/24
          vrrp:
            instances:
              - name: LAN
                interface: br-lan
                virtual_router_id: 51
                vips:
                  - 198.51.100.1/24
                  - { address: 198.51.100.53/24, device: br-dns }
                priority: { primary: 200, secondary: 90 }
                nopreempt: true
                state: { primary: BACKUP, secondary: BACKUP }
                unicast: true
      """;

  private static PairSpec pair() {
    Inventory inv = new InventoryLoader().withTargets(Targets.discover()).withEnvironment(Map.of())
        .load(INVENTORY, "inv.yml", Path.of("/nonexistent"));
    return inv.pairs().get(0);
  }

  @Test
  void expectationsFollowTheInventory() {
    VrrpExpectations exp = VrrpExpectations.of(pair());
    assertThat(exp.instances()).hasSize(1);
    VrrpExpectations.Instance lan = exp.instances().get(0);
    assertThat(lan.vips()).containsExactly(new VrrpExpectations.Vip("198.51.100.1", 24, "br-lan"),
        new VrrpExpectations.Vip("198.51.100.53", 24, "br-dns"));
    assertThat(lan.priorities()).isEqualTo(Map.of("gw-a", 200, "gw-b", 90));
    assertThat(lan.advertInt()).isEqualByComparingTo(new BigDecimal("2"));
    assertThat(lan.preempt()).isFalse();
    assertThat(exp.maxAdvertInt()).isEqualByComparingTo("2");
    assertThat(VrrpExpectations.none().maxAdvertInt()).isEqualByComparingTo("1");
  }

  @Test
  void aPlatformOverridingNothingGetsTheCoreDefaults() {
    Target bare = Targets.discover().find("test").orElseThrow();
    assertThat(bare.resourceDrivers()).isEmpty();
    assertThat(bare.vrrpExpectations(pair())).isEqualTo(VrrpExpectations.of(pair()));
    assertThat(bare.keepalivedControl()).isEqualTo(KeepalivedControl.auto());
    assertThat(bare.verificationDefaults(pair())).isEqualTo(VerificationDefaults.standard());
    assertThat(KeepalivedControl.auto().reloadCommand()).contains("/etc/init.d/keepalived reload")
        .contains("systemctl reload keepalived");
  }

  @Test
  void sshEndpointsComeFromTheNodesSettings() {
    SshEndpoint e = SshNodeConnector.endpoint(pair().primary());
    assertThat(e.target()).isEqualTo("admin@192.0.2.11:2222");
    assertThat(e.auth().identityFile()).isEqualTo(Path.of("/keys/id_ed25519"));
    assertThat(e.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(e.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aPlatformDriverWinsOverTheCoresAndAMissingOneIsABug() {
    ResourceDriver<PackageResource> opkgOnly = PackageDriver.of(PackageDriver.Manager.OPKG);
    Target platform = new io.haprovision.spi.TestPlatform() {
      @Override
      public List<ResourceDriver<?>> resourceDrivers() {
        return List.of(opkgOnly);
      }
    };
    Drivers drivers = Drivers.forTarget(platform);
    assertThat(drivers.of(PackageResource.installed("keepalived"))).isSameAs(opkgOnly);
    assertThat(drivers.of(FileResource.of("/etc/x", ""))).isInstanceOf(FileDriver.class);
    Drivers filesOnly = Drivers.of("tiny", List.of(new FileDriver()));
    assertThatThrownBy(() -> filesOnly.of(ServiceResource.enabledAndRunning("keepalived")))
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("platform tiny has no driver for resource kind service");
  }

  @Test
  void aFailedCommandNamesTheNodeWhatFailedAndWhy() {
    ScriptedConnection c = new ScriptedConnection("root@192.0.2.11:22",
        (cmd, in) -> new ExecResult(2, "", "uci: Entry not found\n"));
    assertThatThrownBy(() -> new NodeContext("office", "gw-a", c).run("uci get x.y.z", "reading x.y.z"))
        .isInstanceOf(TargetException.class)
        .hasMessage("root@192.0.2.11:22: reading x.y.z failed on node gw-a (exit 2): uci: Entry not found");
  }

  @Test
  void timingsFollowTheAdvertInterval() {
    assertThat(Timings.gateTimeout(BigDecimal.ONE)).isEqualTo(Duration.ofSeconds(11));
    assertThat(Timings.gateTimeout(new BigDecimal("0.1"))).isEqualTo(Duration.ofSeconds(10));
    assertThat(Timings.settle(new BigDecimal("0.1"))).isEqualTo(Duration.ofMillis(300));
    assertThat(Timings.poll(BigDecimal.ONE)).isEqualTo(Duration.ofMillis(250));
    // FACTS.md: advert 1 s, priority 90: about 3.65 s; VRRPv3 at 0.1 s: about 0.37 s.
    assertThat(Timings.masterDownSeconds(BigDecimal.ONE, 90)).isCloseTo(3.65, org.assertj.core.data.Offset.offset(0.01));
    assertThat(Timings.masterDownSeconds(new BigDecimal("0.1"), 90)).isCloseTo(0.365, org.assertj.core.data.Offset.offset(0.01));
  }
}
