package io.haprovision.bonder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.lab.bonderapi.ApiCall;
import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import io.haprovision.resource.FileResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered notify program run with {@code /bin/sh} and the real curl against the
 * management API simulator over HTTPS (its CA as the bonders' {@code ca_file}): the calls
 * the server receives, in order, with retries, timeouts and a final 4xx. Only logger is a
 * stand-in (it records the messages instead of sending them to syslog).
 */
class NotifyAgainstSimulatorTest {
  @TempDir
  Path dir;
  private static ManagementApiSimulator api;
  private PairSpec pair;
  private Path program;
  private Path stateFile;
  private Path fake;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "skipped: no /bin/sh");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "skipped: no curl in /usr/bin");
    ApiFixture.reset(api);
    pair = Inventories.pair(ApiFixture.inventory(api, null, api.caPemFile().toString()));
    fake = Files.createDirectories(dir.resolve("fake"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    try (InputStream in = getClass().getResourceAsStream("fake-bin/logger")) {
      Files.write(bin.resolve("logger"), in.readAllBytes());
    }
    Files.setPosixFilePermissions(bin.resolve("logger"), PosixFilePermissions.fromString("rwxr-xr-x"));
    program = dir.resolve("bonder-notify");
    Files.writeString(program, BonderFiles.notifyProgram());
    stateFile = dir.resolve("state/bonder-notify.state");
  }

  @BeforeAll
  static void startApi() {
    api = ApiFixture.start("127.0.0.1");
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  private Path config(NodeSpec node) throws IOException {
    FileResource f = new BonderTarget().desired(pair, node).resources().stream()
        .filter(r -> r instanceof FileResource x && x.path().equals(BonderPaths.NOTIFY_CONFIG))
        .map(FileResource.class::cast).findFirst().orElseThrow();
    Path conf = dir.resolve(node.name() + ".conf");
    Files.writeString(conf, Inventories.replace(f.content(), "STATE_FILE='" + BonderPaths.STATE_FILE + "'",
        "STATE_FILE='" + stateFile + "'"));
    return conf;
  }

  private int run(NodeSpec node, String state, String priority) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", program.toString(), config(node).toString(), "INSTANCE",
        "BONDERS", state, priority);
    pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    pb.environment().put("FAKE_API", fake.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("output").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("notify program finished").isTrue();
    return p.exitValue();
  }

  private List<String> syslog() throws IOException {
    Path f = fake.resolve("syslog");
    return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
  }

  private List<String> patches() {
    return api.calls().stream().filter(c -> c.method().equals("PATCH"))
        .map(c -> c.path() + " " + c.body().replace(" ", "") + " " + c.status()).toList();
  }

  @Test
  void theSecondaryBecomingMasterWithAWeightedPriorityMovesEveryObjectInOrder() throws Exception {
    int exit = run(pair.secondary(), "MASTER", "7");
    assertThat(exit).as(Files.readString(dir.resolve("output"))).isZero();
    assertThat(patches()).containsExactly(
        "/api/v3/bonds/12/cpe_nat_ips/301/ {\"enabled\":false} 200",
        "/api/v3/bonds/12/routes/201/ {\"enabled\":false} 200",
        "/api/v3/bonds/12/routes/202/ {\"enabled\":false} 200",
        "/api/v3/bonds/12/connected_ips/101/ {\"enabled\":false} 200",
        "/api/v3/bonds/12/connected_ips/102/ {\"enabled\":false} 200",
        "/api/v3/bonds/13/connected_ips/103/ {\"enabled\":true} 200",
        "/api/v3/bonds/13/connected_ips/104/ {\"enabled\":true} 200",
        "/api/v3/bonds/13/cpe_nat_ips/302/ {\"enabled\":true} 200",
        "/api/v3/bonds/13/routes/203/ {\"enabled\":true} 200",
        "/api/v3/bonds/13/routes/204/ {\"enabled\":true} 200");
    assertThat(api.calls()).allMatch(c -> c.user().equals("ha-failover@example.net"));
    assertThat(ApiFixture.floating(api, 13, true)).isTrue();
    assertThat(ApiFixture.floating(api, 12, false)).isTrue();
    assertThat(Files.readString(stateFile)).contains("result=ok\n").contains("node=bonder-b\n");
    assertThat(syslog()).hasSize(12); // start, ten calls, end
  }

  @Test
  void twoServiceUnavailableAnswersAreRetriedAndTheSwapCompletes() throws Exception {
    api.failNext(2, 503, "PATCH /api/v3/bonds/12/cpe_nat_ips/301/");
    int exit = run(pair.secondary(), "MASTER", "5");
    assertThat(exit).isZero();
    List<ApiCall> first = api.calls().stream().filter(c -> c.path().equals("/api/v3/bonds/12/cpe_nat_ips/301/")).toList();
    assertThat(first).extracting(ApiCall::status).containsExactly(503, 503, 200);
    // attempt_delay 1 s between the attempts
    assertThat(Duration.between(first.get(0).received(), first.get(2).received())).isGreaterThanOrEqualTo(
        Duration.ofMillis(1900));
    assertThat(ApiFixture.floating(api, 13, true)).isTrue();
    assertThat(ApiFixture.floating(api, 12, false)).isTrue();
    assertThat(syslog()).anyMatch(l -> l.contains("cpe_nat_ips 301 of bond 12: attempt 1 of 3 failed: HTTP 503"));
    assertThat(Files.readString(stateFile)).contains("result=ok");
  }

  @Test
  void aNotFoundIsNotRetriedFailsTheRunAndNamesTheId() throws Exception {
    api.failNext(1, 404, "PATCH /api/v3/bonds/12/routes/201/");
    int exit = run(pair.secondary(), "MASTER", "5");
    assertThat(exit).isEqualTo(1);
    assertThat(api.calls()).filteredOn(c -> c.path().equals("/api/v3/bonds/12/routes/201/")).hasSize(1);
    assertThat(Files.readString(stateFile)).contains("result=failed").contains("failed=routes/201:HTTP-404");
    assertThat(syslog()).anyMatch(l -> l.contains("routes 201 of bond 12: HTTP 404, not retried"))
        .anyMatch(l -> l.contains("failed: routes/201:HTTP-404"));
    // every other object was still moved
    assertThat(patches()).hasSize(10);
    assertThat(ApiFixture.floating(api, 13, true)).isTrue();
    assertThat(api.enabled(io.haprovision.lab.bonderapi.ObjectKind.ROUTES, 12, 201)).isTrue();
  }

  @Test
  void anAnswerSlowerThanTheTimeoutIsRetried() throws Exception {
    api.delayNext(1, Duration.ofSeconds(4), "PATCH /api/v3/bonds/13/routes/203/");
    int exit = run(pair.secondary(), "MASTER", "5");
    assertThat(exit).isZero();
    assertThat(syslog()).anyMatch(l -> l.contains("routes 203 of bond 13: attempt 1 of 3 failed: no answer (curl exit 28"));
    assertThat(ApiFixture.floating(api, 13, true)).isTrue();
    // The held first call is still handled by the server, after the retry: both are logged.
    api.awaitCalls(calls -> calls.stream().filter(c -> c.path().equals("/api/v3/bonds/13/routes/203/")).count() == 2,
        Duration.ofSeconds(10));
  }

  /**
   * Issue 18: upstream's swap-active-bond.py, as its README documents it (a client written
   * from that, test resource upstream/swap-client.py), and the notify program speaking v3 make
   * the same calls in the same order against the simulator, for both bonders becoming MASTER.
   */
  @Test
  void upstreamsDocumentedScriptAndTheNotifyProgramAgreeCallForCall() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "skipped: no python3");
    pair = Inventories.pair(Inventories.replace(ApiFixture.inventory(api, null, api.caPemFile().toString()),
        "version: auto", "version: v3"));
    Path client = dir.resolve("swap-client.py");
    try (InputStream in = getClass().getResourceAsStream("upstream/swap-client.py")) {
      Files.write(client, in.readAllBytes());
    }
    Path conf = Files.writeString(dir.resolve("swap-active-bond.conf"), String.join("\n",
        "[bondingadmin]", "host = 127.0.0.1:" + api.port(), "user = ha-failover@example.net",
        "passwd = " + Inventories.PASSWORD.replace("%", "%%"), "verify_ssl = true", "timeout = 2", "attempts = 3",
        "attempt_delay = 1", "", "[bond]", "master_bond_id = 12", "master_connected_ip_ids = 101, 102",
        "master_route_ids = 201, 202", "master_cpe_nat_ip_ids = 301", "backup_bond_id = 13",
        "backup_connected_ip_ids = 103, 104", "backup_route_ids = 203, 204", "backup_cpe_nat_ip_ids = 302", ""));
    for (String[] event : new String[][] {{"secondary", "9"}, {"primary", "10"}}) {
      // The other bonder's bond carries the objects before each one becomes MASTER.
      int carrier = event[0].equals("primary") ? 13 : 12;
      ApiFixture.reset(api, carrier);
      ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", client.toString(), "VI_1", "1", "MASTER", event[1]);
      pb.environment().put("SWAP_CONF", conf.toString());
      pb.environment().put("SWAP_CA_FILE", api.caPemFile().toString());
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(out).isZero();
      List<String> upstream = patches();

      ApiFixture.reset(api, carrier);
      NodeSpec node = event[0].equals("primary") ? pair.primary() : pair.secondary();
      assertThat(run(node, "MASTER", event[1])).isZero();
      assertThat(patches()).as(event[0] + " becoming MASTER").hasSize(10).containsExactlyElementsOf(upstream);
    }
  }

  @Test
  void aServerTheBondersDoNotTrustIsNeverSentTheCredentials() throws Exception {
    pair = Inventories.pair(Inventories.replace(ApiFixture.inventory(api, null, null), "attempts: 3", "attempts: 1"));
    int exit = run(pair.secondary(), "MASTER", "5");
    assertThat(exit).isEqualTo(1);
    assertThat(api.calls()).isEmpty();
    assertThat(syslog()).anyMatch(l -> l.contains("no answer (curl exit 60"));
    assertThat(Files.readString(stateFile)).contains("result=failed").contains("cpe_nat_ips/301:no-answer");
  }
}
