package io.haprovision.cli;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh ed25519 key for the simulated routers the CLI tests log in to. */
final class TestKeys {
  private TestKeys() {}

  /** Writes the private key to {@code dir/id_ed25519} and returns the public key line. */
  static String ed25519(Path dir) throws JSchException, IOException {
    KeyPair key = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
    ByteArrayOutputStream pub = new ByteArrayOutputStream();
    key.writePublicKey(pub, "cli-test");
    ByteArrayOutputStream prv = new ByteArrayOutputStream();
    key.writeOpenSSHv1PrivateKey(prv, null);
    Files.write(dir.resolve("id_ed25519"), prv.toByteArray());
    return pub.toString(StandardCharsets.UTF_8).strip();
  }
}
