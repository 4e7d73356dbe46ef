package io.haprovision.transport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenSSH sshd for tests: runs as root on 127.0.0.1 and a free port, with its own
 * host key, authorized_keys, pid file and config in a temp directory; {@code -D -e} in the
 * background, killed by {@link #close()}. Also makes the client keys the tests log in with.
 */
final class TestSshd implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");

  final Path dir;
  final int port;
  /** Authorized ed25519 client key. */
  final Path clientKey;
  /** Authorized rsa client key (logs in with rsa-sha2; sshd refuses ssh-rsa SHA-1). */
  final Path rsaKey;
  /** A key that is not authorized. */
  final Path strangerKey;
  private final Path hostKey;
  private final Path log;
  private Process process;

  private TestSshd(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    this.port = freePort();
    this.hostKey = dir.resolve("host_ed25519");
    this.log = dir.resolve("sshd.log");
    this.clientKey = dir.resolve("client_ed25519");
    this.rsaKey = dir.resolve("client_rsa");
    this.strangerKey = dir.resolve("stranger_ed25519");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "client", "-f", clientKey.toString());
    run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "rsa", "-f", rsaKey.toString());
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "stranger", "-f",
        strangerKey.toString());
    Files.writeString(dir.resolve("authorized_keys"),
        Files.readString(pub(clientKey)) + Files.readString(pub(rsaKey)));
    newHostKey();
    Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + hostKey,
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "UsePAM no",
        "StrictModes no",
        "PasswordAuthentication yes",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin yes",
        "UseDNS no",
        "MaxStartups 100:30:200",
        "MaxSessions 50",
        "LogLevel VERBOSE",
        // bash sources ~/.bashrc for commands run by sshd unless SHLVL says it is nested;
        // this keeps the developer's shell setup (pyenv and the like) out of the timings.
        "SetEnv SHLVL=1",
        "") );
    start();
  }

  /**
   * Starts an sshd in {@code dir}, or skips the calling test (with the reason printed) when
   * not root or sshd is not installed.
   */
  static TestSshd startIn(Path dir) throws IOException, InterruptedException {
    assumeUsable();
    return new TestSshd(dir);
  }

  static void assumeUsable() throws IOException {
    boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    String reason = !root ? "not running as root (a private sshd needs root to log in users)"
        : !Files.isExecutable(SSHD) ? SSHD + " is not installed (Debian: openssh-server)"
        : null;
    if (reason != null) {
      System.err.println("SKIPPED SSH transport tests: " + reason);
    }
    assumeTrue(reason == null, reason);
  }

  /** {@code root@127.0.0.1:port}, logging in with {@link #clientKey}, checking {@code knownHosts}. */
  SshEndpoint endpoint(Path knownHosts) {
    return SshEndpoint.of("root", "127.0.0.1", SshAuth.ofIdentityFile(clientKey))
        .withPort(port)
        .withKnownHosts(knownHosts)
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  /** A known_hosts line trusting the current host key, in the {@code [host]:port} form. */
  String knownHostsLine() throws IOException {
    return "[127.0.0.1]:" + port + " " + publicKeyFields(hostKey);
  }

  /** {@code type base64} of a key's .pub file. */
  static String publicKeyFields(Path key) throws IOException {
    String[] f = Files.readString(pub(key)).trim().split(" ");
    return f[0] + " " + f[1];
  }

  /** The host key's fingerprint as {@code ssh-keygen -lf} prints it ({@code SHA256:...}). */
  String hostKeyFingerprint() throws IOException, InterruptedException {
    return run("ssh-keygen", "-lf", pub(hostKey).toString()).split(" ")[1];
  }

  /** Stops sshd, gives it a brand new host key, starts it again on the same port. */
  void restartWithNewHostKey() throws IOException, InterruptedException {
    stop();
    newHostKey();
    start();
  }

  /** The tail of sshd's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The listening sshd's process id (each connection's sshd processes are its descendants). */
  long pid() {
    return process.pid();
  }

  private void newHostKey() throws IOException, InterruptedException {
    Files.deleteIfExists(hostKey);
    Files.deleteIfExists(pub(hostKey));
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", hostKey.toString());
  }

  private void start() throws IOException, InterruptedException {
    // sshd refuses to start without its privilege separation directory (systemd makes it).
    Files.createDirectories(Path.of("/run/sshd"));
    process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f",
        dir.resolve("sshd_config").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("sshd exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (answersWithBanner()) {
        return;
      }
      Thread.sleep(20);
    }
    stop();
    throw new IOException("sshd did not start listening on port " + port + ":\n" + logTail());
  }

  private boolean answersWithBanner() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      s.setSoTimeout(2000);
      InputStream in = s.getInputStream();
      byte[] b = new byte[4];
      return in.readNBytes(b, 0, 4) == 4 && new String(b, StandardCharsets.US_ASCII).equals("SSH-");
    } catch (IOException e) {
      return false;
    }
  }

  private void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Path pub(Path key) {
    return key.resolveSibling(key.getFileName() + ".pub");
  }

  /** Runs a helper command, returns its stdout; fails on a non-zero exit. */
  static String run(String... command) throws IOException, InterruptedException {
    return run(List.of(command), null);
  }

  static String run(List<String> command, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    if (env != null) {
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
