package io.haprovision.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haprovision.error.TargetException;
import io.haprovision.secret.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH transport against a real OpenSSH sshd (see {@link TestSshd}); no mocks. */
class SshTransportTest {
  @TempDir static Path serverDir;
  @TempDir Path tmp;

  static TestSshd sshd;
  final SshTransport transport = new SshTransport();

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = TestSshd.startIn(serverDir);
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) {
      sshd.close();
    }
  }

  private Path trustedKnownHosts() throws IOException {
    Path kh = tmp.resolve("known_hosts");
    Files.writeString(kh, sshd.knownHostsLine() + "\n");
    return kh;
  }

  private Connection openTrusted() throws IOException {
    return transport.open(sshd.endpoint(trustedKnownHosts()));
  }

  @Test
  void execReturnsExitCodeStdoutAndStderr() throws Exception {
    try (Connection c = openTrusted()) {
      ExecResult r = c.exec("printf 'out\\n'; printf 'caf\\303\\251\\n' >&2; exit 3");
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.ok()).isFalse();
      assertThat(r.stdout()).isEqualTo("out\n");
      assertThat(r.stderr()).isEqualTo("café\n");
      assertThat(c.exec("true").ok()).isTrue();
      assertThat(c.target()).isEqualTo("root@127.0.0.1:" + sshd.port);
    }
  }

  @Test
  void stdinOfOneMebibyteArrivesByteForByte() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(42).nextBytes(data);
    for (int i = 0; i < 256; i++) {
      data[i] = (byte) i; // every byte value, NUL and CR/LF included
    }
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    try (Connection c = openTrusted()) {
      ExecResult r = c.exec("sha256sum | cut -d' ' -f1", data, Duration.ofSeconds(20));
      assertThat(r.stdout().trim()).isEqualTo(expected);
      assertThat(c.exec("wc -c", data).stdout().trim()).isEqualTo(String.valueOf(data.length));
      assertThat(c.exec("cat", "héllo\nwörld".getBytes(StandardCharsets.UTF_8)).stdout())
          .isEqualTo("héllo\nwörld");
      // A command that never reads its stdin must not hang the exec.
      assertThat(c.exec("exit 7", data).exitCode()).isEqualTo(7);
    }
  }

  /**
   * A router that stops answering mid-command (its sshd frozen with SIGSTOP, as a dead link or a
   * hung router looks from here) is noticed by the session keepalive in seconds, not after the
   * command's own timeout: 3 s between keepalives, three missed ones.
   */
  @Test
  void aSessionWhosePeerStopsAnsweringEndsWithinSeconds() throws Exception {
    try (Connection c = openTrusted()) {
      assertThat(c.exec("echo up").stdout()).isEqualTo("up\n");
      java.util.concurrent.CompletableFuture<Object> running = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> {
            try {
              return c.exec("sleep 120", new byte[0], Duration.ofMinutes(5));
            } catch (RuntimeException e) {
              return e;
            }
          });
      Thread.sleep(500);
      List<Long> session = ProcessHandle.of(sshd.pid()).orElseThrow().descendants().map(ProcessHandle::pid).toList();
      assertThat(session).as("the connection's sshd processes").isNotEmpty();
      long started = System.nanoTime();
      try {
        for (long pid : session) {
          new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
        }
        Object outcome = running.get(60, TimeUnit.SECONDS);
        long tookSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(outcome).as("the command's outcome").isInstanceOf(TargetException.class);
        assertThat(tookSeconds).as("seconds until the dead session was noticed").isLessThan(30);
        System.out.println("dead session noticed after " + tookSeconds + " s: " + ((Exception) outcome).getMessage());
      } finally {
        for (long pid : session) {
          new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
        }
      }
    }
  }

  @Test
  void commandTimeoutNamesTheCommandNotItsStdinAndKeepsTheSession() throws Exception {
    try (Connection c = openTrusted()) {
      long started = System.nanoTime();
      TargetException e = catchThrowableOfType(
          () -> c.exec("sleep 30; echo done", "stdin-secret-42".getBytes(StandardCharsets.UTF_8),
              Duration.ofMillis(300)),
          TargetException.class);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(e).isNotNull();
      assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED);
      assertThat(e.target()).isEqualTo("root@127.0.0.1:" + sshd.port);
      assertThat(e.getMessage()).contains("'sleep'").contains("0.3 s")
          .doesNotContain("stdin-secret-42").doesNotContain("echo done");
      assertThat(tookMillis).isLessThan(5000);
      assertThat(c.exec("echo still here").stdout()).isEqualTo("still here\n");
    }
  }

  @Test
  void quickCommandsOneAfterAnotherAllCompleteWithOrWithoutStdin() throws Exception {
    // JSch's own stdin-copying thread raced the close of a command that had already ended
    // ("could not start command '[': NullPointerException ... this.thread is null")
    try (Connection c = openTrusted()) {
      for (int i = 0; i < 200; i++) {
        assertThat(c.exec("[ -d / ]").exitCode()).as("run %d", i).isZero();
        assertThat(c.exec("true", new byte[] {1, 2, 3}).exitCode()).as("run %d, stdin never read", i).isZero();
      }
      assertThat(c.exec("cat", "still works".getBytes(StandardCharsets.UTF_8)).stdout()).isEqualTo("still works");
    }
  }

  @Test
  void execCounterCountsEveryCommand() throws Exception {
    try (Connection c = openTrusted()) {
      assertThat(c.execCount()).isZero();
      c.exec("true");
      c.exec("false");
      c.exec("cat", new byte[] {1, 2, 3});
      assertThat(c.execCount()).isEqualTo(3);
    }
  }

  @Test
  void strictRefusesAnUnknownKeyAndWritesNothing() throws Exception {
    Path missing = tmp.resolve("nothing-here/known_hosts");
    TargetException e = refused(sshd.endpoint(missing));
    assertThat(e.getMessage())
        .contains("[127.0.0.1]:" + sshd.port)
        .contains("ssh-ed25519")
        .contains(sshd.hostKeyFingerprint())
        .contains("ssh-keyscan -p " + sshd.port)
        .contains("accept-new");
    assertThat(missing.getParent()).doesNotExist();

    Path other = tmp.resolve("other_known_hosts");
    String content = "# someone else's hosts\nexample.test " + TestSshd.publicKeyFields(sshd.clientKey)
        + "\n";
    Files.writeString(other, content);
    refused(sshd.endpoint(other));
    assertThat(Files.readString(other)).isEqualTo(content);
  }

  @Test
  void anEntryForPort22DoesNotVouchForAnotherPort() throws Exception {
    // JSch alone would fall back from [host]:port to host; OpenSSH (and we) do not.
    Path kh = tmp.resolve("known_hosts");
    Files.writeString(kh, "127.0.0.1 " + sshd.knownHostsLine().split(" ", 2)[1] + "\n");
    assertThat(refused(sshd.endpoint(kh)).getMessage()).contains("has no entry");
  }

  @Test
  void acceptNewRecordsTheKeyThenConnects() throws Exception {
    Path kh = tmp.resolve("fresh/.ssh/known_hosts");
    SshEndpoint tofu = sshd.endpoint(kh).withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW);
    try (Connection c = transport.open(tofu)) {
      assertThat(c.exec("echo hi").stdout()).isEqualTo("hi\n");
    }
    assertThat(Files.readAllLines(kh)).containsExactly(sshd.knownHostsLine());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kh)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kh.getParent())))
        .isEqualTo("rwx------");

    try (Connection again = transport.open(sshd.endpoint(kh))) { // strict now trusts it
      assertThat(again.exec("true").ok()).isTrue();
    }
    transport.open(tofu).close();
    assertThat(Files.readAllLines(kh)).hasSize(1); // known keys are not appended twice
  }

  @Test
  void hashedKnownHostsEntriesAreFound() throws Exception {
    Path kh = trustedKnownHosts();
    TestSshd.run("ssh-keygen", "-q", "-H", "-f", kh.toString());
    assertThat(Files.readString(kh)).startsWith("|1|").doesNotContain("127.0.0.1");
    try (Connection c = transport.open(sshd.endpoint(kh))) {
      assertThat(c.exec("true").ok()).isTrue();
    }
  }

  @Test
  void aChangedHostKeyIsRefusedUnderBothPoliciesWithBothFingerprints() throws Exception {
    Path kh = trustedKnownHosts();
    String before = Files.readString(kh);
    String oldFingerprint = sshd.hostKeyFingerprint();
    sshd.restartWithNewHostKey();
    String newFingerprint = sshd.hostKeyFingerprint();
    assertThat(newFingerprint).isNotEqualTo(oldFingerprint);

    for (HostKeyPolicy policy : HostKeyPolicy.values()) {
      TargetException e = refused(sshd.endpoint(kh).withHostKeyPolicy(policy));
      assertThat(e.getMessage()).as(policy.inventoryName())
          .contains("HOST KEY CHANGED")
          .contains("[127.0.0.1]:" + sshd.port)
          .contains(oldFingerprint)
          .contains(newFingerprint)
          .contains("ssh-keygen -R");
    }
    assertThat(Files.readString(kh)).isEqualTo(before);
  }

  @Test
  void refusedLoginNamesTheTargetAndHoldsNoSecret() throws Exception {
    String password = "Pa55-never-shown-7f3";
    SshEndpoint e = sshd.endpoint(trustedKnownHosts()).withAuth(
        SshAuth.ofIdentityFile(sshd.strangerKey).withPassword(Secret.of(password, "env:SSH_PASS")));
    TargetException ex = refused(e);
    assertThat(ex.getMessage())
        .contains("root@127.0.0.1:" + sshd.port)
        .contains("authentication refused")
        .contains("env:SSH_PASS")
        .doesNotContain(password);
    for (Throwable t = ex; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(password);
      assertThat(t.toString()).doesNotContain(password);
    }
    assertThat(e.toString()).doesNotContain(password);
    assertThat(e.auth().toString()).doesNotContain(password);
  }

  @Test
  void rsaKeysLogInWithRsaSha2() throws Exception {
    SshEndpoint e = sshd.endpoint(trustedKnownHosts()).withAuth(SshAuth.ofIdentityFile(sshd.rsaKey));
    try (Connection c = transport.open(e)) {
      assertThat(c.exec("echo rsa").stdout()).isEqualTo("rsa\n");
    }
  }

  @Test
  void theAgentsKeysLogIn() throws Exception {
    Path socket = tmp.resolve("agent.sock");
    Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      for (int i = 0; i < 250 && !Files.exists(socket); i++) {
        Thread.sleep(20);
      }
      TestSshd.run(List.of("ssh-add", sshd.clientKey.toString()),
          Map.of("SSH_AUTH_SOCK", socket.toString()));
      SshEndpoint e = sshd.endpoint(trustedKnownHosts()).withAuth(SshAuth.ofAgent(socket));
      try (Connection c = transport.open(e)) {
        assertThat(c.exec("echo agent").stdout()).isEqualTo("agent\n");
      }
      SshEndpoint noAgent = e.withAuth(SshAuth.ofAgent(tmp.resolve("no-such.sock")));
      assertThat(refused(noAgent).getMessage()).contains("no SSH agent answers");
    } finally {
      agent.destroy();
      agent.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClosedPortIsReportedAsConnectionRefused() throws Exception {
    SshEndpoint closed = sshd.endpoint(trustedKnownHosts()).withPort(closedPort());
    TargetException e = refused(closed);
    assertThat(e.getMessage()).startsWith(closed.target() + ": ").contains("connection refused");
  }

  @Test
  void aHostThatNeverSpeaksSshTimesOut() throws Exception {
    // The kernel completes the TCP handshake into the backlog; nobody ever sends a banner.
    try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      SshEndpoint e = sshd.endpoint(trustedKnownHosts()).withPort(silent.getLocalPort())
          .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5));
      long started = System.nanoTime();
      TargetException ex = refused(e);
      assertThat(ex.getMessage()).contains("timed out after 0.5 s").contains("connect_timeout");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5000);
    }
  }

  @Test
  void strictKeyExchangeCanBeRequired() throws Exception {
    // Debian 12's OpenSSH 9.2 carries the Terrapin fix (kex-strict-s-v00@openssh.com).
    try (Connection c = transport.open(sshd.endpoint(trustedKnownHosts()).withRequireStrictKex(true))) {
      assertThat(c.exec("true").ok()).isTrue();
    }
  }

  @Test
  void openAllOpensInParallelWithOneHandshakePerEndpoint() throws Exception {
    Path kh = trustedKnownHosts();
    List<SshEndpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      endpoints.add(sshd.endpoint(kh).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30 + i)));
    }
    Map<SshEndpoint, Connection> open = transport.openAll(endpoints, 3);
    try {
      assertThat(open.keySet()).containsExactlyElementsOf(endpoints);
      assertThat(transport.handshakes()).isEqualTo(6);
      assertThat(transport.liveSessions()).isEqualTo(6);
      // $PPID is the sshd process serving the session: six connections, six sessions.
      long sessions = open.values().stream().map(c -> c.exec("echo $PPID").stdout()).distinct().count();
      assertThat(sessions).as("one sshd session per connection").isEqualTo(6);
      assertThat(open.values()).allSatisfy(c -> assertThat(c.execCount()).isEqualTo(1));
    } finally {
      open.values().forEach(Connection::close);
    }
    assertThat(transport.liveSessions()).isZero();
  }

  @Test
  void openAllClosesWhatItOpenedWhenOneEndpointFails() throws Exception {
    Path kh = trustedKnownHosts();
    SshEndpoint bad = sshd.endpoint(kh).withPort(closedPort());
    List<SshEndpoint> endpoints = List.of(sshd.endpoint(kh), bad,
        sshd.endpoint(kh).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(31)));
    assertThatThrownBy(() -> transport.openAll(endpoints, 3))
        .isInstanceOf(TargetException.class)
        .hasMessageStartingWith(bad.target() + ": ")
        .hasMessageContaining("connection refused");
    assertThat(transport.liveSessions()).isZero();
  }

  private TargetException refused(SshEndpoint endpoint) {
    TargetException e = catchThrowableOfType(() -> transport.open(endpoint).close(),
        TargetException.class);
    assertThat(e).as("connecting to " + endpoint + " should fail").isNotNull();
    assertThat(e.kind()).isEqualTo(TargetException.Kind.UNREACHABLE);
    assertThat(e.target()).isEqualTo(endpoint.target());
    return e;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
