package io.haprovision.openwrt;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.resource.DigestKey;
import io.haprovision.facts.FactsLookup;
import io.haprovision.facts.NodeFacts;
import io.haprovision.inventory.PairSpec;
import io.haprovision.openwrt.uci.UciOption;
import io.haprovision.openwrt.uci.UciOptionState;
import io.haprovision.openwrt.uci.UciSection;
import io.haprovision.openwrt.uci.UciSectionState;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlannedHandler;
import io.haprovision.plan.Planner;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.FileState;
import io.haprovision.resource.LineInFile;
import io.haprovision.resource.LineState;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.PackageState;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceState;
import io.haprovision.resource.ServiceResource;
import io.haprovision.resource.ServiceState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The desired state of OpenWrt nodes as the core planner sees it: consistent (handlers
 * declared, ids unique), in a safe order, idempotent (a node that has everything gets
 * no change), and a drift shows as exactly that change with its handler.
 */
class DesiredStateTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  private final OpenWrtTarget target = new OpenWrtTarget();

  private DesiredPair desired(PairSpec pair) {
    return new DesiredPair(pair.name(), target.desired(pair, pair.primary()), target.desired(pair, pair.secondary()));
  }

  private static PairSpec pair(String yaml) {
    return OpenWrtTesting.load(yaml).pairs().get(0);
  }

  /** The state a node has when it already matches {@code r}. */
  private static ResourceState matching(Resource r) {
    if (r instanceof FileResource f) {
      return FileState.present(f.sha256(), f.mode(), f.owner(), f.group());
    } else if (r instanceof LineInFile) {
      return new LineState(true);
    } else if (r instanceof PackageResource) {
      return PackageState.installed("2.2.8-r1");
    } else if (r instanceof ServiceResource s) {
      return new ServiceState(s.enabled(), s.running());
    } else if (r instanceof UciOption u) {
      return UciOptionState.shown(u.value().orElseThrow().values());
    } else if (r instanceof UciSection u) {
      return UciSectionState.of(u.type());
    }
    throw new AssertionError("unexpected resource " + r);
  }

  private static NodeFacts converged(DesiredNode node) {
    NodeFacts facts = NodeFacts.empty(node.node());
    for (Resource r : node.resources()) {
      facts = facts.with(r.id(), matching(r));
    }
    return facts;
  }

  @Test
  void theFullFixtureRendersAsTheGoldenFilesSay() {
    io.haprovision.inventory.Inventory inventory = OpenWrtTesting.load(OpenWrtTesting.FULL);
    PairSpec p = inventory.pairs().get(0);
    for (io.haprovision.inventory.NodeSpec node : p.nodes()) {
      String text = DesiredText.render(target.desired(p, node), inventory.secrets());
      assertThat(text).doesNotContain(OpenWrtTesting.VRRP_PASS).doesNotContain("TESTKEYMATERIAL");
      Golden.assertMatches(text, "full-fixture/" + node.name() + ".txt");
    }
  }

  @Test
  void aFreshNodeGetsEverything() {
    Plan plan = Planner.plan(List.of(desired(pair(OpenWrtTesting.FULL))), FactsLookup.offline(), KEY);
    for (NodePlan node : plan.pairs().get(0).nodes()) {
      assertThat(node.changes()).allMatch(Change::changes);
    }
  }

  @Test
  void changedFilesOfRunningDaemonsTriggerEveryHandler() {
    DesiredPair pair = desired(pair(OpenWrtTesting.FULL));
    FactsLookup.Builder facts = FactsLookup.builder();
    for (DesiredNode node : pair.nodes()) {
      NodeFacts f = NodeFacts.empty(node.node());
      for (Resource r : node.resources()) {
        if (r instanceof ServiceResource) {
          f = f.with(r.id(), new ServiceState(true, true));
        }
      }
      facts.add(pair.name(), f);
    }
    for (NodePlan node : Planner.plan(List.of(pair), facts.build(), KEY).pairs().get(0).nodes()) {
      assertThat(node.handlers()).extracting(PlannedHandler::name)
          .containsExactly("conntrackd-restart", "sysctl-apply", "firewall-reload", "dnsmasq-reload",
              "keepalived-reload", "role-hook-sync");
      assertThat(node.handlers()).extracting(h -> h.kind().name())
          .containsExactly("RESTART", "RUN", "RELOAD", "RELOAD", "RELOAD", "RUN");
    }
  }

  @Test
  void aConvergedNodeGetsNoChangeAndAUciDriftOnlyThatChange() {
    DesiredPair pair = desired(pair(OpenWrtTesting.FULL));
    NodeFacts a = converged(pair.primary());
    NodeFacts b = converged(pair.secondary());
    Plan clean = Planner.plan(List.of(pair), FactsLookup.builder().add(pair.name(), a).add(pair.name(), b).build(), KEY);
    assertThat(clean.hasChanges()).isFalse();

    UciOption force = (UciOption) pair.secondary().resources().stream()
        .filter(r -> r.id().toString().equals("uci:dhcp.lan.force")).findFirst().orElseThrow();
    NodeFacts drifted = b.with(force.id(), UciOptionState.shown(List.of("0")));
    Plan plan = Planner.plan(List.of(pair), FactsLookup.builder().add(pair.name(), a).add(pair.name(), drifted).build(), KEY);
    NodePlan gwB = plan.pairs().get(0).nodes().stream().filter(n -> n.node().equals("gw-b")).findFirst().orElseThrow();
    assertThat(gwB.changes()).filteredOn(Change::changes).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(force.id());
      assertThat(c.summary()).isEqualTo("update uci dhcp.lan.force: value '0' -> '1'"
          + " (why: DHCP hands out the VIP as gateway and DNS, from openwrt.dhcp)");
    });
    assertThat(gwB.handlers()).extracting(PlannedHandler::name).containsExactly("dnsmasq-reload");
  }

  @Test
  void scriptsComeBeforeTheFilesThatNeedThemAndSectionsBeforeTheirOptions() {
    DesiredNode node = target.desired(pair(OpenWrtTesting.FULL), pair(OpenWrtTesting.FULL).primary());
    List<String> ids = node.resources().stream().map(r -> r.id().toString()).toList();
    assertThat(ids.get(0)).isEqualTo("package:keepalived");
    assertThat(ids.indexOf("file:" + OpenWrtPaths.ROLE_HOOK)).isLessThan(ids.indexOf("file:" + OpenWrtPaths.KEEPALIVED_CONF));
    assertThat(ids.indexOf("file:" + OpenWrtPaths.CONNTRACKD_CHECK))
        .isLessThan(ids.indexOf("file:" + OpenWrtPaths.CONNTRACKD_CONF));
    assertThat(ids.indexOf("package:conntrackd")).isLessThan(ids.indexOf("file:" + OpenWrtPaths.CONNTRACKD_CONF));
    assertThat(ids.indexOf("uci-section:dhcp.lan")).isLessThan(ids.indexOf("uci:dhcp.lan.force"));
    assertThat(ids.indexOf("uci-section:keepalived.globals")).isLessThan(ids.indexOf("uci:keepalived.globals.enabled"));
    assertThat(ids.indexOf("uci:keepalived.globals.alt_config_file")).isLessThan(ids.indexOf("service:keepalived"));
    ServiceResource keepalived = (ServiceResource) node.resources().get(ids.indexOf("service:keepalived"));
    assertThat(keepalived.reloadHandler()).contains("keepalived-reload");
    assertThat(keepalived.restartHandler()).as("keepalived is reloaded, never restarted").isEmpty();
    FileResource hook = (FileResource) node.resources().get(ids.indexOf("file:" + OpenWrtPaths.ROLE_HOOK));
    assertThat(hook.mode()).isEqualTo("0755");
    assertThat(hook.owner()).isEqualTo("root");
  }

  @Test
  void aPairWithoutTheSectionGetsKeepalivedAndTheRulesVrrpNeeds() {
    DesiredNode node = target.desired(pair(OpenWrtTesting.BASE), pair(OpenWrtTesting.BASE).primary());
    List<String> rule = List.of("name", "src", "src_ip", "family", "proto", "target");
    List<String> expected = new java.util.ArrayList<>(List.of("package:keepalived",
        "file:/usr/libexec/ha-provision/role-hook"));
    for (String sec : List.of("ha_vrrp_lan", "ha_vrrp_wan")) {
      expected.add("uci-section:firewall." + sec);
      rule.forEach(o -> expected.add("uci:firewall." + sec + "." + o));
    }
    expected.addAll(List.of(
        "file:/etc/keepalived/keepalived.conf",
        "uci-section:keepalived.globals",
        "uci:keepalived.globals.enabled",
        "uci:keepalived.globals.alt_config_file",
        "service:keepalived",
        "line:/etc/sysupgrade.conf:/usr/libexec/ha-provision/",
        "line:/etc/sysupgrade.conf:/etc/keepalived/"));
    assertThat(node.resources()).extracting(r -> r.id().toString()).containsExactlyElementsOf(expected);
    assertThat(node.handlers()).extracting(h -> h.name()).containsExactly("firewall-reload", "keepalived-reload",
        "role-hook-sync");
  }

  @Test
  void keepalivedConfIsSensitiveOnlyWithAuthentication() {
    String noAuth = OpenWrtTesting.BASE.replace(
        "  vrrp:\n    authentication: { type: PASS, password: \"${env:VRRP_PASS}\" }\n", "");
    assertThat(noAuth).isNotEqualTo(OpenWrtTesting.BASE);
    PairSpec p = pair(noAuth);
    FileResource conf = (FileResource) target.desired(p, p.primary()).resources().stream()
        .filter(r -> r.id().toString().equals("file:" + OpenWrtPaths.KEEPALIVED_CONF)).findFirst().orElseThrow();
    assertThat(conf.sensitive()).isFalse();
    assertThat(conf.mode()).isEqualTo("0644");
    assertThat(conf.validateCommand()).contains("keepalived -t -f %s");
  }

  @Test
  void theInventorysOwnNotifyCommandsAreKept() {
    String own = OpenWrtTesting.BASE.replace("track_scripts: [wan_ping] }",
        "track_scripts: [wan_ping], notify: { master: \"/usr/libexec/ha-provision/role-hook master\","
            + " backup: \"/usr/local/bin/paging backup\" } }");
    PairSpec p = pair(own);
    String conf = ((FileResource) target.desired(p, p.primary()).resources().stream()
        .filter(r -> r.id().toString().equals("file:" + OpenWrtPaths.KEEPALIVED_CONF)).findFirst().orElseThrow())
        .content();
    assertThat(conf).contains("notify_backup \"/usr/local/bin/paging backup\"")
        .doesNotContain("role-hook fault").doesNotContain("role-hook backup");
  }

  @Test
  void withoutASyncGroupTheSingleInstanceCallsTheHook() {
    String single = OpenWrtTesting.BASE
        .replace("      sync_group: { name: OFFICE, instances: [LAN, WAN], track_scripts: [wan_ping] }\n", "")
        .replace("        - name: WAN\n          interface: wan\n          virtual_router_id: 52\n"
            + "          vips: [203.0.113.22/29]\n          unicast: true\n", "");
    PairSpec p = pair(single);
    assertThat(p.vrrp().instances()).hasSize(1);
    String conf = ((FileResource) target.desired(p, p.secondary()).resources().stream()
        .filter(r -> r.id().toString().equals("file:" + OpenWrtPaths.KEEPALIVED_CONF)).findFirst().orElseThrow())
        .content();
    assertThat(conf).doesNotContain("vrrp_sync_group")
        .contains("    notify_master \"/usr/libexec/ha-provision/role-hook master\"")
        .contains("state BACKUP");
  }
}
