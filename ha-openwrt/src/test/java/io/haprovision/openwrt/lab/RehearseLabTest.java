package io.haprovision.openwrt.lab;

import static io.haprovision.openwrt.lab.LabRoles.awaitRole;
import static io.haprovision.openwrt.lab.LabRoles.converge;
import static io.haprovision.openwrt.lab.LabRoles.inventoryWithSyncLink;
import static io.haprovision.openwrt.lab.LabRoles.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.lab.rehearse.AddressMap;
import io.haprovision.lab.rehearse.PingDuringRollout;
import io.haprovision.lab.rehearse.Rehearsal;
import io.haprovision.lab.rehearse.RehearsalReport;
import io.haprovision.lab.rehearse.RehearsalReport.PairRehearsal;
import io.haprovision.plan.Change;
import io.haprovision.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 3: {@code provision rehearse} against a lab pair standing in for production.
 * Production is converged (keepalived with a VRRP password, conntrackd on a sync cable named ha0,
 * which the replica names its sync link after) and
 * then edited by hand on its BACKUP; the inventory then gains a LAN VIP. The rehearsal must show
 * what the real apply would do (the VIP and the hand edit undone), reproduce exactly that on a
 * replica seeded from production's files (the replica plans the same changes), roll it out there
 * with the full rollout while the replica's client keeps reaching the VIP, pass verify with the
 * drills there, never print the password, leave production exactly as it was, and remove the
 * replica.
 */
@LabTest(pairs = 1)
class RehearseLabTest {
  private static final String CONF = "/etc/keepalived/keepalived.conf";
  private static final String PASSWORD = "rEh3arse";
  private static final String NEW_VIP = "198.19.1.9";
  /** The firewall rule letting the peer's LAN adverts in (OpenWrtTarget's name for it). */
  private static final String RULE = "ha_vrrp_lan";

  @Test
  void aRehearsalShowsTheRealChangeTriesItOnASeededReplicaAndLeavesProductionAlone(Lab lab, @TempDir Path dir)
      throws Exception {
    LabPair pair = lab.pair(1);
    LabNode master = pair.a();
    LabNode backup = pair.b();
    Map<String, String> env = Map.of("REHEARSE_VRRP_PASS", PASSWORD);
    // Production's sync cable is called ha0, not the lab's sync: the replica must rename its link.
    for (LabNode n : pair.nodes()) {
      run(lab, n.name(), "ip link set dev sync down && ip link set dev sync name ha0 && ip link set dev ha0 up"
          + " && sed -i \"s/option device 'sync'$/option device 'ha0'/\" /etc/config/network"
          + " && /etc/init.d/firewall restart >/dev/null 2>&1");
    }
    Path production = withPassword(inventoryWithSyncLink(lab, dir, "      conntrackd:\n        interface: sync\n"));
    Files.writeString(production, Files.readString(production).replace("          sync: ", "          ha0: ")
        .replace("        interface: sync\n", "        interface: ha0\n"));
    convergeWith(production, env);
    awaitRole(lab, master, "master");
    awaitRole(lab, backup, "backup");
    // By hand on production's BACKUP: a firewall rule renamed (harmless, and not a secret, so the plan shows it).
    String handEdit = "hand edit on production " + lab.runId();
    run(lab, backup.name(), "uci set firewall." + RULE + ".name='" + handEdit + "' && uci commit firewall");

    String firstVip = "            - " + pair.lanVip() + "\n";
    String yaml = Files.readString(production);
    assertThat(yaml).contains(firstVip);
    Path changed = Files.writeString(dir.resolve("changed.yml"), yaml.replace(firstVip, firstVip + "            - "
        + NEW_VIP + "/24\n"));
    Map<String, String> before = productionState(lab, pair);
    Map<String, String> digestsBefore = factsDigests(changed, env);

    List<String> progress = new ArrayList<>();
    RehearsalReport report = Rehearsal.run(new Rehearsal.Options(changed, List.of(), false, env,
        e -> System.out.println("  [event] " + e), line -> {
          progress.add(line);
          System.out.println("  [rehearse] " + line);
        }));
    String text = report.toText();
    String json = report.toJson();
    System.out.println(text);

    // What the real apply would do: the new VIP on both, and the hand edit undone on the BACKUP.
    PairRehearsal p = report.pairs().get(0);
    List<String> onMaster = changed(p, master);
    assertThat(onMaster).contains("file:" + CONF).noneMatch(id -> id.startsWith("uci:firewall." + RULE));
    List<String> onBackup = new ArrayList<>(onMaster);
    onBackup.add("uci:firewall." + RULE + ".name");
    assertThat(changed(p, backup)).containsExactlyInAnyOrderElementsOf(onBackup);
    assertThat(text).contains("update uci firewall." + RULE + ".name: value '" + handEdit + "' -> 'ha-provision: VRRP LAN from "
        + master.name() + "'");
    // The replica was seeded with what production really has: it planned the very same changes.
    assertThat(p.differences()).as(text).isEmpty();
    assertThat(p.copied()).containsKeys(master.name(), backup.name());
    String mappedVip = p.mappings().stream().filter(m -> m.real().equals(NEW_VIP)).map(AddressMap.Mapping::lab)
        .findFirst().orElseThrow();
    assertThat(p.mappings()).as("the replica is reached at its own SSH addresses")
        .anyMatch(m -> m.real().equals(master.managementAddress()) && !m.lab().equals(master.managementAddress()))
        .anyMatch(m -> m.what().equals("network of ha0"))
        .anyMatch(m -> m.real().equals("ha0") && m.what().equals("interface: the lab's sync link, renamed"));
    assertThat(text).contains("Addresses, real -> replica:").contains(NEW_VIP).contains(mappedVip);

    // The replica took it with the full rollout, its client kept reaching the VIP, and it passed the drills.
    assertThat(report.ok()).as(text).isTrue();
    assertThat(p.applied().status()).isEqualTo(ApplyReport.PairStatus.APPLIED);
    assertThat(p.applied().rolloutOrder()).containsExactly(backup.name(), master.name());
    for (ApplyReport.NodeResult n : p.applied().nodes()) {
      assertThat(n.gate()).isPresent();
      assertThat(n.safetyNet()).anyMatch(l -> l.startsWith("armed on " + n.node()))
          .anyMatch(l -> l.startsWith("confirmed over a new connection"));
    }
    PingDuringRollout ping = p.ping().orElseThrow();
    assertThat(ping.answeredBefore()).as("the replica's LAN VIP answered before its rollout").isTrue();
    assertThat(ping.sent()).isPositive();
    assertThat(ping.received()).as(text).isPositive();
    assertThat(p.checks()).anyMatch(c -> c.name().equals("vip-answers " + mappedVip) && c.status() == CheckResult.Status.PASSED)
        .anyMatch(c -> c.name().equals("drill failover") && c.status() == CheckResult.Status.PASSED
            && c.figures().containsKey("failover_seconds"));
    assertThat(text).doesNotContain(PASSWORD);
    assertThat(json).doesNotContain(PASSWORD).contains("\"format\" : \"ha-provision-rehearsal-report\"");
    assertThat(String.join("\n", progress)).doesNotContain(PASSWORD);

    // Production: read, never changed; the replica is gone.
    assertThat(productionState(lab, pair)).isEqualTo(before);
    assertThat(factsDigests(changed, env)).isEqualTo(digestsBefore);
    assertThat(run(lab, backup.name(), "uci get firewall." + RULE + ".name").strip()).isEqualTo(handEdit);
    assertThat(run(lab, backup.name(), "cat " + CONF)).doesNotContain(NEW_VIP);
    assertThat(Lab.status()).noneMatch(s -> s.runId().equals(report.labRunId()));
  }

