package io.haprovision.transport;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchStrictKexException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import io.haprovision.error.TargetException;
import io.haprovision.secret.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens SSH sessions with JSch: one session per node, kept for the whole run. Host keys are
 * checked against the endpoint's known_hosts under its {@link HostKeyPolicy} (never
 * {@code StrictHostKeyChecking=no}); strict key exchange is used whenever the server offers it
 * and required where the endpoint says so. Every failure becomes a {@link TargetException}
 * ({@code UNREACHABLE}) naming {@code user@host:port} and why.
 *
 * <p>Thread-safe. Counts handshakes ({@link #handshakes()}) so a benchmark can check that a
 * run cost one handshake per node.
 */
public final class SshTransport {
  private static final Logger LOG = LoggerFactory.getLogger(SshTransport.class);
  /**
   * Keepalive every 3 s; three missed answers end the session: a router that stopped answering
   * (a dead link, a cut session) is noticed in about 10 s, not after a minute. sshd answers
   * keepalives itself, so a busy command on the router does not count as missed.
   */
  private static final int KEEPALIVE_MILLIS = 3_000;
  private static final int KEEPALIVE_MAX_MISSED = 3;
  private static final Pattern AUTH_METHODS = Pattern.compile("for methods '([^']*)'");

  private final AtomicLong handshakes = new AtomicLong();
  private final AtomicInteger live = new AtomicInteger();

  /** A transport with no sessions yet. */
  public SshTransport() {}

  /**
   * Connects and logs in to one node.
   *
   * @throws TargetException ({@code UNREACHABLE}) when the node cannot be reached, refuses the
   *     login, or presents a host key the policy refuses; the message says which and what to do
   */
  public Connection open(SshEndpoint endpoint) {
    Redactor redactor = endpoint.auth().password() == null
        ? Redactor.none() : Redactor.of(List.of(endpoint.auth().password()));
    HostKeyVerifier verifier;
    try {
      verifier = new HostKeyVerifier(endpoint);
    } catch (IOException e) {
      throw unreachable(endpoint, "cannot read known_hosts file " + endpoint.knownHosts() + ": "
          + e.getMessage(), e);
    }
    JSch jsch = new JSch();
    jsch.setInstanceLogger(JschLog.INSTANCE);
    Session session;
    try {
      session = jsch.getSession(endpoint.user(), endpoint.host(), endpoint.port());
      session.setLogger(JschLog.INSTANCE);
      configure(session, endpoint, jsch, verifier);
    } catch (JSchException e) {
      throw unreachable(endpoint, "could not set up the SSH session: "
          + redactor.redact(e.getMessage()), e);
    }
    long started = System.nanoTime();
    try {
      session.connect(SshConnection.millis(endpoint.connectTimeout()));
    } catch (JSchException e) {
      throw unreachable(endpoint, redactor.redact(explain(e, endpoint, verifier)), e);
    }
    handshakes.incrementAndGet();
    live.incrementAndGet();
    LOG.debug("{} connected in {} ms ({})", endpoint.target(),
        (System.nanoTime() - started) / 1_000_000, session.getServerVersion());
    return new SshConnection(endpoint, session, live::decrementAndGet);
  }

  /**
   * Opens every endpoint, up to {@code parallelism} at a time. Either all are open, or none
   * is: on the first failure the rest are not started, those already open are closed, and the
   * failure is thrown (further failures are attached as suppressed exceptions).
   *
   * @return the connections in the order of {@code endpoints} (duplicates opened once)
   * @throws TargetException the first failure in list order
   */
  public Map<SshEndpoint, Connection> openAll(List<SshEndpoint> endpoints, int parallelism) {
    List<SshEndpoint> unique = new ArrayList<>(new LinkedHashSet<>(endpoints));
    Map<SshEndpoint, Connection> opened = new LinkedHashMap<>();
    if (unique.isEmpty()) {
      return opened;
    }
    int threads = Math.max(1, Math.min(parallelism, unique.size()));
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ssh-open-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    List<Future<Connection>> futures = new ArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    try {
      for (SshEndpoint e : unique) {
        futures.add(pool.submit(() -> {
          if (failures.get() > 0) {
            return null; // another node already failed: the whole set will be dropped
          }
          try {
            return open(e);
          } catch (RuntimeException ex) {
            failures.incrementAndGet();
            throw ex;
          }
        }));
      }
      List<RuntimeException> errors = new ArrayList<>();
      for (int i = 0; i < unique.size(); i++) {
        try {
          Connection c = futures.get(i).get();
          if (c != null) {
            opened.put(unique.get(i), c);
          }
        } catch (ExecutionException ex) {
          errors.add(ex.getCause() instanceof RuntimeException re ? re
              : unreachable(unique.get(i), "could not connect: " + ex.getCause(), ex.getCause()));
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          errors.add(unreachable(unique.get(i), "interrupted while connecting", ex));
          break;
        }
      }
      if (!errors.isEmpty()) {
        opened.values().forEach(Connection::close);
        RuntimeException first = errors.get(0);
        errors.subList(1, errors.size()).forEach(first::addSuppressed);
        throw first;
      }
      return opened;
    } finally {
      pool.shutdownNow();
    }
  }

  /** How many SSH handshakes (successful logins) this transport has made. */
  public long handshakes() {
    return handshakes.get();
  }

  /** How many sessions opened by this transport are not closed yet. */
  public int liveSessions() {
    return live.get();
  }

  private static void configure(Session session, SshEndpoint endpoint, JSch jsch,
      HostKeyVerifier verifier) throws JSchException {
    session.setHostKeyRepository(verifier);
    // "yes": anything the verifier does not call OK is refused. Never "no".
    session.setConfig("StrictHostKeyChecking", "yes");
    session.setConfig("HashKnownHosts", "no");
    session.setConfig("enable_strict_kex", "yes");
    session.setConfig("require_strict_kex", endpoint.requireStrictKex() ? "yes" : "no");
    session.setDaemonThread(true);
    session.setServerAliveInterval(KEEPALIVE_MILLIS);
    session.setServerAliveCountMax(KEEPALIVE_MAX_MISSED);

    SshAuth auth = endpoint.auth();
    List<String> methods = new ArrayList<>();
    List<Identity> identities = new ArrayList<>();
    if (auth.identityFile() != null) {
      identities.addAll(loadIdentity(endpoint, jsch));
    }
    IdentityRepository agent = null;
    if (auth.agent()) {
      agent = agentRepository(endpoint, auth.identityFile() == null && auth.password() == null);
    }
    if (!identities.isEmpty() || agent != null) {
      methods.add("publickey");
      session.setIdentityRepository(new CombinedIdentities(identities, agent));
    }
    if (auth.password() != null) {
      methods.add("password");
      methods.add("keyboard-interactive");
      session.setPassword(auth.password().reveal());
    }
    session.setConfig("PreferredAuthentications", String.join(",", methods));
  }

  private static List<Identity> loadIdentity(SshEndpoint endpoint, JSch jsch) {
    Path file = HomePath.expand(endpoint.auth().identityFile());
    if (!Files.isReadable(file)) {
      throw unreachable(endpoint, "identity file " + file + " does not exist or is not readable;"
          + " fix identity_file for this node", null);
    }
    try {
      jsch.addIdentity(file.toString());
    } catch (JSchException e) {
      // JSch's message may quote the file; say only what the user can act on.
      throw unreachable(endpoint, "identity file " + file + " is not a private key JSch can read"
          + " (OpenSSH, PEM or PuTTY format; ed25519, ecdsa or rsa)", null);
    }
    Vector<Identity> loaded = jsch.getIdentityRepository().getIdentities();
    for (Identity id : loaded) {
      if (id.isEncrypted()) {
        throw unreachable(endpoint, "identity file " + file + " is protected by a passphrase;"
            + " load it into ssh-agent (ssh-add " + file + ") and set agent: true", null);
      }
    }
    return List.copyOf(loaded);
  }

  /**
   * The agent's keys, over JDK 16+ Unix domain sockets (no native library needed). When the
   * agent is the only way to log in, an unusable agent is an error; otherwise it is skipped.
   */
  private static IdentityRepository agentRepository(SshEndpoint endpoint, boolean onlyMethod) {
    Path socket = endpoint.auth().agentSocket();
    if (socket == null) {
      String env = System.getenv("SSH_AUTH_SOCK");
      socket = env == null || env.isBlank() ? null : Path.of(env);
    }
    String problem;
    if (socket == null) {
      problem = "agent: true but SSH_AUTH_SOCK is not set";
    } else {
      try {
        SSHAgentConnector connector = new SSHAgentConnector(new UnixDomainSocketFactory(), socket);
        if (connector.isAvailable()) {
          return new AgentIdentityRepository(connector);
        }
        problem = "no SSH agent answers on " + socket;
      } catch (AgentProxyException e) {
        problem = "cannot use the SSH agent at " + socket + ": " + e.getMessage();
      }
    }
    if (onlyMethod) {
      throw unreachable(endpoint, problem + "; start ssh-agent and ssh-add your key, or set"
          + " identity_file", null);
    }
    LOG.debug("{}: {}; trying the other login methods", endpoint.target(), problem);
    return null;
  }

  /** Why a connect failed, in words the user can act on. Never holds a secret. */
  private static String explain(JSchException e, SshEndpoint endpoint, HostKeyVerifier verifier) {
    if (verifier.refusal() != null) {
      return verifier.refusal();
    }
    String msg = String.valueOf(e.getMessage());
    Throwable cause = rootCause(e);
    String timeout = SshConnection.human(endpoint.connectTimeout());
    if (e instanceof JSchStrictKexException || msg.toLowerCase().contains("strict kex")) {
      return "the server does not support strict key exchange (the Terrapin fix,"
          + " CVE-2023-48795), which this host requires; update its SSH server (dropbear 2022.83"
          + " and older lack it) or turn require_strict_kex off for this host";
    }
    if (e instanceof JSchAlgoNegoFailException) {
      return "no algorithm in common with the server (" + msg + "); the server is too old or"
          + " restricted to algorithms JSch disables by default (such as ssh-rsa with SHA-1)";
    }
    if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel")) {
      Matcher m = AUTH_METHODS.matcher(msg);
      String server = m.find() ? m.group(1) : "unknown";
      return "authentication refused for user '" + endpoint.user() + "' (offered: "
          + endpoint.auth().describe() + "; the server accepts: " + server + "). Check that the"
          + " key is in the user's authorized_keys on the device, or the password";
    }
    if (cause instanceof ConnectException) {
      return "connection refused: nothing listens on port " + endpoint.port()
          + " (is the SSH server running, and is the port right?)";
    }
    if (cause instanceof SocketTimeoutException || msg.startsWith("timeout")) {
      return "timed out after " + timeout + " (connect_timeout): the host does not answer, or a"
          + " firewall drops the connection";
    }
    if (cause instanceof UnknownHostException) {
      return "cannot resolve host name '" + endpoint.host() + "'";
    }
    if (cause instanceof NoRouteToHostException) {
      return "no route to host " + endpoint.host();
    }
    if (msg.contains("closed by foreign host") || msg.contains("Connection reset")) {
      return "the server closed the connection during the handshake (not an SSH server, too"
          + " many unauthenticated connections (MaxStartups), or a firewall rule)";
    }
    return "SSH connection failed: " + msg;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static TargetException unreachable(SshEndpoint endpoint, String why, Throwable cause) {
    return new TargetException(TargetException.Kind.UNREACHABLE, endpoint.target(), why, cause);
  }
}
