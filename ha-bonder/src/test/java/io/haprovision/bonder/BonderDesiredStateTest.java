package io.haprovision.bonder;

import static io.haprovision.bonder.Inventories.example;
import static io.haprovision.bonder.Inventories.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.ContentChange;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ServiceResource;
import io.haprovision.secret.Redactor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each bonder's packages, files and service: golden files and the rules behind them. */
class BonderDesiredStateTest {
  private final BonderTarget target = new BonderTarget();

  private static FileResource file(DesiredNode node, String path) {
    return node.resources().stream()
        .filter(r -> r instanceof FileResource f && f.path().equals(path))
        .map(FileResource.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no file " + path + " in " + node.resources()));
  }

  private static ServiceResource service(DesiredNode node) {
    return node.resources().stream().filter(r -> r instanceof ServiceResource).map(ServiceResource.class::cast)
        .findFirst().orElseThrow();
  }

  /** The resources in apply order and the handlers, one line each. */
  private static String index(DesiredNode node) {
    StringBuilder sb = new StringBuilder();
    for (Resource r : node.resources()) {
      sb.append(r.describe()).append(r.notifies().isEmpty() ? "" : " notifies " + r.notifies())
          .append(r instanceof FileResource f && f.validateCommand().isPresent()
              ? " validated by `" + f.validateCommand().get() + "`" : "")
          .append('\n');
    }
    for (Handler h : node.handlers()) {
      sb.append("handler ").append(h.name()).append(" (").append(h.kind()).append("): ").append(h.command()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void exampleGoldenFiles() {
    Inventory inventory = Inventories.load(example());
    PairSpec pair = inventory.pairs().get(0);
    Redactor redactor = Redactor.of(inventory.secrets());
    for (NodeSpec node : pair.nodes()) {
      DesiredNode desired = target.desired(pair, node);
      Golden.assertMatches(index(desired), node.name() + ".resources.txt");
      Golden.assertMatches(file(desired, BonderPaths.KEEPALIVED_CONF).content(), node.name() + ".keepalived.conf");
      String notifyConfig = redactor.redact(file(desired, BonderPaths.NOTIFY_CONFIG).content());
      assertThat(notifyConfig).doesNotContain("api-marker");
      Golden.assertMatches(notifyConfig, node.name() + ".bonder-notify.conf");
    }
    Golden.assertMatches(file(target.desired(pair, pair.primary()), BonderPaths.TRACK_PROGRAM).content(),
        "bonder-track");
  }

  @Test
  void keepalivedConfFollowsTheBonderDesign() {
    PairSpec pair = Inventories.pair(example());
    String a = file(target.desired(pair, pair.primary()), BonderPaths.KEEPALIVED_CONF).content();
    String b = file(target.desired(pair, pair.secondary()), BonderPaths.KEEPALIVED_CONF).content();
    assertThat(a).contains("unicast_src_ip 198.18.20.2").contains("198.18.20.3").contains("priority 10\n")
        .contains("notify \"/usr/libexec/ha-provision/bonder-notify /etc/ha-provision/bonder-notify.conf\"")
        .contains("script \"/usr/libexec/ha-provision/bonder-track\"").contains("track_script")
        .contains("enable_script_security")
        // keepalived 2.2 with reload_check_config refuses to start on the "No VIP" warning
        .doesNotContain("reload_check_config")
        .doesNotContain("virtual_ipaddress").doesNotContain("notify_master");
    assertThat(b).contains("unicast_src_ip 198.18.20.3").contains("priority 5\n").contains("state BACKUP");
  }

  @Test
  void notifyConfigTakesTheRoleFromTheNodeNotFromThePriority() {
    PairSpec pair = Inventories.pair(example());
    String a = file(target.desired(pair, pair.primary()), BonderPaths.NOTIFY_CONFIG).content();
    String b = file(target.desired(pair, pair.secondary()), BonderPaths.NOTIFY_CONFIG).content();
    assertThat(a).contains("LOCAL_BOND='12'\n").contains("PEER_BOND='13'\n").contains("LOCAL_CONNECTED_IPS='101 102'\n")
        .contains("PEER_ROUTES='203 204'\n").contains("API_URL='https://198.51.100.20'\n");
    assertThat(b).contains("LOCAL_BOND='13'\n").contains("PEER_BOND='12'\n").contains("PEER_CPE_NAT_IPS='301'\n");
  }

  @Test
  void notifyConfigIsTheOnlyPlaceOfThePasswordAndIsRootOnly() {
    PairSpec pair = Inventories.pair(example());
    for (NodeSpec node : pair.nodes()) {
      DesiredNode desired = target.desired(pair, node);
      FileResource conf = file(desired, BonderPaths.NOTIFY_CONFIG);
      assertThat(conf.sensitive()).isTrue();
      assertThat(conf.mode()).isEqualTo("0600");
      assertThat(conf.owner()).isEqualTo("root");
      assertThat(conf.group()).isEqualTo("root");
      // Verbatim in a quoted here-document, so the redactor can always find it.
      assertThat(conf.content()).contains("IFS= read -r API_PASSWORD <<'END_OF_API_PASSWORD'\n"
          + Inventories.PASSWORD + "\nEND_OF_API_PASSWORD\n");
      StringBuilder visible = new StringBuilder(index(desired));
      for (Resource r : desired.resources()) {
        visible.append(r).append(r.describe());
        Comparison c = r.compare(Optional.empty());
        visible.append(c.summary()).append(c.attributes());
        c.content().ifPresent(cc -> visible.append(cc.after() instanceof ContentChange.Known k ? k.text() : ""));
        if (r instanceof FileResource f && !f.sensitive()) {
          visible.append(f.content());
        }
      }
      desired.handlers().forEach(h -> visible.append(h));
      assertThat(visible.toString()).doesNotContain(Inventories.PASSWORD).doesNotContain("api-marker");
    }
  }

  @Test
  void renderedReviewTreeHoldsNoPassword(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
    Inventory inventory = Inventories.load(example());
    PairSpec pair = inventory.pairs().get(0);
    java.util.List<DesiredNode> nodes = pair.nodes().stream().map(n -> target.desired(pair, n)).toList();
    java.util.List<java.nio.file.Path> written =
        new io.haprovision.Rendering(nodes, java.util.Map.of(), Redactor.of(inventory.secrets())).writeTo(out);
    assertThat(written).anyMatch(p -> p.endsWith("etc/ha-provision/bonder-notify.conf"));
    for (java.nio.file.Path p : written) {
      assertThat(java.nio.file.Files.readString(p)).as(p.toString()).doesNotContain("api-marker");
    }
  }

  @Test
  void systemdModeEnablesKeepalivedAndReloadsOnChange() {
    PairSpec pair = Inventories.pair(replace(example(), "keepalived_start: connected-ip-hook", "keepalived_start: systemd"));
    DesiredNode a = target.desired(pair, pair.primary());
    assertThat(a.resources().get(0)).isEqualTo(PackageResource.installed("keepalived"));
    assertThat(a.resources().get(1)).isEqualTo(PackageResource.installed("curl"));
    ServiceResource keepalived = service(a);
    assertThat(keepalived.enabled()).isTrue();
    assertThat(keepalived.running()).isTrue();
    assertThat(keepalived.reloadHandler()).contains(BonderDesiredState.RELOAD_KEEPALIVED);
    assertThat(keepalived.restartHandler()).isEmpty();
    FileResource conf = file(a, BonderPaths.KEEPALIVED_CONF);
    // No VIP: keepalived -t would fail on its own warning, so the tolerant check runs instead.
    assertThat(conf.validateCommand()).contains(BonderPaths.KEEPALIVED_CHECK + " %s");
    assertThat(a.resources().indexOf(file(a, BonderPaths.KEEPALIVED_CHECK))).isLessThan(a.resources().indexOf(conf));
    assertThat(conf.notifies()).containsExactly(BonderDesiredState.RELOAD_KEEPALIVED);
    assertThat(a.handlers()).containsExactly(new Handler("reload-keepalived", Handler.Kind.RELOAD,
        "systemctl reload keepalived"));
    assertThat(file(a, BonderPaths.NOTIFY_PROGRAM).mode()).isEqualTo("0755");
    assertThat(a.resources()).noneMatch(r -> r.id().key().startsWith("/etc/bonding/"));
    assertThat(target.desired(pair, pair.primary())).isEqualTo(a);
  }

  @Test
  void vipsTheInventoryAddsAreKeptAndCheckedByKeepalivedItself() {
    PairSpec pair = Inventories.pair(replace(example(), "          unicast: true ",
        "          vips: [198.18.20.1/24]\n          unicast: true "));
    DesiredNode a = target.desired(pair, pair.primary());
    FileResource conf = file(a, BonderPaths.KEEPALIVED_CONF);
    assertThat(conf.content()).contains("virtual_ipaddress {\n        198.18.20.1/24\n");
    assertThat(conf.validateCommand()).contains("keepalived -t -f %s");
    assertThat(a.resources()).noneMatch(r -> r.id().key().equals(BonderPaths.KEEPALIVED_CHECK));
  }

  @Test
  void connectedIpHookModeDisablesTheUnitAndInstallsTheHook() {
    PairSpec pair = Inventories.pair(example()); // the hook is the default start (issue 18)
    DesiredNode b = target.desired(pair, pair.secondary());
    ServiceResource keepalived = service(b);
    assertThat(keepalived.enabled()).isFalse();
    assertThat(keepalived.running()).isTrue();
    FileResource hook = file(b, "/etc/bonding/connectedip.d/106/keepalived");
    assertThat(hook.mode()).isEqualTo("0755");
    assertThat(hook.content()).contains("exec systemctl start keepalived").contains("exec systemctl stop keepalived");
    Golden.assertMatches(hook.content(), "connected-ip-hook");
  }

  @Test
  void systemdModeEnablesTheUnitAndInstallsNoHook() {
    PairSpec pair = Inventories.pair(replace(example(), "keepalived_start: connected-ip-hook", "keepalived_start: systemd"));
    DesiredNode b = target.desired(pair, pair.secondary());
    assertThat(service(b).enabled()).isTrue();
    assertThat(b.resources()).noneMatch(r -> r.id().key().startsWith("/etc/bonding/"));
  }

  @Test
  void trackCommandComesFromTheInventory() {
    PairSpec pair = Inventories.pair(replace(example(), "track_command: bondsh node ping",
        "track_command: \"/usr/local/bin/check-uplink --quick\""));
    String track = file(target.desired(pair, pair.primary()), BonderPaths.TRACK_PROGRAM).content();
    assertThat(track).endsWith("exec /usr/local/bin/check-uplink --quick\n");
  }
}