  /** The ids of what the real plan changes on {@code node}. */
  private static List<String> changed(PairRehearsal p, LabNode node) {
    return p.realPlan().node(node.name()).changes().stream().filter(Change::changes).map(c -> c.id().toString()).toList();
  }

  /** The inventory with a VRRP password from the environment for every instance. */
  private static Path withPassword(Path inventory) throws Exception {
    String anchor = "    host_key_policy: strict\n";
    String yaml = Files.readString(inventory);
    assertThat(yaml).contains(anchor);
    return Files.writeString(inventory, yaml.replace(anchor, anchor + "  vrrp:\n    authentication:\n"
        + "      type: PASS\n      password: ${env:REHEARSE_VRRP_PASS}\n"));
  }

  private static void convergeWith(Path inventory, Map<String, String> env) {
    ApplyReport r = Provisioner.builder().inventory(inventory).environment(env).build().apply();
    assertThat(r.ok()).as(r.toText(io.haprovision.secret.Redactor.none())).isTrue();
  }

  /** The facts digest of every production node, from a plan made with the same key. */
  private static Map<String, String> factsDigests(Path inventory, Map<String, String> env) {
    Plan plan = Provisioner.builder().inventory(inventory).environment(env).build().plan();
    return plan.factsDigests();
  }

  /**
   * Hashes of the configuration a change could touch on the production nodes, their addresses,
   * keepalived's pid and ha-provision's runtime files (locks, armed reverts).
   */
  private static Map<String, String> productionState(Lab lab, LabPair pair) {
    Map<String, String> state = new java.util.TreeMap<>();
    for (LabNode n : pair.nodes()) {
      state.put(n.name() + " configuration", run(lab, n.name(), "find /etc/config /etc/keepalived /etc/conntrackd /etc/sysctl.d /etc/nftables.d /etc/sysupgrade.conf"
          + " /usr/libexec/ha-provision -type f 2>/dev/null | sort"
          + " | xargs sha256sum | sha256sum"));
      state.put(n.name() + " addresses", run(lab, n.name(), "ip -o -4 addr show | awk '{print $2, $4}' | sort"));
      state.put(n.name() + " keepalived", run(lab, n.name(), "pidof keepalived || true"));
      state.put(n.name() + " runtime", run(lab, n.name(), "ls -R /var/run/ha-provision 2>/dev/null || true"));
    }
    return state;
  }
}
