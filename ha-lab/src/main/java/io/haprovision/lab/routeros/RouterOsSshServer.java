package io.haprovision.lab.routeros;

import io.haprovision.lab.ssh.AuthorizedKeyAuth;
import io.haprovision.lab.ssh.ExecCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * The SSH side of one simulated router: an Apache MINA SSHD server on 127.0.0.1, one host
 * key generated at start (ecdsa-sha2-nistp256: the pinned SSHD cannot serve ed25519 host keys
 * without an extra library), public-key authentication against the router's
 * {@code /user ssh-keys} (password only for the lab's user, when configured), and exec channels that
 * each run one RouterOS script. Output lines end in CR LF, as RouterOS writes them; the exit
 * status is always 0. Stopping and starting again keeps the port and the host key.
 */
final class RouterOsSshServer {
  private final SimulatedRouter router;
  private final KeyPair hostKey;
  private final String user;
  private final String password;
  private SshServer server;
  private int port;

  RouterOsSshServer(SimulatedRouter router, String user, String password) {
    this.router = router;
    this.user = user;
    this.password = password;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.hostKey = generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate the simulator's host key", e);
    }
  }

  /** Starts listening (on a free port the first time, on the same port again after a stop). */
  synchronized void start() throws IOException {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(port);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setUserAuthFactories(List.of(AuthorizedKeyAuth.factory(router::acceptsKey)));
    if (password != null) {
      sshd.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
      List<org.apache.sshd.server.auth.UserAuthFactory> factories = new java.util.ArrayList<>(sshd.getUserAuthFactories());
      factories.add(org.apache.sshd.server.auth.password.UserAuthPasswordFactory.INSTANCE);
      sshd.setUserAuthFactories(factories);
    }
    sshd.setCommandFactory((channel, command) -> new ScriptCommand(command));
    sshd.start();
    port = sshd.getPort();
    server = sshd;
  }

  /** Stops listening and drops every session, as a powered-off router would. */
  synchronized void stop() {
    if (server != null) {
      try {
        server.stop(true);
      } catch (IOException e) {
        // the server is going away either way
      }
      server = null;
    }
  }

  int port() {
    return port;
  }

  /** The {@code known_hosts} line for this router's host key. */
  String knownHostsLine() {
    return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  /** One exec channel: runs its script through the router's interpreter and writes the output. */
  private final class ScriptCommand extends ExecCommand implements Runnable {
    private ChannelSession channel;

    ScriptCommand(String script) {
      super(script); // RouterOS reads the script from the exec request, not from stdin
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      this.channel = channel;
      Thread thread = new Thread(this, "routeros-sim-" + router.label() + "-exec");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void run() {
      SimulatedRouter.SshRun result = router.runFromSsh(command);
      try {
        out.write(result.output().replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        // the client went away; nothing to tell it
      }
      if (result.dropped()) {
        channel.getSession().close(true);
      } else {
        exit.onExit(0);
      }
    }
  }
}
