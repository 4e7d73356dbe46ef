package io.haprovision.bonder;

import static io.haprovision.bonder.Inventories.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the rendered notify program with {@code /bin/sh} against stand-ins for curl,
 * logger and sleep (test resources {@code fake-bin/}), so the API calls, retries, log and
 * state file can be checked without a network.
 */
class NotifyProgramTest {
  private static final Path SH = Path.of("/bin/sh");

  @TempDir
  Path dir;
  private Path api;
  private Path program;
  private Path stateFile;
  private PairSpec pair;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(Files.isExecutable(SH), "skipped: no /bin/sh on this machine");
    api = Files.createDirectories(dir.resolve("api"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("curl", "logger", "sleep")) {
      try (InputStream in = getClass().getResourceAsStream("fake-bin/" + tool)) {
        Path out = bin.resolve(tool);
        Files.write(out, in.readAllBytes());
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    // v3 as upstream's script speaks it; the version choice has tests of its own below.
    pair = Inventories.pair(Inventories.replace(example(), "version: auto", "version: v3"));
    DesiredNode a = new BonderTarget().desired(pair, pair.primary());
    program = dir.resolve("bonder-notify");
    Files.writeString(program, file(a, BonderPaths.NOTIFY_PROGRAM).content());
    stateFile = dir.resolve("state/bonder-notify.state");
  }

  private static FileResource file(DesiredNode node, String path) {
    return node.resources().stream().filter(r -> r instanceof FileResource f && f.path().equals(path))
        .map(FileResource.class::cast).findFirst().orElseThrow();
  }

  /** The node's rendered notify config, its state file moved into the test folder. */
  private Path config(NodeSpec node) throws IOException {
    String content = file(new BonderTarget().desired(pair, node), BonderPaths.NOTIFY_CONFIG).content()
        .replace("STATE_FILE='" + BonderPaths.STATE_FILE + "'", "STATE_FILE='" + stateFile + "'");
    assertThat(content).contains(stateFile.toString());
    Path conf = dir.resolve(node.name() + ".conf");
    Files.writeString(conf, content);
    return conf;
  }

  private void answers(String... lines) throws IOException {
    Files.writeString(api.resolve("responses"), String.join("\n", lines) + "\n");
  }

  private int run(Path conf, String state, String priority) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(SH.toString(), program.toString(), conf.toString(),
        "INSTANCE", "BONDERS", state, priority);
    pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    pb.environment().put("FAKE_API", api.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("output").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("notify program finished").isTrue();
    return p.exitValue();
  }

  private List<String> lines(String name) throws IOException {
    Path f = api.resolve(name);
    return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
  }

  private String state() throws IOException {
    return Files.readString(stateFile);
  }

  @Test
  void passesTheShellSyntaxCheck() throws Exception {
    Process p = new ProcessBuilder(SH.toString(), "-n", program.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void masterDisablesThePeersObjectsThenEnablesItsOwnInTheFactsOrder() throws Exception {
    int exit = run(config(pair.primary()), "MASTER", "10");
    assertThat(exit).as(Files.readString(dir.resolve("output"))).isZero();
    assertThat(lines("calls")).containsExactly(
        "PATCH /api/v3/bonds/13/cpe_nat_ips/302/ {\"enabled\": false}",
        "PATCH /api/v3/bonds/13/routes/203/ {\"enabled\": false}",
        "PATCH /api/v3/bonds/13/routes/204/ {\"enabled\": false}",
        "PATCH /api/v3/bonds/13/connected_ips/103/ {\"enabled\": false}",
        "PATCH /api/v3/bonds/13/connected_ips/104/ {\"enabled\": false}",
        "PATCH /api/v3/bonds/12/connected_ips/101/ {\"enabled\": true}",
        "PATCH /api/v3/bonds/12/connected_ips/102/ {\"enabled\": true}",
        "PATCH /api/v3/bonds/12/cpe_nat_ips/301/ {\"enabled\": true}",
        "PATCH /api/v3/bonds/12/routes/201/ {\"enabled\": true}",
        "PATCH /api/v3/bonds/12/routes/202/ {\"enabled\": true}");
    assertThat(state()).contains("result=ok\n").contains("node=bonder-a\n").contains("event=INSTANCE BONDERS MASTER 10");
    assertThat(lines("syslog")).anyMatch(l -> l.contains("routes 202 of bond 12: enabled=true"));
    assertThat(lines("sleeps")).isEmpty();
  }

  @Test
  void passwordTravelsOnlyThroughCurlsStandardInput() throws Exception {
    run(config(pair.primary()), "MASTER", "10");
    String argv = String.join("\n", lines("argv"));
    String syslog = String.join("\n", lines("syslog"));
    assertThat(argv + syslog + state()).doesNotContain(Inventories.PASSWORD).doesNotContain("api-marker");
    // curl's config syntax: the password's backslash and double quote escaped.
    String escaped = Inventories.PASSWORD.replace("\\", "\\\\").replace("\"", "\\\"");
    assertThat(lines("config")).contains("user = \"ha-failover@example.net:" + escaped + "\"");
    assertThat(lines("config")).doesNotContain("insecure");
  }

  @Test
  void roleComesFromTheConfigEvenWhenTheWeightedPriorityIsNotTen() throws Exception {
    int exit = run(config(pair.secondary()), "MASTER", "7");
    assertThat(exit).isZero();
    List<String> calls = lines("calls");
    assertThat(calls.get(0)).isEqualTo("PATCH /api/v3/bonds/12/cpe_nat_ips/301/ {\"enabled\": false}");
    assertThat(calls).last().isEqualTo("PATCH /api/v3/bonds/13/routes/204/ {\"enabled\": true}");
    assertThat(state()).contains("node=bonder-b\n").contains("result=ok");
  }

  /** Issue 18: {@code auto} asks the server's v3 root and speaks v3, whose paths are documented, while it answers. */
  @Test
  void autoSpeaksV3WhileTheServerOffersIt() throws Exception {
    pair = Inventories.pair(example());
    answers("/api/v3/ 200");
    assertThat(run(config(pair.primary()), "MASTER", "10")).isZero();
    List<String> calls = lines("calls");
    assertThat(calls.get(0)).isEqualTo("GET /api/v3/ ");
    assertThat(calls.subList(1, calls.size())).hasSize(10).allMatch(c -> c.startsWith("PATCH /api/v3/bonds/"));
    assertThat(calls.get(1)).isEqualTo("PATCH /api/v3/bonds/13/cpe_nat_ips/302/ {\"enabled\": false}");
    assertThat(lines("syslog")).anyMatch(l -> l.contains("moving the routing objects to bond 12 (API v3)"));
    assertThat(lines("config")).allMatch(l -> !l.contains(Inventories.PASSWORD) || l.startsWith("user = "));
  }

  /** Issue 18: once the server dropped v3 (its root answers 404), {@code auto} still fails over, in v4. */
  @Test
  void autoSpeaksV4OnceTheServerDroppedV3() throws Exception {
    pair = Inventories.pair(example());
    answers("/api/v3/ 404");
    assertThat(run(config(pair.primary()), "MASTER", "10")).isZero();
    List<String> calls = lines("calls");
    assertThat(calls.get(0)).isEqualTo("GET /api/v3/ ");
    assertThat(calls.subList(1, calls.size())).hasSize(10).allMatch(c -> c.startsWith("PATCH /api/v4/bonds/"));
    assertThat(state()).contains("result=ok");
  }

  /** Issue 18: a version set in the inventory is spoken without asking. */
  @Test
  void anExplicitVersionIsSpokenWithoutAsking() throws Exception {
    pair = Inventories.pair(Inventories.replace(example(), "version: auto", "version: v4"));
    assertThat(run(config(pair.primary()), "MASTER", "10")).isZero();
    assertThat(lines("calls")).hasSize(10).allMatch(c -> c.startsWith("PATCH /api/v4/bonds/"));
  }

  @Test
  void backupAndFaultChangeNothing() throws Exception {
    assertThat(run(config(pair.primary()), "BACKUP", "10")).isZero();
    assertThat(run(config(pair.primary()), "FAULT", "0")).isZero();
    assertThat(lines("calls")).isEmpty();
    assertThat(state()).contains("result=ignored").contains("FAULT");
  }

  @Test
  void serverErrorsAreRetriedWithTheDelay() throws Exception {
    answers("/api/v3/bonds/13/routes/204/ 503 503 200");
    int exit = run(config(pair.primary()), "MASTER", "10");
    assertThat(exit).isZero();
    assertThat(lines("calls")).filteredOn(c -> c.contains("/routes/204/")).hasSize(3);
    assertThat(lines("sleeps")).containsExactly("5", "5");
    assertThat(lines("syslog")).anyMatch(l -> l.contains("routes 204 of bond 13: attempt 1 of 3 failed: HTTP 503"));
    assertThat(state()).contains("result=ok");
  }

  @Test
  void aNewerEventStopsARunThatIsStillRetrying() throws Exception {
    answers("/api/v3/bonds/13/cpe_nat_ips/302/ 503 200");
    Path conf = config(pair.primary());
    // Between the first and second attempt, keepalived reports BACKUP for the same instance.
    Files.writeString(api.resolve("on-sleep"), "exec /bin/sh '" + program + "' '" + conf
        + "' INSTANCE BONDERS BACKUP 10\n");
    int exit = run(conf, "MASTER", "10");
    assertThat(exit).isZero();
    assertThat(lines("calls")).containsExactly("PATCH /api/v3/bonds/13/cpe_nat_ips/302/ {\"enabled\": false}");
    assertThat(state()).contains("result=ignored").contains("event=INSTANCE BONDERS BACKUP 10");
    assertThat(lines("syslog")).anyMatch(l -> l.contains("a newer event (BACKUP) replaced this MASTER event"));
  }

  @Test
  void timeoutsAreRetriedToo() throws Exception {
    answers("/api/v3/bonds/12/connected_ips/101/ timeout 200");
    assertThat(run(config(pair.primary()), "MASTER", "10")).isZero();
    assertThat(lines("calls")).filteredOn(c -> c.contains("/connected_ips/101/")).hasSize(2);
    assertThat(lines("syslog")).anyMatch(l -> l.contains("no answer (curl exit 28"));
  }

  @Test
  void clientErrorIsNotRetriedAndFailsTheRunNamingTheId() throws Exception {
    answers("/api/v3/bonds/13/routes/203/ 404");
    int exit = run(config(pair.primary()), "MASTER", "10");
    assertThat(exit).isNotZero();
    List<String> calls = lines("calls");
    assertThat(calls).filteredOn(c -> c.contains("/routes/203/")).hasSize(1);
    assertThat(lines("sleeps")).isEmpty();
    // Every other object is still moved: the failover brings up what it can.
    assertThat(calls).hasSize(10);
    assertThat(state()).contains("result=failed").contains("failed=routes/203:HTTP-404");
    assertThat(lines("syslog")).anyMatch(l -> l.contains("routes 203 of bond 13: HTTP 404, not retried"));
  }

  @Test
  void givesUpAfterTheAttemptsAndFails() throws Exception {
    answers("/api/v3/bonds/12/routes/201/ 503");
    int exit = run(config(pair.primary()), "MASTER", "10");
    assertThat(exit).isNotZero();
    assertThat(lines("calls")).filteredOn(c -> c.contains("/routes/201/")).hasSize(3);
    assertThat(state()).contains("failed=routes/201:HTTP-503");
  }

  @Test
  void successWhoseAnswerShowsTheWrongStateIsNotSuccess() throws Exception {
    answers("/api/v3/bonds/12/cpe_nat_ips/301/ 200-wrong");
    int exit = run(config(pair.primary()), "MASTER", "10");
    assertThat(exit).isNotZero();
    assertThat(state()).contains("cpe_nat_ips/301:HTTP-200-not-true");
  }

  @Test
  void unreadableConfigChangesNothingAndFails() throws Exception {
    int exit = run(dir.resolve("missing.conf"), "MASTER", "10");
    assertThat(exit).isEqualTo(66);
    assertThat(lines("calls")).isEmpty();
    assertThat(lines("syslog")).anyMatch(l -> l.contains("cannot read"));
  }

  @Test
  void configHandsEveryPasswordOverVerbatimAndRunsNothing() throws Exception {
    for (String password : List.of("$(touch pwned)", "`touch pwned`", "it's \\\"odd\"", " padded ",
        "END_OF_API_PASSWORD", "x\\")) {
      PairSpec p = Inventories.loader().withEnvironment(java.util.Map.of("BONDER_API_PASSWORD", password))
          .load(example(), "t.yml", null).pairs().get(0);
      Path conf = dir.resolve("weird.conf");
      Files.writeString(conf, BonderFiles.notifyConfig(p, p.primary(), p.platformSection(BonderSection.class)));
      Process sh = new ProcessBuilder(SH.toString(), "-c", ". \"$1\"; printf '%s' \"$API_PASSWORD\"", "sh",
          conf.toString()).directory(dir.toFile()).start();
      String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(sh.waitFor()).isZero();
      assertThat(out).as("password %s", password).isEqualTo(password);
      assertThat(dir.resolve("pwned")).doesNotExist();
    }
  }

  @Test
  void insecureOnlyWhenVerificationIsOff() throws Exception {
    Path conf = config(pair.primary());
    Files.writeString(conf, Files.readString(conf).replace("VERIFY_TLS='yes'", "VERIFY_TLS='no'"));
    run(conf, "MASTER", "10");
    List<String> config = new ArrayList<>(lines("config"));
    assertThat(config).contains("insecure");
  }
}
