package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vrrp.sync-group-single}, sync group and track script references. */
class SyncGroupRulesTest {
  private static final String WAN = lines(
      "        - name: WAN",
      "          interface: wan",
      "          virtual_router_id: 52",
      "          vips: [203.0.113.4/29]",
      "          unicast: true");

  private static final String SCRIPTS = lines(
      "      track_scripts:",
      "        - name: wan_ping",
      "          script: /bin/ping -c1 -W1 203.0.113.1",
      "          interval: 2",
      "          weight: -30");

  @Test
  void syncGroupWithOneInstanceIsRefused() {
    String yaml = BASE + lines("      sync_group:", "        name: G1");
    Problem p = assertSingleProblem(yaml, "vrrp.sync-group-single", at(yaml, "name: G1"), "pairs[0].vrrp.sync_group.instances");
    assertThat(p.message()).contains("G1").contains("fewer than two");
  }

  @Test
  void syncGroupListingOneOfTwoInstancesIsRefusedAtItsList() {
    String yaml = BASE + WAN + lines("      sync_group:", "        name: G1", "        instances: [LAN]");
    assertSingleProblem(yaml, "vrrp.sync-group-single", at(yaml, "[LAN]"), "pairs[0].vrrp.sync_group.instances");
  }

  @Test
  void syncGroupDefaultsToEveryInstance() {
    String yaml = BASE + WAN + SCRIPTS + lines("      sync_group:", "        name: G1", "        track_scripts: [wan_ping]",
        "        notify: { master: /usr/local/bin/up }");
    SyncGroupSpec g = InventoryTesting.load(yaml).pairs().get(0).vrrp().syncGroup().orElseThrow();
    assertThat(g.instances()).containsExactly("LAN", "WAN");
    assertThat(g.trackScripts()).containsExactly("wan_ping");
    assertThat(g.notifications().master()).contains("/usr/local/bin/up");
  }

  @Test
  void syncGroupNamingAnUnknownInstanceIsRefused() {
    String yaml = BASE + WAN + lines("      sync_group:", "        name: G1", "        instances: [LAN, WAM]");
    Problem p = assertSingleProblem(yaml, "vrrp.sync-group-instance-unknown", at(yaml, "WAM"),
        "pairs[0].vrrp.sync_group.instances[1]");
    assertThat(p.fix()).contains("did you mean `WAN`?");
  }

  @Test
  void trackScriptsAreBoundWithKeepalivedDefaults() {
    String yaml = BASE + "          track_scripts: [wan_ping]\n" + SCRIPTS;
    Inventory inv = InventoryTesting.load(yaml);
    TrackScriptSpec t = inv.pairs().get(0).vrrp().trackScripts().get(0);
    assertThat(t.interval()).isEqualTo(2);
    assertThat(t.weight()).isEqualTo(-30);
    assertThat(t.fall()).isEqualTo(1);
    assertThat(t.rise()).isEqualTo(1);
    assertThat(t.timeout()).isEmpty();
    assertThat(inv.pairs().get(0).vrrp().instances().get(0).trackScripts()).isEqualTo(List.of("wan_ping"));
  }

  @Test
  void anInstanceNamingAnUnknownTrackScriptIsRefused() {
    String yaml = BASE + "          track_scripts: [wan_pin]\n" + SCRIPTS;
    Problem p = assertSingleProblem(yaml, "vrrp.track-script-unknown", at(yaml, "wan_pin]"),
        "pairs[0].vrrp.instances[0].track_scripts[0]");
    assertThat(p.fix()).contains("did you mean `wan_ping`?");
  }

  @Test
  void twoTrackScriptsWithOneNameAreRefused() {
    String yaml = BASE + SCRIPTS + lines("        - name: wan_ping", "          script: /bin/true");
    assertSingleProblem(yaml, "vrrp.track-script-duplicate-name", at(yaml, "wan_ping", 2),
        "pairs[0].vrrp.track_scripts[1].name");
  }
}
