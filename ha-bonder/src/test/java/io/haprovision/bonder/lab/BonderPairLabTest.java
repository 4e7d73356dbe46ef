package io.haprovision.bonder.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.bonder.BonderTarget;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.engine.NodeConnector;
import io.haprovision.engine.NodeKey;
import io.haprovision.engine.SshNodeConnector;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.error.TargetException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.bonderapi.ApiCall;
import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import io.haprovision.lab.bonderapi.ObjectKind;
import io.haprovision.lab.junit.LabTest;
import io.haprovision.lab.rehearse.Rehearsal;
import io.haprovision.lab.rehearse.RehearsalReport;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanJson;
import io.haprovision.plan.PlanTextRenderer;
import io.haprovision.secret.Redactor;
import io.haprovision.secret.Secret;
import io.haprovision.spi.Targets;
import io.haprovision.transport.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real bonder pair in the lab (debian personality: real dpkg, keepalived and curl, a
 * systemctl stand-in) against the management API simulator on the lab host's management
 * address, over HTTPS with its CA installed on the bonders ({@code ca_file}) and given to
 * the control host ({@code control_ca_file}). keepalived runs VRRP between the two bonders
 * over their LAN (the private link, through the lab's bridge); the notify program ha-provision
 * installs moves the objects through the simulator, whose call log proves the order.
 *
 * <p>Tests run in order on one lab: converge first, then the drills and faults, each leaving
 * p1-a MASTER with bond 12 carrying the objects.
 */
@LabTest(pairs = 1, personality = "debian")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BonderPairLabTest {
  /** The API password: a marker no other text holds, with quotes and a backslash. */
  static final String PASSWORD = "Lb9'q\"x\\Y-bonder-api-marker";
  static final String MARKER = "bonder-api-marker";
  static final String CA_ON_BONDERS = "/etc/ha-provision-lab/api-ca.pem";
  static final String STATE_FILE = "/var/lib/ha-provision/bonder-notify.state";

  static ManagementApiSimulator api;
  static Path dir;
  static Path inventoryFile;
  /** Everything the runs printed or reported, for the marker test. */
  static final List<String> printed = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void startApi(Lab lab) throws IOException {
    api = ManagementApiSimulator.start(ManagementApiSimulator.Spec.loopback("ha-failover@example.net", Secret.of(PASSWORD, "test"))
        .withBindAddress(lab.hostAddress()));
    // The wrong way round, so only the notify program can make it right.
    api.bond(12).connectedIp(101, "198.51.100.10", false).route(201, "203.0.113.0/29", false)
        .route(202, "203.0.113.8/29", false).cpeNatIp(301, "203.0.113.20", false);
    api.bond(13).connectedIp(103, "198.51.100.12", true).route(203, "203.0.113.16/29", true)
        .cpeNatIp(302, "203.0.113.21", true);
    // Each bond's connected IP on the private link: enabled on both, its hook starts keepalived.
    api.bond(12).connectedIp(PRIVATE_A, "198.18.20.2", true);
    api.bond(13).connectedIp(PRIVATE_B, "198.18.20.3", true);
    for (LabNode node : lab.nodes()) {
      ExecResult r = lab.exec(node.name(), "mkdir -p /etc/ha-provision-lab && cat > " + CA_ON_BONDERS
          + " <<'EOF_CA'\n" + api.caPem() + "EOF_CA\n");
      assertThat(r.exitCode()).as(r.describe()).isZero();
    }
    dir = Files.createTempDirectory("bonder-lab-");
    inventoryFile = dir.resolve("bonders.yml");
    Files.writeString(inventoryFile, inventory(lab, ""));
  }

  @AfterAll
  static void stopApi() throws IOException {
    if (api != null) {
      api.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The lab pair as a bonder pair; {@code extraVrrp} goes under the pair's {@code vrrp:}. */
  static String inventory(Lab lab, String extraVrrp) {
    LabPair p = lab.pair(1);
    StringBuilder y = new StringBuilder()
        .append("version: 1\n")
        .append("defaults:\n")
        .append("  ssh:\n")
        .append("    user: root\n")
        .append("    identity_file: ").append(lab.identityFile()).append('\n')
        .append("    known_hosts: ").append(lab.knownHostsFile()).append('\n')
        .append("    host_key_policy: strict\n")
        .append("  vrrp:\n")
        .append("    version: 2\n")
        .append("    advert_int: 1\n")
        .append("pairs:\n")
        .append("  - name: bonders\n")
        .append("    platform: bonder\n")
        .append("    nodes:\n");
    for (LabNode n : p.nodes()) {
      y.append("      - name: ").append(n.name()).append('\n')
          .append("        role: ").append(n.role()).append('\n')
          .append("        host: ").append(n.managementAddress()).append('\n')
          .append("        interfaces:\n")
          .append("          br-lan: ").append(n.lanAddress()).append('\n');
    }
    y.append("    vrrp:\n")
        .append("      instances:\n")
        .append("        - name: BONDERS\n")
        .append("          interface: br-lan\n")
        .append("          virtual_router_id: 61\n")
        .append("          unicast: true\n")
        .append("          priority: { primary: 10, secondary: 5 }\n")
        .append(extraVrrp)
        .append("    bonder:\n")
        .append("      api:\n")
        .append("        host: ").append(api.host()).append('\n')
        .append("        port: ").append(api.port()).append('\n')
        .append("        user: ha-failover@example.net\n")
        .append("        password: ${env:BONDER_API_PASSWORD}\n")
        .append("        verify_tls: true\n")
        .append("        ca_file: ").append(CA_ON_BONDERS).append('\n')
        .append("        control_ca_file: ").append(api.caPemFile()).append('\n')
        .append("        timeout: 3s\n")
        .append("        attempts: 3\n")
        .append("        attempt_delay: 1s\n")
        .append("      bonds:\n")
        .append("        primary: { bond: 12, connected_ips: [101], routes: [201, 202], cpe_nat_ips: [301],"
            + " hook_connected_ip: " + PRIVATE_A + " }\n")
        .append("        secondary: { bond: 13, connected_ips: [103], routes: [203], cpe_nat_ips: [302],"
            + " hook_connected_ip: " + PRIVATE_B + " }\n")
        .append("      track_command: \"true\"\n")
        .append("      track_interval: 1\n");
    return y.toString();
  }

  static Inventory load(String yaml, String password) {
    return new InventoryLoader().withTargets(Targets.of(new BonderTarget()))
        .withEnvironment(Map.of("BONDER_API_PASSWORD", password)).load(yaml, inventoryFile.toString(), dir);
  }

  static Engine engine(Inventory inventory, NodeConnector connector) {
    Engine.Builder b = Engine.builder().targets(Targets.of(new BonderTarget()))
        .redactor(Redactor.of(inventory.secrets()))
        .listener(e -> {
          String line = "  [event] " + e;
          printed.add(line);
          System.out.println(line);
        });
    if (connector != null) {
      b.connector(connector);
    }
    return b.build();
  }

  static void print(String text) {
    printed.add(text);
    System.out.println(text);
  }

  /** The PATCH calls since the log was last cleared, as {@code BOND/KIND/ID=true|false}. */
  static List<String> patches() {
    return api.calls().stream().filter(c -> c.method().equals("PATCH") && c.status() == 200)
        .map(c -> c.path().replace("/api/v3/bonds/", "").replaceAll("/$", "") + "="
            + c.body().replaceAll("[^a-z]*\"enabled\"[^a-z]*(true|false).*", "$1"))
        .toList();
  }

  /** The calls a swap to {@code bond} makes, in the FACTS order. */
  static List<String> swapTo(int bond) {
    if (bond == 12) {
      return List.of("13/cpe_nat_ips/302=false", "13/routes/203=false", "13/connected_ips/103=false",
          "12/connected_ips/101=true", "12/cpe_nat_ips/301=true", "12/routes/201=true", "12/routes/202=true");
    }
    return List.of("12/cpe_nat_ips/301=false", "12/routes/201=false", "12/routes/202=false",
        "12/connected_ips/101=false", "13/connected_ips/103=true", "13/cpe_nat_ips/302=true", "13/routes/203=true");
  }

  /** The private link's connected IP of bond 12 and of bond 13: never moved. */
  static final int PRIVATE_A = io.haprovision.bonder.ApiFixture.PRIVATE.get(12);
  static final int PRIVATE_B = io.haprovision.bonder.ApiFixture.PRIVATE.get(13);

  static boolean carries(int bond) {
    int other = bond == 12 ? 13 : 12;
    return floating(bond, true) && floating(other, false);
  }

  static boolean floating(int bond, boolean enabled) {
    return io.haprovision.bonder.ApiFixture.floating(api, bond, enabled);
  }

  static void await(String what, Duration limit, BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + limit + ": " + what + "; API calls:\n"
            + String.join("\n", api.calls().stream().map(ApiCall::toString).toList()));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** keepalived's log, syslog and config on both bonders, printed when something failed. */
  static void diagnose(Lab lab) {
    for (LabNode node : lab.pair(1).nodes()) {
      System.out.println("---- " + node.name());
      System.out.println(lab.exec(node.name(), "tail -n 40 /var/log/lab-journal/keepalived.log; tail -n 40"
          + " /var/log/syslog; cat /etc/keepalived/keepalived.conf; ls -la /run/lab-systemd").stdout());
    }
  }

  static String stateOn(Lab lab, String node) {
    return lab.exec(node, "cat " + STATE_FILE).stdout();
  }

  static String syslogOn(Lab lab, String node) {
    return lab.exec(node, "cat /var/log/syslog /var/log/messages 2>/dev/null").stdout();
  }

  // ------------------------------------------------------------------ converge

  @Test
  @Order(1)
  void aFreshPairConvergesTheApiFollowsTheMasterAndASecondApplyChangesNothing(Lab lab) {
    Inventory inventory = load(inventory(lab, ""), PASSWORD);
    Engine engine = engine(inventory, null);
    Redactor redactor = Redactor.of(inventory.secrets());
    LabPair pair = lab.pair(1);
    // curl missing on p1-b only: apt installs it there, and only there.
    ExecResult removed = lab.exec(pair.b().name(), "dpkg -r curl >/dev/null 2>&1; command -v curl");
    assertThat(removed.exitCode()).as("curl removed on p1-b").isNotZero();
    try (EngineSession session = engine.open(inventory)) {
      Plan plan = session.plan();
      print(PlanTextRenderer.plain(redactor).render(plan));
      print(PlanJson.write(plan, redactor));
      assertThat(plan.hasChanges()).isTrue();
      ApplyReport applied = session.apply(plan);
      print(applied.toText(redactor));
      print(applied.toJson(redactor));
      if (!applied.ok()) {
        diagnose(lab);
      }
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();
      var pairResult = applied.pairs().get(0);
      assertThat(pairResult.node(pair.b().name()).orElseThrow().changes()).extracting(ApplyReport.ChangeResult::id)
          .contains("package:curl").doesNotContain("package:keepalived");
      assertThat(pairResult.node(pair.a().name()).orElseThrow().changes()).extracting(ApplyReport.ChangeResult::id)
          .doesNotContain("package:curl", "package:keepalived");
      // p1-b came up first (BACKUP first, so MASTER alone for a moment), then p1-a preempted.
      await("bond 12 carries the objects", Duration.ofSeconds(30), () -> carries(12));
      VerifyReport verified = session.verify(VerifyOptions.defaults());
      print(verified.toText(redactor));
      print(verified.toJson(redactor));
      assertThat(verified.ok()).as(verified.toText(redactor)).isTrue();
      var checks = verified.pairs().get(0);
      assertThat(checks.check("keepalived-running").orElseThrow().status()).isEqualTo(CheckResult.Status.PASSED);
      assertThat(checks.check("single-master BONDERS").orElseThrow().message()).contains(pair.a().name() + " MASTER");
      assertThat(checks.check("api-state").orElseThrow().message())
          .contains(pair.a().name() + " is MASTER and the API agrees: bond 12");
    }
    // The last swap the log shows is p1-a's, in the FACTS order.
    List<String> all = patches();
    assertThat(all.subList(all.size() - 7, all.size())).containsExactlyElementsOf(swapTo(12));
    assertThat(stateOn(lab, pair.a().name())).contains("result=ok").contains("event=INSTANCE BONDERS MASTER 10");

    try (EngineSession session = engine.open(inventory)) {
      Plan again = session.plan();
      print(PlanTextRenderer.plain(redactor).render(again));
      assertThat(again.hasChanges()).as("second converge").isFalse();
      ApplyReport none = session.apply(again);
      assertThat(none.changesApplied()).isZero();
      assertThat(none.handlersRun()).isZero();
    }
    for (LabNode node : pair.nodes()) {
      assertThat(lab.exec(node.name(), "stat -c '%a %U %G' /etc/ha-provision/bonder-notify.conf").stdout().strip())
          .as("notify settings on " + node.name()).isEqualTo("600 root root");
      assertThat(lab.exec(node.name(), "systemctl is-enabled keepalived").stdout().strip())
          .as("the default start is bonding's connected-IP hook: nothing starts keepalived at boot")
          .isEqualTo("disabled");
    }
  }

  // ------------------------------------------------------------------ drill

  @Test
  @Order(2)
  void theDrillSwapsTheObjectsInOrderAndBackAndReportsTheTime(Lab lab) {
    Inventory inventory = load(inventory(lab, ""), PASSWORD);
    Redactor redactor = Redactor.of(inventory.secrets());
    api.clearCalls();
    try (EngineSession session = engine(inventory, null).open(inventory)) {
      VerifyReport verified = session.verify(VerifyOptions.defaults().withDrills(true));
      print(verified.toText(redactor));
      assertThat(verified.ok()).as(verified.toText(redactor)).isTrue();
      CheckResult drill = verified.pairs().get(0).check("drill api-failover").orElseThrow();
      assertThat(drill.status()).isEqualTo(CheckResult.Status.PASSED);
      double swap = drill.figures().get("api_swap_seconds");
      System.out.printf("api failover: %.3f s, back: %.3f s%n", swap, drill.figures().get("api_return_seconds"));
      // master-down 3 x 1 s + skew, then seven calls
      assertThat(swap).isBetween(0.1, 15.0);
      assertThat(drill.figures()).containsKey("api_return_seconds");
    }
    List<String> expected = new ArrayList<>(swapTo(13));
    expected.addAll(swapTo(12));
    assertThat(patches()).containsExactlyElementsOf(expected);
    assertThat(carries(12)).isTrue();
    assertThat(stateOn(lab, lab.pair(1).a().name())).contains("result=ok").contains("MASTER 10");
  }

  // ------------------------------------------------------------------ faults

  @Test
  @Order(3)
  void twoServiceUnavailableAnswersAreRetriedAndTheSwapCompletes(Lab lab) {
    LabPair pair = lab.pair(1);
    api.clearCalls();
    api.failNext(2, 503, "PATCH /api/v3/bonds/12/cpe_nat_ips/301/");
    stopKeepalived(lab, pair.a().name());
    try {
      await("bond 13 carries the objects", Duration.ofSeconds(30), () -> carries(13));
      List<Integer> statuses = api.calls().stream().filter(c -> c.path().equals("/api/v3/bonds/12/cpe_nat_ips/301/"))
          .map(ApiCall::status).toList();
      assertThat(statuses).containsExactly(503, 503, 200);
      assertThat(patches()).containsExactlyElementsOf(swapTo(13));
      await("p1-b's state file", Duration.ofSeconds(10), () -> stateOn(lab, pair.b().name()).contains("result=ok"));
    } finally {
      startKeepalived(lab, pair.a().name());
    }
    await("bond 12 carries the objects again", Duration.ofSeconds(30), () -> carries(12));
  }

  @Test
  @Order(4)
  void aNotFoundIsNotRetriedAndTheNotifyProgramFailsNamingTheId(Lab lab) {
    LabPair pair = lab.pair(1);
    String b = pair.b().name();
    api.clearCalls();
    api.failNext(1, 404, "PATCH /api/v3/bonds/12/routes/201/");
    stopKeepalived(lab, pair.a().name());
    try {
      await("p1-b's notify program ended", Duration.ofSeconds(30),
          () -> stateOn(lab, b).contains("result=failed"));
      assertThat(api.calls()).filteredOn(c -> c.path().equals("/api/v3/bonds/12/routes/201/")).hasSize(1);
      String state = stateOn(lab, b);
      print(state);
      assertThat(state).contains("failed=routes/201:HTTP-404").contains("event=INSTANCE BONDERS MASTER 5");
      String syslog = syslogOn(lab, b);
      assertThat(syslog).contains("routes 201 of bond 12: HTTP 404, not retried")
          .contains("failover to bond 13 incomplete; failed: routes/201:HTTP-404");
      // The notify program's exit status: run it again by hand as keepalived does, same fault.
      api.failNext(1, 404, "PATCH /api/v3/bonds/12/routes/201/");
      ExecResult rerun = lab.exec(b, "/usr/libexec/ha-provision/bonder-notify /etc/ha-provision/bonder-notify.conf"
          + " INSTANCE BONDERS MASTER 5");
      assertThat(rerun.exitCode()).isEqualTo(1);
      // Everything else moved; route 201 is left enabled on bond 12.
      assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isTrue();
      assertThat(floating(13, true)).isTrue();
    } finally {
      startKeepalived(lab, pair.a().name());
    }
    await("bond 12 carries the objects again", Duration.ofSeconds(30), () -> carries(12));
  }

  static void stopKeepalived(Lab lab, String node) {
    ExecResult r = lab.exec(node, "systemctl stop keepalived");
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  static void startKeepalived(Lab lab, String node) {
    // a stopping keepalived exits after its handover; start only once it is gone
    lab.exec(node, "i=0; while pidof keepalived >/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done");
    ExecResult r = lab.exec(node, "systemctl start keepalived");
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  // ------------------------------------------------------------------ preflight

  /** Opens nodes over SSH, counting the calls. */
  static final class CountingConnector implements NodeConnector {
    final AtomicInteger openAll = new AtomicInteger();
    private final SshNodeConnector ssh = new SshNodeConnector();

    @Override
    public Map<NodeKey, Connection> openAll(List<NodeTarget> nodes, int parallelism) {
      openAll.incrementAndGet();
      return ssh.openAll(nodes, parallelism);
    }

    @Override
    public long handshakes() {
      return ssh.handshakes();
    }
  }

  @Test
  @Order(5)
  void wrongCredentialsOrAnUnknownIdStopThePlanBeforeAnyBonderIsTouched(Lab lab) {
    api.clearCalls();
    CountingConnector counting = new CountingConnector();
    Inventory wrongPassword = load(inventory(lab, ""), "not-the-password");
    assertThatThrownBy(() -> engine(wrongPassword, counting).open(wrongPassword).plan())
        .isInstanceOfSatisfying(TargetException.class, e -> {
          print(e.getMessage());
          assertThat(e.kind()).isEqualTo(TargetException.Kind.UNREACHABLE); // CLI: exit 69
          assertThat(e.getMessage()).contains("refused API user ha-failover@example.net")
              .doesNotContain("not-the-password");
        });
    Inventory unknownId = load(inventory(lab, "").replace("routes: [203]", "routes: [203, 299]"), PASSWORD);
    assertThatThrownBy(() -> engine(unknownId, counting).open(unknownId).plan())
        .isInstanceOfSatisfying(TargetException.class, e -> {
          print(e.getMessage());
          assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED); // CLI: exit 1
          assertThat(e.getMessage()).contains("route 299 (pairs[0].bonder.bonds.secondary.routes) of bond 13");
        });
    assertThat(counting.openAll).as("node connections opened").hasValue(0);
    assertThat(counting.handshakes()).isZero();
    assertThat(api.calls()).allMatch(c -> c.method().equals("GET"));
  }

  // ------------------------------------------------------------------ weighted track script

  @Test
  @Order(6)
  void aWeightedTrackScriptChangesThePriorityButNotWhoCarriesTheObjects(Lab lab) {
    // +5 while /bin/true succeeds: p1-a runs at 15, p1-b at 10 (what the original script
    // took for "I am the master bonder").
    String weighted = "          track_scripts: [bonus]\n"
        + "      track_scripts:\n"
        + "        - { name: bonus, script: \"/bin/true\", interval: 1, weight: 5 }\n";
    Inventory inventory = load(inventory(lab, weighted), PASSWORD);
    Redactor redactor = Redactor.of(inventory.secrets());
    LabPair pair = lab.pair(1);
    try (EngineSession session = engine(inventory, null).open(inventory)) {
      ApplyReport applied = session.apply(session.plan());
      print(applied.toText(redactor));
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();
    }
    api.clearCalls();
    stopKeepalived(lab, pair.a().name());
    try {
      await("bond 13 carries the objects", Duration.ofSeconds(30), () -> carries(13));
      await("p1-b's state file", Duration.ofSeconds(10), () -> stateOn(lab, pair.b().name()).contains("result=ok"));
      // keepalived told p1-b "MASTER 10": the old script would have moved bond 12's objects.
      assertThat(stateOn(lab, pair.b().name())).contains("event=INSTANCE BONDERS MASTER 10");
    } finally {
      startKeepalived(lab, pair.a().name());
    }
    await("bond 12 carries the objects again", Duration.ofSeconds(30), () -> carries(12));
    await("p1-a's state file", Duration.ofSeconds(10), () -> stateOn(lab, pair.a().name()).contains("MASTER 15"));
    assertThat(stateOn(lab, pair.a().name())).contains("result=ok");
    List<String> expected = new ArrayList<>(swapTo(13));
    expected.addAll(swapTo(12));
    assertThat(patches()).containsExactlyElementsOf(expected);
  }

  // ------------------------------------------------------------------ connected-IP hook

  @Test
  @Order(7)
  void withTheConnectedIpHookKeepalivedIsDisabledInSystemdAndTheHookStartsAndStopsIt(Lab lab) {
    String yaml = inventory(lab, "").replace("      track_interval: 1\n",
        "      track_interval: 1\n      keepalived_start: connected-ip-hook\n");
    Inventory inventory = load(yaml, PASSWORD);
    Redactor redactor = Redactor.of(inventory.secrets());
    LabPair pair = lab.pair(1);
    try (EngineSession session = engine(inventory, null).open(inventory)) {
      ApplyReport applied = session.apply(session.plan());
      print(applied.toText(redactor));
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();
    }
    Map<String, String> hooks = Map.of(pair.a().name(), "/etc/bonding/connectedip.d/" + PRIVATE_A + "/keepalived",
        pair.b().name(), "/etc/bonding/connectedip.d/" + PRIVATE_B + "/keepalived");
    hooks.forEach((node, hook) -> {
      assertThat(lab.exec(node, "systemctl is-enabled keepalived").stdout().strip()).isEqualTo("disabled");
      assertThat(lab.exec(node, "systemctl is-active keepalived").stdout().strip()).isEqualTo("active");
      assertThat(lab.exec(node, "stat -c '%a %U' " + hook).stdout().strip()).isEqualTo("755 root");
    });
    String hookA = hooks.get(pair.a().name());
    assertThat(lab.exec(pair.a().name(), hookA + " stop").exitCode()).isZero();
    await("bond 13 carries the objects", Duration.ofSeconds(30), () -> carries(13));
    lab.exec(pair.a().name(), "i=0; while pidof keepalived >/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done");
    assertThat(lab.exec(pair.a().name(), hookA + " up").exitCode()).isZero();
    await("bond 12 carries the objects again", Duration.ofSeconds(30), () -> carries(12));
    try (EngineSession session = engine(inventory, null).open(inventory)) {
      assertThat(session.plan().hasChanges()).as("converged with the hook").isFalse();
    }
  }

  /**
   * Issue 18, point 3: by default (no keepalived_start) keepalived is started by bonding's
   * connected-IP hook of the private link's address, so it never runs before that address
   * exists. Bonding's part is played as its hook contract says (FACTS.md; upstream's
   * keepalived-connected-ip-hook): the address is added and then the hook gets {@code start};
   * {@code stop} comes before the address is removed. keepalived is disabled in systemd, so a
   * boot starts nothing by itself.
   */
  @Test
  @Order(8)
  void byDefaultKeepalivedStartsOnlyOnceThePrivateIpIsThereAndTheHookSaysStart(Lab lab) {
    Inventory inventory = load(inventory(lab, ""), PASSWORD);
    assertThat(inventory.pairs().get(0).platformSection(io.haprovision.bonder.BonderSection.class).keepalivedStart())
        .isEqualTo(io.haprovision.bonder.KeepalivedStart.CONNECTED_IP_HOOK);
    Redactor redactor = Redactor.of(inventory.secrets());
    try (EngineSession session = engine(inventory, null).open(inventory)) {
      ApplyReport applied = session.apply(session.plan());
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();
    }
    LabPair pair = lab.pair(1);
    String b = pair.b().name();
    String hook = "/etc/bonding/connectedip.d/" + PRIVATE_B + "/keepalived";
    String address = pair.b().lanAddress();
    await("bond 12 carries the objects", Duration.ofSeconds(30), () -> carries(12));
    try {
      // Bonding stops: the hook's stop, then the address goes.
      assertThat(lab.exec(b, hook + " stop").exitCode()).isZero();
      assertThat(lab.exec(b, "ip address del " + address + " dev br-lan").exitCode()).isZero();
      await("keepalived stopped on " + b, Duration.ofSeconds(20), () -> lab.exec(b, "pidof keepalived").exitCode() != 0);
      assertThat(lab.exec(b, "systemctl is-enabled keepalived").stdout().strip())
          .as("nothing starts keepalived at boot").isEqualTo("disabled");

      // Bonding starts again, late: the address first, keepalived only on the hook's start.
      lab.exec(b, ": > " + STATE_FILE);
      assertThat(lab.exec(b, "ip address add " + address + " dev br-lan").exitCode()).isZero();
      assertThat(lab.exec(b, "pidof keepalived").exitCode()).as("keepalived before the hook's start").isNotZero();
      assertThat(lab.exec(b, hook + " start").exitCode()).isZero();
      await("keepalived running on " + b, Duration.ofSeconds(20), () -> lab.exec(b, "pidof keepalived").exitCode() == 0);
      // It speaks VRRP from the new address: the peer's adverts reach it and it settles as BACKUP.
      await(b + " reports BACKUP", Duration.ofSeconds(30), () -> stateOn(lab, b).contains("BONDERS BACKUP"));
      // A BACKUP that heard nothing would become MASTER after the master-down interval
      // (3 x 1 s advert + skew, about 3.6 s): outlast it, then it must still be BACKUP.
      lab.exec(b, "sleep 4.5");
      assertThat(stateOn(lab, b)).contains("BONDERS BACKUP").doesNotContain("MASTER");
      assertThat(carries(12)).as("bonder-a stayed MASTER").isTrue();

      // The hook's stop stops it.
      assertThat(lab.exec(b, hook + " stop").exitCode()).isZero();
      await("keepalived stopped on " + b, Duration.ofSeconds(20), () -> lab.exec(b, "pidof keepalived").exitCode() != 0);
    } finally {
      lab.exec(b, "ip address add " + address + " dev br-lan 2>/dev/null; " + hook + " start");
    }
  }

  // ------------------------------------------------------------------ drain

  /**
   * Issue 19, point 4 on bonders: {@code drain} the MASTER moves the routing objects to the
   * peer's bond once, in the FACTS order, and keepalived on the drained bonder stays FAULT
   * through a restart (so it never claims them back); verify says drained, not failed;
   * {@code undrain} lets it preempt and the objects come back once. A bonder pair has no VIP a
   * client could ping in the lab (the objects move through the management API), so what is
   * counted is the object moves and how long the objects were on a bond whose keepalived was
   * not MASTER.
   */
  @Test
  @Order(9)
  void drainMovesTheObjectsOnceAndKeepsThemOffUntilUndrain(Lab lab) {
    Inventory inventory = load(inventory(lab, ""), PASSWORD);
    Redactor redactor = Redactor.of(inventory.secrets());
    LabPair pair = lab.pair(1);
    String a = pair.a().name();
    io.haprovision.spi.PlatformAction drain = action("drain");
    io.haprovision.spi.PlatformAction undrain = action("undrain");
    try (EngineSession session = engine(inventory, null).open(inventory)) {
      ApplyReport applied = session.apply(session.plan());
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();
      await("bond 12 carries the objects", Duration.ofSeconds(30), () -> carries(12));
      api.clearCalls();
      long start = System.nanoTime();
      io.haprovision.spi.ActionResult drained = session.action(drain, inventory.pairs().get(0).name(), List.of(a), BonderPairLabTest::print,
          Optional.empty());
      print(drained.output());
      assertThat(drained.ok()).as(drained.output()).isTrue();
      await("bond 13 carries the objects", Duration.ofSeconds(30), () -> carries(13));
      System.out.printf("bonder drain: the objects were on bond 13 %.3f s after drain began%n",
          (System.nanoTime() - start) / 1e9);
      assertThat(patches()).containsExactlyElementsOf(swapTo(13));
      assertThat(lab.exec(a, "cat /etc/keepalived/ha-provision.drain").stdout().strip()).isEqualTo("-254");

      lab.exec(a, ": > " + STATE_FILE);
      stopKeepalived(lab, a);
      startKeepalived(lab, a);
      await(a + " starts drained (FAULT)", Duration.ofSeconds(20), () -> stateOn(lab, a).contains("BONDERS FAULT"));
      VerifyReport verified = session.verify(VerifyOptions.defaults().withDrills(true));
      print(verified.toText(redactor));
      assertThat(verified.ok()).as(verified.toText(redactor)).isTrue();
      var checks = verified.pairs().get(0);
      assertThat(checks.check("drained " + a).orElseThrow().status()).isEqualTo(CheckResult.Status.PASSED);
      assertThat(checks.check("drills").orElseThrow().status()).isEqualTo(CheckResult.Status.SKIPPED);
      assertThat(checks.check("api-state").orElseThrow().message()).contains("bond 13");
      assertThat(patches()).as("nothing moved while drained").containsExactlyElementsOf(swapTo(13));

      io.haprovision.spi.ActionResult back = session.action(undrain, inventory.pairs().get(0).name(), List.of(a), BonderPairLabTest::print,
          Optional.empty());
      print(back.output());
      assertThat(back.ok()).as(back.output()).isTrue();
      await("bond 12 carries the objects again", Duration.ofSeconds(30), () -> carries(12));
      List<String> both = new ArrayList<>(swapTo(13));
      both.addAll(swapTo(12));
      assertThat(patches()).containsExactlyElementsOf(both);
      assertThat(lab.exec(a, "cat /etc/keepalived/ha-provision.drain").stdout().strip()).isEqualTo("0");
    }
  }

  private static io.haprovision.spi.PlatformAction action(String name) {
    return new BonderTarget().actions().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }

  // ------------------------------------------------------------------ rehearsal

  /**
   * Issue 14, point 3 on bonders: {@code provision rehearse} against this pair as production.
   * The replica (a second Debian lab) gets its own management
   * server, the API simulator on the replica lab's host address, the real server's address
   * mapped to it; production's bonders and management server are only read.
   */
  @Test
  @Order(10)
  void aRehearsalTriesTheChangeOnAReplicaWithItsOwnManagementServer(Lab lab) throws IOException {
    String current = inventory(lab, "").replace("      track_interval: 1\n",
        "      track_interval: 1\n      keepalived_start: connected-ip-hook\n");
    Path changed = Files.writeString(dir.resolve("rehearse.yml"), current.replace("track_interval: 1\n",
        "track_interval: 2\n"));
    LabPair pair = lab.pair(1);
    Map<String, String> before = productionState(lab, pair);
    List<io.haprovision.lab.bonderapi.ApiObject> objects = api.objects();
    api.clearCalls();

    RehearsalReport report = Rehearsal.run(new Rehearsal.Options(changed, List.of(), false,
        Map.of("BONDER_API_PASSWORD", PASSWORD), e -> print("  [event] " + e), line -> print("  [rehearse] " + line)));
    String text = report.toText();
    print(text);
    print(report.toJson());

    RehearsalReport.PairRehearsal p = report.pairs().get(0);
    assertThat(p.realPlan().hasChanges()).isTrue();
    assertThat(p.differences()).as(text).isEmpty();
    assertThat(p.mappings()).anyMatch(m -> m.real().equals(api.host()) && m.what().startsWith("the management server"));
    assertThat(report.ok()).as(text).isTrue();
    assertThat(p.applied().status()).isEqualTo(ApplyReport.PairStatus.APPLIED);
    assertThat(p.applied().nodes()).allMatch(n -> n.safetyNet().stream()
        .anyMatch(l -> l.startsWith("confirmed over a new connection")));
    assertThat(p.checks()).anyMatch(c -> c.name().equals("drill api-failover") && c.status() == CheckResult.Status.PASSED);
    assertThat(p.ping()).as("a bonder pair has no VIP to ping").isEmpty();

    assertThat(api.calls()).as("production's management server was only read").allMatch(c -> c.method().equals("GET"));
    assertThat(api.objects()).isEqualTo(objects);
    assertThat(productionState(lab, pair)).isEqualTo(before);
    assertThat(Lab.status()).noneMatch(s -> s.runId().equals(report.labRunId()));
  }

  /** What a change could touch on the production bonders: configuration hashes, keepalived's pid. */
  private static Map<String, String> productionState(Lab lab, LabPair pair) {
    Map<String, String> state = new java.util.TreeMap<>();
    for (LabNode n : pair.nodes()) {
      state.put(n.name() + " files", lab.exec(n.name(), "find /etc/keepalived /etc/ha-provision /etc/bonding "
          + "/usr/libexec/ha-provision /etc/systemd/system -type f 2>/dev/null | sort | xargs sha256sum | sha256sum")
          .stdout());
      state.put(n.name() + " keepalived", lab.exec(n.name(), "pidof keepalived || true").stdout());
      state.put(n.name() + " runtime", lab.exec(n.name(), "ls -R /var/run/ha-provision 2>/dev/null || true").stdout());
    }
    return state;
  }

  // ------------------------------------------------------------------ secrets

  @Test
  @Order(11)
  void thePasswordIsInNoPlanReportOrLogAndOnlyInTheNotifySettingsOnTheBonders(Lab lab) {
    assertThat(printed).isNotEmpty();
    for (String text : printed) {
      assertThat(text).doesNotContain(PASSWORD).doesNotContain(MARKER);
    }
    for (LabNode node : lab.pair(1).nodes()) {
      ExecResult grep = lab.exec(node.name(), "grep -rl -F '" + MARKER + "' /etc /usr/libexec /var/lib/ha-provision"
          + " /var/log /tmp /run 2>/dev/null; ps -eo args | grep -F '" + MARKER + "' | grep -v grep; true");
      assertThat(grep.stdout().strip()).as("files on " + node.name() + " holding the password")
          .isEqualTo("/etc/ha-provision/bonder-notify.conf");
      assertThat(lab.exec(node.name(), "stat -c '%a %U %G' /etc/ha-provision/bonder-notify.conf").stdout().strip())
          .isEqualTo("600 root root");
    }
  }

  // ------------------------------------------------------------------ adoption

  /**
   * Issue 17 on Multapplied's swap-active-bond guide: the pair rebuilt by hand as the guide
   * builds it (keepalived from apt started by systemd, its example keepalived.conf with priority
   * 10 and 9, a chk_node script and {@code notify /usr/local/bin/swap-active-bond.py},
   * /etc/bonding/swap-active-bond.conf with the management server, the password in clear and the
   * bond and object ids; the script itself is a stand-in that records its calls). Then import
   * (nothing changes on either bonder; the password is never read off them), validate, plan,
   * apply (the objects stay on bond 12: no failover), verify with the API drill, and a second plan
   * with nothing to do. Last: it leaves the bonders as the guide's pair adopted.
   */
  @Test
  @Order(12)
  void aPairBuiltFromTheSwapActiveBondGuideIsAdoptedWithoutMovingTheObjects(Lab lab) {
    LabPair pair = lab.pair(1);
    LabNode a = pair.a();
    LabNode b = pair.b();
    await("bond 12 carries the objects", Duration.ofSeconds(30), () -> carries(12));
    // ha-provision's keepalived goes first, the BACKUP before the MASTER, so nothing takes over.
    for (LabNode n : List.of(b, a)) {
      stopKeepalived(lab, n.name());
      lab.exec(n.name(), "i=0; while pidof keepalived >/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done");
    }
    for (LabNode n : pair.nodes()) {
      LabNode peer = n == a ? b : a;
      ExecResult r = lab.exec(n.name(), byTheGuide(n, peer, n == a ? 10 : 9, n == a ? "MASTER" : "BACKUP"));
      assertThat(r.exitCode()).as(r.describe()).isZero();
    }
    for (LabNode n : List.of(a, b)) {
      assertThat(lab.exec(n.name(), "systemctl restart keepalived").exitCode()).isZero();
    }
    await(a.name() + " MASTER by the guide's notify", Duration.ofSeconds(20),
        () -> lab.exec(a.name(), "cat /tmp/swap-active-bond.calls").stdout().contains("MASTER 10"));
    await(b.name() + " BACKUP by the guide's notify", Duration.ofSeconds(20),
        () -> lab.exec(b.name(), "cat /tmp/swap-active-bond.calls").stdout().contains("BACKUP 9"));

    assertThat(carries(12)).as("the objects stayed on bond 12 while the pair was rebuilt").isTrue();
    Map<String, String> before = guideState(lab, pair);
    io.haprovision.adopt.PairImport.ImportedPair imported = io.haprovision.adopt.PairImport.run(
        Targets.of(new BonderTarget()), new io.haprovision.adopt.PairImport.ImportRequest("bonder", "bonders",
            List.of(new io.haprovision.adopt.PairImport.ImportNode(b.name(), "root", b.managementAddress(), 22),
                new io.haprovision.adopt.PairImport.ImportNode(a.name(), "root", a.managementAddress(), 22)),
            Optional.of(lab.identityFile()), Optional.of(lab.knownHostsFile()),
            io.haprovision.transport.HostKeyPolicy.STRICT), line -> print("  [import] " + line));
    print(imported.inventory());
    assertThat(guideState(lab, pair)).as("import changed nothing on either bonder").isEqualTo(before);
    assertThat(imported.primary()).isEqualTo(a.name());
    assertThat(imported.secrets()).extracting(io.haprovision.adopt.KeepalivedAdoption.SecretVariable::variable)
        .containsExactly("BONDERS_VI_1_VRRP_PASS", "BONDERS_API_PASSWORD");
    assertThat(imported.inventory()).contains("track_command: /usr/sbin/bondsh node ping").contains("bond: 12")
        .contains("bond: 13").contains("keepalived_start: systemd");

    Inventory inventory = imported.load(Targets.of(new BonderTarget()),
        Map.of("BONDERS_API_PASSWORD", PASSWORD, "BONDERS_VI_1_VRRP_PASS", "horsebat"));
    Redactor redactor = Redactor.of(inventory.secrets());
    api.clearCalls();
    try (EngineSession session = engine(inventory, null).open(inventory)) {
      Plan plan = session.plan();
      String planText = PlanTextRenderer.plain(redactor).render(plan);
      print(planText);
      assertThat(plan.hasChanges()).isTrue();
      assertThat(planText.lines().filter(l -> l.matches("  [+~-] .*"))).as("every change says why")
          .isNotEmpty().allMatch(l -> l.contains(" (why: "));
      ApplyReport applied = session.apply(plan);
      print(applied.toText(redactor));
      if (!applied.ok()) {
        diagnose(lab);
      }
      assertThat(applied.ok()).as(applied.toText(redactor)).isTrue();
      assertThat(patches()).as("adopting moved no object").isEmpty();
      assertThat(carries(12)).isTrue();
      VerifyReport verified = session.verify(VerifyOptions.defaults().withDrills(true));
      print(verified.toText(redactor));
      assertThat(verified.ok()).as(verified.toText(redactor)).isTrue();
      assertThat(verified.pairs().get(0).check("drill api-failover").orElseThrow().status())
          .isEqualTo(CheckResult.Status.PASSED);
    }
    try (EngineSession session = engine(inventory, null).open(inventory)) {
      Plan again = session.plan();
      assertThat(again.hasChanges()).as(PlanTextRenderer.plain(redactor).render(again)).isFalse();
    }
    // The password was in clear in the guide's file; it reached no output of import or of the run.
    for (String text : printed) {
      assertThat(text).doesNotContain(PASSWORD).doesNotContain(MARKER);
    }
  }

  /** What import could change on the bonders: files under /etc and /usr/local, keepalived's pid. */
  private static Map<String, String> guideState(Lab lab, LabPair pair) {
    Map<String, String> state = new java.util.TreeMap<>();
    for (LabNode n : pair.nodes()) {
      state.put(n.name(), lab.exec(n.name(), "find /etc /usr/local /usr/libexec -type f 2>/dev/null | sort | xargs"
          + " sha256sum; pidof keepalived; systemctl is-enabled keepalived; true").stdout());
    }
    return state;
  }

  /** The guide's steps on one bonder, after taking ha-provision's own setup away. */
  private static String byTheGuide(LabNode self, LabNode peer, int priority, String state) {
    String own = self.lanAddress().substring(0, self.lanAddress().indexOf('/'));
    String other = peer.lanAddress().substring(0, peer.lanAddress().indexOf('/'));
    return "set -e\n"
        + "systemctl stop keepalived || true\n"
        + "rm -rf /usr/libexec/ha-provision /etc/ha-provision /etc/keepalived/ha-provision.drain"
        + " /etc/bonding/connectedip.d\n"
        + "mkdir -p /etc/bonding /usr/local/bin\n"
        // The lab's Debian bonders have no Multapplied bondsh: a stand-in whose node ping succeeds.
        + "[ -x /usr/sbin/bondsh ] || { printf '#!/bin/sh\\n[ \"$*\" = \"node ping\" ]\\n' > /usr/sbin/bondsh;"
        + " chmod 0755 /usr/sbin/bondsh; }\n"
        + "cat > /etc/bonding/swap-active-bond.conf <<'EOF'\n"
        + "[bondingadmin]\n"
        + "host = " + api.host() + ":" + api.port() + "\n"
        + "user = ha-failover@example.net\n"
        + "passwd = " + PASSWORD + "\n"
        + "verify_ssl = false\n"
        + "timeout = 3\n"
        + "attempts = 3\n"
        + "attempt_delay = 1\n"
        + "\n[bond]\n"
        + "master_bond_id = 12\n"
        + "master_connected_ip_ids = 101\n"
        + "master_route_ids = 201, 202\n"
        + "master_cpe_nat_ip_ids = 301\n"
        + "backup_bond_id = 13\n"
        + "backup_connected_ip_ids = 103\n"
        + "backup_route_ids = 203\n"
        + "backup_cpe_nat_ip_ids = 302\n"
        + "EOF\n"
        + "cat > /usr/local/bin/swap-active-bond.py <<'EOF'\n"
        + "#!/bin/sh\n"
        + "# stand-in for the guide's script: records how keepalived called it\n"
        + "echo \"$3 $4\" >> /tmp/swap-active-bond.calls\n"
        + "EOF\n"
        + "chmod +x /usr/local/bin/swap-active-bond.py\n"
        + "cat > /etc/keepalived/keepalived.conf <<'EOF'\n"
        + "vrrp_script chk_node {\n"
        + "    script \"/usr/sbin/bondsh node ping\" # Ping the core node service to ensure it's available.\n"
        + "    interval 5\n"
        + "    fall 2\n"
        + "}\n\n"
        + "vrrp_instance VI_1 {\n"
        + "    interface br-lan # Change this to interface of private IP\n"
        + "    state " + state + " # MASTER or BACKUP\n"
        + "    priority " + priority + "\n"
        + "    virtual_router_id 2\n"
        + "    unicast_src_ip " + own + "\n"
        + "    unicast_peer {\n"
        + "        " + other + "\n"
        + "    }\n"
        + "    authentication {\n"
        + "        auth_type PASS\n"
        + "        auth_pass horsebat # Change this\n"
        + "    }\n"
        + "    track_script {\n"
        + "        chk_node\n"
        + "    }\n"
        + "    notify /usr/local/bin/swap-active-bond.py\n"
        + "}\n"
        + "EOF\n"
        + "rm -f /tmp/swap-active-bond.calls\n"
        + "systemctl enable keepalived\n";
  }
}
