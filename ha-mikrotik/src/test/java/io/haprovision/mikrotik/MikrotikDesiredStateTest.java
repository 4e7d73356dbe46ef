package io.haprovision.mikrotik;

import static io.haprovision.mikrotik.Inventories.MINIMAL;
import static io.haprovision.mikrotik.Inventories.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.Resource;
import io.haprovision.spi.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each router's RouterOS entries: golden review scripts for both dialects, and the rules behind them. */
class MikrotikDesiredStateTest {
  private final MikrotikTarget target = new MikrotikTarget();

  private static PairSpec example() {
    return Inventories.pair(Inventories.example());
  }

  /** The example as RouterOS 6 (6.44.6 is the tested baseline). */
  private static PairSpec exampleOnSix() {
    return Inventories.pair(replace(Inventories.example(), "routeros: 7 ", "routeros: 6 ")
        .replace("versions: \"7.12..7\"", "versions: \"6.44..6.49\""));
  }

  private static RouterOsEntry entry(DesiredNode node, String menu, String keyValue) {
    return node.resources().stream()
        .filter(r -> r instanceof RouterOsEntry e && e.menu().equals(menu) && e.key().containsValue(keyValue))
        .map(RouterOsEntry.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + menu + " " + keyValue + " in " + node.resources()));
  }

  /** What a router with none of the entries would be sent, one command per line. */
  private static String commandsFromScratch(DesiredNode node) {
    List<String> lines = new ArrayList<>();
    for (Resource r : node.resources()) {
      if (!(r instanceof RouterOsEntry e)) {
        continue;
      }
      lines.addAll(e.commands(Optional.empty()));
    }
    return String.join("\n", lines) + "\n";
  }

  @Test
  void reviewScriptsOfTheExampleOnRouterOsSeven() {
    PairSpec pair = example();
    Golden.assertMatches(target.reviewScript(pair, pair.primary()), "ccr-v7-ccr-a.rsc");
    Golden.assertMatches(target.reviewScript(pair, pair.secondary()), "ccr-v7-ccr-b.rsc");
  }

  @Test
  void reviewScriptOfTheExampleOnRouterOsSix() {
    PairSpec pair = exampleOnSix();
    Golden.assertMatches(target.reviewScript(pair, pair.primary()), "ccr-v6-ccr-a.rsc");
  }

  @Test
  void commandsForAFactoryRouter() {
    PairSpec pair = example();
    Golden.assertMatches(commandsFromScratch(target.desired(pair, pair.primary())), "ccr-v7-ccr-a.commands");
  }

  @Test
  void desiredStateIsPureAndInApplyOrder() {
    PairSpec pair = example();
    DesiredNode first = target.desired(pair, pair.primary());
    assertThat(target.desired(pair, pair.primary())).isEqualTo(first);
    assertThat(first.pair()).isEqualTo("ccr");
    assertThat(first.node()).isEqualTo("ccr-a");
    assertThat(first.handlers()).isEmpty();
    List<String> ids = first.resources().stream().map(r -> r.id().key()).toList();
    assertThat(ids.get(0)).isEqualTo("/interface ethernet name=ether7");
    // Scripts exist before the VRRP interface that calls them; the heartbeat before the group members.
    assertThat(ids.indexOf("/system script name=HA_ON_MASTER")).isLessThan(ids.indexOf("/interface vrrp name=HA_VRRP"));
    assertThat(ids.indexOf("/interface vrrp name=HA_VRRP")).isLessThan(ids.indexOf("/interface vrrp name=WAN"));
    assertThat(ids.indexOf("/ip address address=203.0.113.2/29")).isLessThan(ids.indexOf("/interface vrrp name=WAN"));
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void routerOsSevenGroupsServiceVrrpUnderTheHeartbeat() {
    PairSpec pair = example();
    DesiredNode a = target.desired(pair, pair.primary());
    RouterOsEntry wan = entry(a, "/interface vrrp", "WAN");
    assertThat(wan.properties()).containsEntry("group-master", "HA_VRRP")
        .containsEntry("interface", "ether1").containsEntry("vrid", "51").containsEntry("priority", "150")
        .containsEntry("interval", "1s").containsEntry("version", "3").containsEntry("preemption-mode", "yes");
    assertThat(entry(a, "/ip address", "203.0.113.1/32").properties()).containsEntry("interface", "WAN");
    String master = entry(a, "/system script", RoleHooks.ON_MASTER).properties().get("source");
    assertThat(master).contains("/routing bgp connection enable [find]").doesNotContain("/interface vrrp enable")
        .contains("/system identity set name=ccr_HA_A_ACTIVE");
  }

  @Test
  void routerOsSixMovesServiceVrrpThroughTheHooks() {
    PairSpec pair = exampleOnSix();
    DesiredNode b = target.desired(pair, pair.secondary());
    assertThat(entry(b, "/interface vrrp", "LAN").properties()).doesNotContainKey("group-master")
        .containsEntry("priority", "100");
    String master = entry(b, "/system script", RoleHooks.ON_MASTER).properties().get("source");
    String backup = entry(b, "/system script", RoleHooks.ON_BACKUP).properties().get("source");
    assertThat(master).contains("/interface vrrp enable [find name=\"WAN\"]")
        .contains("/interface vrrp enable [find name=\"LAN\"]")
        .contains("/routing bgp peer enable [find]")
        .contains("/system identity set name=ccr_HA_B_ACTIVE");
    assertThat(backup).contains("/interface vrrp disable [find name=\"WAN\"]")
        .contains("/routing bgp peer disable [find]")
        .contains("/interface ethernet disable [find where name!=\"ether8\" and comment!=\"HA_RESCUE\"]")
        .contains("/system identity set name=ccr_HA_B_STANDBY");
    assertThat(master + backup).doesNotContain("bgp connection");
  }

  @Test
  void masterHookEnablesInOrderAndBackupHookDisablesInReverse() {
    PairSpec pair = example();
    DesiredNode a = target.desired(pair, pair.primary());
    List<String> master = entry(a, "/system script", RoleHooks.ON_MASTER).properties().get("source").lines().toList();
    assertThat(master.subList(0, 3)).containsExactly("/interface ethernet enable [find]",
        "/interface bonding enable [find]", "/routing bgp connection enable [find]");
    List<String> backup = entry(a, "/system script", RoleHooks.ON_BACKUP).properties().get("source").lines().toList();
    assertThat(backup.subList(0, 3)).containsExactly("/routing bgp connection disable [find]",
        "/interface bonding disable [find]",
        "/interface ethernet disable [find where name!=\"ether8\" and comment!=\"HA_RESCUE\"]");
  }

  @Test
  void heartbeatAndHaLinkPerRouter() {
    PairSpec pair = example();
    DesiredNode a = target.desired(pair, pair.primary());
    DesiredNode b = target.desired(pair, pair.secondary());
    assertThat(entry(a, "/interface vrrp", "HA_VRRP").properties()).containsEntry("priority", "150")
        .containsEntry("interface", "bridge-ether8").containsEntry("on-master", "/system script run HA_ON_MASTER")
        .containsEntry("on-backup", "/system script run HA_ON_BACKUP").containsEntry("preemption-mode", "yes");
    assertThat(entry(b, "/interface vrrp", "HA_VRRP").properties()).containsEntry("priority", "100");
    assertThat(entry(a, "/ip address", "198.18.23.1/24").properties()).containsEntry("interface", "bridge-ether8");
    assertThat(entry(b, "/ip address", "198.18.23.2/24").properties()).containsEntry("interface", "bridge-ether8");
    assertThat(entry(b, "/ip address", "198.18.23.10/32").properties()).containsEntry("interface", "HA_VRRP");
    assertThat(entry(a, "/interface bridge port", "ether8").properties()).containsEntry("bridge", "bridge-ether8");
    assertThat(entry(a, "/interface ethernet", "ether7").kind()).isEqualTo(RouterOsEntry.Kind.BUILT_IN);
    assertThat(entry(a, "/interface ethernet", "ether7").properties()).isEqualTo(Map.of("comment", "HA_RESCUE"));
  }

  @Test
  void startupGuardRunsAtBootAndKeepsTrafficPortsDown() {
    PairSpec pair = example();
    DesiredNode a = target.desired(pair, pair.primary());
    assertThat(entry(a, "/system scheduler", RoleHooks.STARTUP).properties())
        .containsEntry("start-time", "startup").containsEntry("on-event", "/system script run HA_STARTUP");
    String guard = entry(a, "/system script", RoleHooks.STARTUP).properties().get("source");
    List<String> lines = guard.lines().map(String::strip).toList();
    int hold = lines.indexOf("/interface vrrp disable [find name=\"HA_VRRP\"]");
    int ports = lines.indexOf("/interface ethernet disable [find where name!=\"ether8\" and comment!=\"HA_RESCUE\"]");
    int release = lines.indexOf("/interface vrrp enable [find name=\"HA_VRRP\"]");
    assertThat(hold).isNotNegative().isLessThan(ports);
    assertThat(ports).isLessThan(release);
    assertThat(guard).contains(":delay 50ms").contains("on-error=");
  }

  @Test
  void withoutBgpTheHooksLeaveRoutingAlone() {
    PairSpec pair = Inventories.pair(replace(MINIMAL, "    routeros: 7\n", "    routeros: 7\n      bgp: false\n"));
    DesiredNode a = target.desired(pair, pair.primary());
    for (String script : List.of(RoleHooks.ON_MASTER, RoleHooks.ON_BACKUP, RoleHooks.STARTUP)) {
      assertThat(entry(a, "/system script", script).properties().get("source")).doesNotContain("/routing");
    }
  }

  @Test
  void preferenceNoneTurnsOffHeartbeatPreemption() {
    PairSpec pair = Inventories.pair(MINIMAL + "      heartbeat: { preferred: none, interval: 0.1 }\n");
    DesiredNode a = target.desired(pair, pair.primary());
    assertThat(entry(a, "/interface vrrp", "HA_VRRP").properties()).containsEntry("priority", "100")
        .containsEntry("preemption-mode", "no").containsEntry("interval", "100ms");
  }

  @Test
  void vrrpTwoPasswordReachesOnlyTheRouter() {
    String marker = "Zq7xmK2p";
    String yaml = replace(MINIMAL, "          vips: [198.51.100.1/24]\n", "          vips: [198.51.100.1/24]\n"
        + "          version: 2\n          authentication: { type: PASS, password: \"${env:VRRP_PASS}\" }\n");
    Inventory inventory = new InventoryLoader().withTargets(Targets.of(target))
        .withEnvironment(Map.of("VRRP_PASS", marker)).load(yaml, "test.yml", null);
    PairSpec pair = inventory.pairs().get(0);
    for (NodeSpec node : pair.nodes()) {
      DesiredNode desired = target.desired(pair, node);
      RouterOsEntry lan = entry(desired, "/interface vrrp", "LAN");
      assertThat(lan.properties()).containsEntry("authentication", "simple");
      assertThat(lan.sensitive()).isTrue();
      StringBuilder shown = new StringBuilder(target.reviewScript(pair, node));
      for (Resource r : desired.resources()) {
        Comparison c = r.compare(Optional.empty());
        shown.append(r.describe()).append(r).append(c.summary()).append(c.attributes()).append(c.content());
        c.content().ifPresent(cc -> shown.append(cc.after() instanceof io.haprovision.resource.ContentChange.Known k
            ? k.text() : ""));
      }
      assertThat(shown.toString()).doesNotContain(marker).contains("password=******");
      assertThat(lan.commands(Optional.empty())).singleElement().asString().contains(" password=" + marker);
    }
  }
}
