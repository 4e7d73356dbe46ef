package io.haprovision.lab.routeros;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real JSch client for the simulator's tests: one ed25519 user key, strict host key checking. */
final class SshClient {
  final String publicKeyLine;
  private final byte[] privateKey;
  private final byte[] publicKey;

  SshClient() throws Exception {
    JSch jsch = new JSch();
    KeyPair pair = KeyPair.genKeyPair(jsch, KeyPair.ED25519);
    ByteArrayOutputStream pub = new ByteArrayOutputStream();
    pair.writePublicKey(pub, "rosim-test");
    ByteArrayOutputStream prv = new ByteArrayOutputStream();
    pair.writeOpenSSHv1PrivateKey(prv, null);
    this.publicKey = pub.toByteArray();
    this.privateKey = prv.toByteArray();
    this.publicKeyLine = pub.toString(StandardCharsets.UTF_8).strip();
  }

  /** The result of one exec channel. */
  record Result(String output, int exitStatus, boolean closedByServer) {}

  /** Connects to {@code router} (known_hosts holding only its line), runs {@code script} in one exec channel. */
  Result exec(SimulatedRouter router, String script, Path dir) throws Exception {
    JSch jsch = new JSch();
    jsch.addIdentity("rosim-test", privateKey, publicKey, null);
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, router.knownHostsLine() + "\n");
    jsch.setKnownHosts(knownHosts.toString());
    Session session = jsch.getSession(router.user(), router.host(), router.port());
    session.setConfig("StrictHostKeyChecking", "yes");
    session.setConfig("PreferredAuthentications", "publickey");
    session.connect(5000);
    try {
      ChannelExec channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(script);
      InputStream in = channel.getInputStream();
      channel.connect(5000);
      byte[] all = in.readAllBytes();
      long deadline = System.currentTimeMillis() + 5000;
      while (!channel.isClosed() && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      int status = channel.getExitStatus();
      channel.disconnect();
      return new Result(new String(all, StandardCharsets.UTF_8), status, !session.isConnected());
    } finally {
      session.disconnect();
    }
  }
}
