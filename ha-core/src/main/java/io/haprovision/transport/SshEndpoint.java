package io.haprovision.transport;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.SshSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to reach one node over SSH. Records compare by value, so an endpoint
 * is a fine map key ({@link SshTransport#openAll} returns one).
 *
 * @param host address or name of the node
 * @param port TCP port, 1..65535
 * @param user login name
 * @param auth how to log in
 * @param knownHosts the known_hosts file host keys are checked against (and, under
 *     {@link HostKeyPolicy#ACCEPT_NEW}, appended to)
 * @param hostKeyPolicy what to do with a key known_hosts does not hold
 * @param connectTimeout limit for TCP connect plus handshake plus login
 * @param commandTimeout default limit for one command ({@link Connection#commandTimeout()})
 * @param requireStrictKex refuse servers without strict key exchange (the Terrapin fix).
 *     Strict kex is always used when the server offers it; requiring it is a per-host choice
 *     because older dropbear builds do not have it.
 */
public record SshEndpoint(
    String host,
    int port,
    String user,
    SshAuth auth,
    Path knownHosts,
    HostKeyPolicy hostKeyPolicy,
    Duration connectTimeout,
    Duration commandTimeout,
    boolean requireStrictKex) {

  /** The port SSH listens on unless told otherwise. */
  public static final int DEFAULT_PORT = 22;
  /** Default connect timeout, as in the inventory format. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default command timeout, as in the inventory format. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** Checks every field; a bad value here is a bug in the caller, not user input. */
  public SshEndpoint {
    requireText(host, "host");
    requireText(user, "user");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, not " + port);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(commandTimeout, "commandTimeout");
  }

  /**
   * An endpoint on port 22 with the defaults of the inventory format: {@code ~/.ssh/known_hosts},
   * {@link HostKeyPolicy#STRICT}, connect timeout 10 s, command timeout 60 s, strict kex not
   * required.
   */
  public static SshEndpoint of(String user, String host, SshAuth auth) {
    return new SshEndpoint(host, DEFAULT_PORT, user, auth, defaultKnownHosts(), HostKeyPolicy.STRICT,
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, false);
  }

  /**
   * The endpoint for an inventory node, its SSH settings already inherited. When the node
   * names no way to log in, does what ssh does: the agent (if {@code SSH_AUTH_SOCK} is set)
   * and the first of {@code ~/.ssh/id_ed25519}, {@code ~/.ssh/id_ecdsa}, {@code ~/.ssh/id_rsa}
   * that exists. Strict key exchange is required when the node's {@code require_strict_kex} says so.
   */
  public static SshEndpoint of(NodeSpec node) {
    SshSpec ssh = node.ssh();
    SshAuth auth;
    if (ssh.identityFile().isEmpty() && !ssh.agent() && ssh.password().isEmpty()) {
      auth = defaultAuth();
    } else {
      auth = new SshAuth(ssh.identityFile().orElse(null), ssh.agent(), null,
          ssh.password().orElse(null));
    }
    return new SshEndpoint(node.host(), ssh.port(), ssh.user(), auth,
        ssh.knownHosts().orElseGet(SshEndpoint::defaultKnownHosts), HostKeyPolicy.of(ssh.hostKeyPolicy()),
        ssh.connectTimeout(), ssh.commandTimeout(), ssh.requireStrictKex());
  }

  private static SshAuth defaultAuth() {
    Path sshDir = Path.of(System.getProperty("user.home"), ".ssh");
    Path identity = null;
    for (String name : new String[] {"id_ed25519", "id_ecdsa", "id_rsa"}) {
      if (Files.isReadable(sshDir.resolve(name))) {
        identity = sshDir.resolve(name);
        break;
      }
    }
    String agentSocket = System.getenv("SSH_AUTH_SOCK");
    boolean agent = agentSocket != null && !agentSocket.isBlank();
    if (identity == null && !agent) {
      identity = sshDir.resolve("id_ed25519"); // fails at connect with a message naming it
    }
    return new SshAuth(identity, agent, null, null);
  }

  /** {@code ~/.ssh/known_hosts} of the user running ha-provision. */
  public static Path defaultKnownHosts() {
    return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
  }

  /** {@code user@host:port}, the name every message and log line uses for this node. */
  public String target() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return user + "@" + h + ":" + port;
  }

  /** This endpoint on another port. */
  public SshEndpoint withPort(int newPort) {
    return new SshEndpoint(host, newPort, user, auth, knownHosts, hostKeyPolicy, connectTimeout,
        commandTimeout, requireStrictKex);
  }

  /** This endpoint with another way to log in. */
  public SshEndpoint withAuth(SshAuth newAuth) {
    return new SshEndpoint(host, port, user, newAuth, knownHosts, hostKeyPolicy, connectTimeout,
        commandTimeout, requireStrictKex);
  }

  /** This endpoint checking host keys against another known_hosts file. */
  public SshEndpoint withKnownHosts(Path file) {
    return new SshEndpoint(host, port, user, auth, file, hostKeyPolicy, connectTimeout,
        commandTimeout, requireStrictKex);
  }

  /** This endpoint with another host key policy. */
  public SshEndpoint withHostKeyPolicy(HostKeyPolicy policy) {
    return new SshEndpoint(host, port, user, auth, knownHosts, policy, connectTimeout,
        commandTimeout, requireStrictKex);
  }

  /** This endpoint with other timeouts. */
  public SshEndpoint withTimeouts(Duration connect, Duration command) {
    return new SshEndpoint(host, port, user, auth, knownHosts, hostKeyPolicy, connect, command,
        requireStrictKex);
  }

  /** This endpoint requiring (or not) strict key exchange from the server. */
  public SshEndpoint withRequireStrictKex(boolean require) {
    return new SshEndpoint(host, port, user, auth, knownHosts, hostKeyPolicy, connectTimeout,
        commandTimeout, require);
  }

  @Override
  public String toString() {
    return target();
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
    }
  }
}
