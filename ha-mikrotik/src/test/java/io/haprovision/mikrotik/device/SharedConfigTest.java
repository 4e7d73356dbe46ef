package io.haprovision.mikrotik.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.MikrotikDesiredState;
import io.haprovision.mikrotik.MikrotikTestSupport;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared configuration of two routers: each router's own entries (addresses, heartbeat
 * priority, hooks naming its identity) and the hooks' run-time state left out; what is left
 * compared and synced.
 */
class SharedConfigTest {
  private final PairSpec pair = MikrotikTestSupport.example();

  /** The export a router converged to {@code node}'s desired state would print (defaults included: they compare equal). */
  private String converged(String node, String extra) {
    List<String> lines = new ArrayList<>();
    lines.add("# 2026-11-22 05:20:11 by RouterOS 7.12.1");
    for (Resource r : MikrotikDesiredState.forNode(pair, pair.nodes().stream().filter(n -> n.name().equals(node))
        .findFirst().orElseThrow()).resources()) {
      if (!(r instanceof RouterOsEntry e)) {
        continue;
      }
      lines.add(e.kind() == RouterOsEntry.Kind.BUILT_IN
          ? e.menu() + " set [ find default-name=" + e.key().get("name") + " ] " + e.reviewLine().replaceFirst("^set \\S+ ", "")
          : e.menu() + " " + e.reviewLine());
    }
    lines.add("/system identity set name=" + node + "_ACTIVE");
    lines.add(extra);
    return String.join("\n", lines) + "\n";
  }

  private Map<String, SharedConfig.Entry> shared(String node, String export) {
    return SharedConfig.of(pair, pair.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow(),
        RouterOsExport.parse(export), 7);
  }

  @Test
  void convergedRoutersShareTheSameConfiguration() {
    var a = shared("ccr-a", converged("ccr-a", "/interface ethernet set [ find default-name=ether1 ] disabled=no"));
    var b = shared("ccr-b", converged("ccr-b", "/interface ethernet set [ find default-name=ether1 ] disabled=yes"));
    assertThat(SharedConfig.compare("ccr-a", a, "ccr-b", b, 7)).isEmpty();
    // Own entries are not in it: A's addresses, the hooks' sources, the heartbeat priority.
    assertThat(a.keySet()).doesNotContain("/ip address address=203.0.113.2/29", "/ip address address=198.18.23.1/24");
    assertThat(a.get("/interface vrrp name=HA_VRRP").properties()).doesNotContainKey("priority");
    assertThat(a.get("/system script name=HA_STARTUP").properties()).containsKey("source");
    assertThat(a.get("/system script name=HA_ON_MASTER").properties()).doesNotContainKey("source");
    assertThat(a.keySet()).contains("/ip address address=203.0.113.1/32");
  }

  @Test
  void aHandChangeIsDriftAndSyncRepairsIt() {
    String route = "/ip route add dst-address=192.0.2.128/25 gateway=203.0.113.6";
    var a = shared("ccr-a", converged("ccr-a", route + "\n/interface vrrp set [ find name=WAN ] interval=2s")
        .replace("name=WAN interface=ether1 vrid=51 priority=150 interval=1s", "name=WAN interface=ether1 vrid=51 priority=150 interval=2s"));
    var b = shared("ccr-b", converged("ccr-b", "/interface bridge add name=stale comment=old"));
    List<SharedConfig.Difference> diff = SharedConfig.compare("ccr-a", a, "ccr-b", b, 7);
    assertThat(diff).extracting(SharedConfig.Difference::text).containsExactlyInAnyOrder(
        "only on ccr-a: /ip route dst-address=192.0.2.128/25 gateway=203.0.113.6",
        "/interface vrrp name=WAN: interval=2s on ccr-a, 1s on ccr-b",
        "only on ccr-b: /interface bridge name=stale comment=old");
    List<Edit> edits = SharedConfig.sync(a, b, 7);
    assertThat(edits).extracting(Edit::command).containsExactly(
        "/interface vrrp set [find name=WAN] interval=2s",
        "/ip route add dst-address=192.0.2.128/25 gateway=203.0.113.6",
        "/interface bridge remove [find name=stale]");
    assertThat(edits).extracting(Edit::undo).containsExactly(
        "/interface vrrp set [find name=WAN] interval=1s",
        "/ip route remove [find dst-address=192.0.2.128/25 gateway=203.0.113.6]",
        "/interface bridge add name=stale protocol-mode=rstp comment=old disabled=no");
  }

  @Test
  void secretsAreComparedButNeverShown() {
    var a = shared("ccr-a", converged("ccr-a", "/interface vrrp add name=X interface=ether3 password=topsecret1"));
    var b = shared("ccr-b", converged("ccr-b", "/interface vrrp add name=X interface=ether3 password=topsecret2"));
    List<SharedConfig.Difference> diff = SharedConfig.compare("ccr-a", a, "ccr-b", b, 7);
    assertThat(diff).hasSize(1);
    assertThat(diff.get(0).text()).contains("password=******").doesNotContain("topsecret");
    List<Edit> edits = SharedConfig.sync(a, b, 7);
    assertThat(edits.get(0).shown()).doesNotContain("topsecret");
    assertThat(edits.get(0).command()).contains("password=topsecret1");
  }
}
