package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.lines;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static io.haprovision.inventory.InventoryTesting.withInstanceKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code vrrp.track-interface-duplicate}, {@code vrrp.track-own-interface} and {@code vrrp.sync-group-weighted-track} (keepalived -t refuses both). */
class TrackRulesTest {
  private static final String LAN = "pairs[0].vrrp.instances[0]";

  private static final String WAN = lines(
      "        - name: WAN",
      "          interface: wan",
      "          virtual_router_id: 52",
      "          vips: [203.0.113.4/29]",
      "          unicast: true");

  /** A second instance on br-lan, for a pair whose sync group leaves it out. */
  private static final String LAN2 = lines(
      "        - name: LAN2",
      "          interface: br-lan",
      "          virtual_router_id: 53",
      "          vips: [198.51.100.10/24]",
      "          unicast: true");

  private static final String SCRIPTS = lines(
      "      track_scripts:",
      "        - name: wan_ping",
      "          script: /bin/ping -c1 -W1 203.0.113.1",
      "          weight: -30",
      "        - name: dns_up",
      "          script: /usr/bin/nslookup localhost 127.0.0.1");

  private static final String GROUP = lines(
      "      sync_group:",
      "        name: OFFICE",
      "        instances: [LAN, WAN]");

  @Test
  void trackingTheInstancesOwnInterfaceIsRefused() {
    String yaml = withInstanceKeys("          track_interfaces:", "            - wan", "            - br-lan");
    Problem p = assertSingleProblem(yaml, "vrrp.track-own-interface", at(yaml, "br-lan\n", 2),
        LAN + ".track_interfaces[1]");
    assertThat(p.message()).contains("instance LAN").contains("own interface br-lan");
    assertThat(p.fix()).contains("remove br-lan");
  }

  @Test
  void trackingAnInterfaceTwiceIsRefused() {
    String yaml = withInstanceKeys("          track_interfaces:", "            - wan", "            - { interface: wan, weight: -5 }");
    Problem p = assertSingleProblem(yaml, "vrrp.track-interface-duplicate", at(yaml, "{ interface: wan"),
        LAN + ".track_interfaces[1]");
    assertThat(p.message()).contains("instance LAN").contains("wan twice");
  }

  @Test
  void trackingTheOwnInterfaceWithAWeightIsRefusedToo() {
    String yaml = withInstanceKeys("          track_interfaces: [{ interface: br-lan, weight: -10 }]");
    assertSingleProblem(yaml, "vrrp.track-own-interface", at(yaml, "{ interface: br-lan"),
        LAN + ".track_interfaces[0]");
  }

  @Test
  void aWeightedTrackInterfaceOnAnInstanceOfTheSyncGroupIsRefused() {
    String yaml = withInstanceKeys("          track_interfaces:", "            - { interface: wan, weight: -20 }")
        + WAN + GROUP;
    Problem p = assertSingleProblem(yaml, "vrrp.sync-group-weighted-track", valueAt(yaml, "weight: -20"),
        LAN + ".track_interfaces[0].weight");
    assertThat(p.message()).contains("instance LAN").contains("sync group OFFICE").contains("interface wan")
        .contains("weight -20");
    assertThat(p.fix()).contains("drop the weight").contains("sync_group.track_scripts");
  }

  @Test
  void aWeightedTrackScriptOnAnInstanceOfTheSyncGroupIsRefused() {
    String yaml = withInstanceKeys("          track_scripts: [dns_up, wan_ping]") + WAN + SCRIPTS + GROUP;
    Problem p = assertSingleProblem(yaml, "vrrp.sync-group-weighted-track", at(yaml, "wan_ping]"),
        LAN + ".track_scripts[1]");
    assertThat(p.message()).contains("instance LAN").contains("sync group OFFICE").contains("script wan_ping")
        .contains("weight -30 (pairs[0].vrrp.track_scripts[0].weight (" + valueAt(yaml, "weight: -30") + "))");
    assertThat(p.fix()).contains("`sync_group.track_scripts`").contains("is fine");
  }

  @Test
  void weightedScriptsOnTheSyncGroupAndUnweightedTrackingOnItsInstancesAreAccepted() {
    String yaml = withInstanceKeys("          track_interfaces: [wan]", "          track_scripts: [dns_up]")
        + lines(
            "        - name: WAN",
            "          interface: wan",
            "          virtual_router_id: 52",
            "          vips: [203.0.113.4/29]",
            "          unicast: true",
            "          track_interfaces: [{ interface: br-lan, weight: 0 }]")
        + SCRIPTS + GROUP + "        track_scripts: [wan_ping]\n";
    VrrpSpec vrrp = InventoryTesting.load(yaml).pairs().get(0).vrrp();
    assertThat(vrrp.syncGroup().orElseThrow().trackScripts()).containsExactly("wan_ping");
    assertThat(vrrp.instance("WAN").orElseThrow().trackInterfaces())
        .containsExactly(new TrackInterfaceSpec("br-lan", Optional.of(0)));
  }

  @Test
  void weightedTrackingOnAnInstanceOutsideTheSyncGroupIsAccepted() {
    String yaml = BASE + WAN + LAN2
        + lines("          track_interfaces: [{ interface: wan, weight: -20 }]", "          track_scripts: [wan_ping]")
        + SCRIPTS + GROUP;
    VrrpInstanceSpec lan2 = InventoryTesting.load(yaml).pairs().get(0).vrrp().instance("LAN2").orElseThrow();
    assertThat(lan2.trackInterfaces()).containsExactly(new TrackInterfaceSpec("wan", Optional.of(-20)));
    assertThat(lan2.trackScripts()).containsExactly("wan_ping");
  }

  @Test
  void weightedTrackingWithoutASyncGroupIsAccepted() {
    String yaml = withInstanceKeys("          track_interfaces: [{ interface: wan, weight: -20 }]",
        "          track_scripts: [wan_ping]") + SCRIPTS;
    assertThat(InventoryTesting.load(yaml).pairs().get(0).vrrp().instances().get(0).trackScripts())
        .containsExactly("wan_ping");
  }
}
