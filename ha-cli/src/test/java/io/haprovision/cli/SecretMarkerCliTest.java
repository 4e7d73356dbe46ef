package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.facts.FactsLookup;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanJson;
import io.haprovision.plan.PlanTextRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of secret an inventory can hold (VRRP password from the environment and from
 * a file, SSH password, lease-sync private key, bonder API password) is seeded with a
 * unique marker; no output of any command may contain any marker.
 */
class SecretMarkerCliTest {
  static final String VRRP_ENV = "Vq3Mk9Za";
  static final String VRRP_FILE = "Fw7Lp2Xc";
  static final String SSH_PASSWORD = "SSHpw-7731-marker";
  static final String LEASE_KEY = "LEASEKEY-4471-marker";
  static final String API_PASSWORD = "APIpw-5529-marker";
  static final List<String> MARKERS = List.of(VRRP_ENV, VRRP_FILE, SSH_PASSWORD, LEASE_KEY, API_PASSWORD);

  @TempDir
  Path dir;

  private Path inventory(String vrid) throws IOException {
    Files.writeString(dir.resolve("vrrp.pass"), VRRP_FILE + "\n");
    Files.writeString(dir.resolve("lease.key"), "-----BEGIN OPENSSH PRIVATE KEY-----\n" + LEASE_KEY
        + "\n-----END OPENSSH PRIVATE KEY-----\n");
    Path inv = dir.resolve("secrets.yml");
    Files.writeString(inv, """
        version: 1
        defaults:
          ssh: { user: root, password: "${env:MARKER_SSH}" }
        pairs:
          - name: office
            platform: openwrt
            defaults:
              vrrp: { authentication: { type: PASS, password: "${env:MARKER_VRRP}" } }
            nodes:
              - { name: gw-a, role: primary, host: 192.0.2.11,
                  interfaces: { br-lan: 198.51.100.2/24, wan: 203.0.113.2/29 } }
              - { name: gw-b, role: secondary, host: 192.0.2.12,
                  interfaces: { br-lan: 198.51.100.3/24, wan: 203.0.113.3/29 } }
            vrrp:
              instances:
                - { name: LAN, interface: br-lan, virtual_router_id: VRID, vips: [198.51.100.1/24], unicast: true }
                - { name: WAN, interface: wan, virtual_router_id: 52, vips: [203.0.113.4/29], unicast: true,
                    authentication: { type: PASS, password: "${file:vrrp.pass}" } }
              sync_group: { name: OFFICE }
            openwrt:
              dhcp:
                interfaces:
                  - { interface: lan, instance: LAN }
                lease_sync:
                  enabled: true
                  private_key: "${file:lease.key}"
                  public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMcEv9wcltXyrT3+7LLXXDp1ZaJa5PZuLm7X1Ch/6RET sync"
          - name: bonders
            platform: bonder
            nodes:
              - { name: b-a, role: primary, host: 192.0.2.41, interfaces: { eth1: 198.18.20.2/24 } }
              - { name: b-b, role: secondary, host: 192.0.2.42, interfaces: { eth1: 198.18.20.3/24 } }
            vrrp:
              instances:
                - { name: BONDERS, interface: eth1, virtual_router_id: 61, unicast: true,
                    priority: { primary: 10, secondary: 5 } }
            bonder:
              api: { host: 198.51.100.20, user: ha, password: "${env:MARKER_API}" }
              bonds:
                primary: { bond: 12, connected_ips: [101], routes: [201], cpe_nat_ips: [], hook_connected_ip: 105 }
                secondary: { bond: 13, connected_ips: [103], routes: [203], cpe_nat_ips: [], hook_connected_ip: 106 }
        """.replace("VRID", vrid));
    return inv;
  }

  private static Map<String, String> env() {
    return Map.of("MARKER_SSH", SSH_PASSWORD, "MARKER_VRRP", VRRP_ENV, "MARKER_API", API_PASSWORD);
  }

  private static void assertNoMarker(String what, String text) {
    for (String marker : MARKERS) {
      assertThat(text).as(what + " must not hold a secret").doesNotContain(marker);
    }
  }

  @Test
  void noCommandOutputHoldsASecret() throws IOException {
    Path inv = inventory("51");
    Provisioner provisioner = Provisioner.builder().inventory(inv).environment(env()).build();
    // The secrets really are in what goes to the routers ...
    String everything = String.join("\n", provisioner.render().files().stream().map(f -> f.content()).toList());
    assertThat(everything).contains(VRRP_ENV, VRRP_FILE, LEASE_KEY, API_PASSWORD);

    // ... and in nothing a person or a log sees.
    List<String> outputs = new ArrayList<>();
    Plan plan = provisioner.plan(FactsLookup.offline());
    outputs.add(PlanTextRenderer.plain(provisioner.redactor()).render(plan));
    outputs.add(PlanTextRenderer.colored(provisioner.redactor()).render(plan));
    outputs.add(PlanJson.write(plan, provisioner.redactor()));
    outputs.add(provisioner.validate().toString());
    provisioner.render().nodes().forEach(n -> n.resources().forEach(r -> {
      outputs.add(r.describe());
      outputs.add(r.toString());
    }));
    Path out = dir.resolve("render");
    provisioner.render().writeTo(out);
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        outputs.add(Files.readString(f));
      }
    }
    for (String o : outputs) {
      assertNoMarker("plan/render/describe output", o);
    }
  }

  @Test
  void cliOutputAndErrorsHoldNoSecret() throws IOException {
    // The CLI reads the real environment, which a test cannot set: the file-based secrets
    // are the markers here, and a missing variable must be named without any value.
    Path inv = inventory("51");
    CliRunner validate = CliRunner.run("validate", inv.toString());
    assertNoMarker("validate stdout", validate.out());
    assertNoMarker("validate stderr", validate.err());
    assertThat(validate.err()).contains("MARKER_SSH");

    CliRunner render = CliRunner.run("render", inv.toString(), "--out", dir.resolve("r").toString());
    assertNoMarker("render stdout", render.out());
    assertNoMarker("render stderr", render.err());

    // An invalid inventory's errors hold no secret either.
    Provisioner.Builder bad = Provisioner.builder().inventory(inventory("300")).environment(env());
    Throwable e = org.assertj.core.api.Assertions.catchThrowable(bad::build);
    assertThat(e).isNotNull();
    assertNoMarker("inventory error", e.getMessage());
    assertNoMarker("inventory error", String.valueOf(e));
  }
}
