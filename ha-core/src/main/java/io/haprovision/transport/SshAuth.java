package io.haprovision.transport;

import io.haprovision.secret.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to log in to a node: any combination of an identity file, the SSH agent and a
 * password. Public keys (file, then agent) are offered before the password.
 *
 * @param identityFile a private key file (ed25519, ecdsa, rsa; unencrypted, since an
 *     encrypted key belongs in the agent), or null
 * @param agent true to offer the keys of the SSH agent
 * @param agentSocket the agent's socket; null means {@code SSH_AUTH_SOCK}
 * @param password a password, or null; printed as {@code ******}
 */
public record SshAuth(Path identityFile, boolean agent, Path agentSocket, Secret password) {

  /** Checks that at least one way to log in is given. */
  public SshAuth {
    if (identityFile == null && !agent && password == null) {
      throw new IllegalArgumentException(
          "no SSH authentication given: set identity_file, agent: true or password");
    }
  }

  /** Log in with this private key file. */
  public static SshAuth ofIdentityFile(Path file) {
    return new SshAuth(file, false, null, null);
  }

  /** Log in with the keys of the agent at {@code SSH_AUTH_SOCK}. */
  public static SshAuth ofAgent() {
    return new SshAuth(null, true, null, null);
  }

  /** Log in with the keys of the agent listening on {@code socket}. */
  public static SshAuth ofAgent(Path socket) {
    return new SshAuth(null, true, socket, null);
  }

  /** Log in with a password. */
  public static SshAuth ofPassword(Secret password) {
    return new SshAuth(null, false, null, password);
  }

  /** This auth plus the agent at {@code socket} (null: {@code SSH_AUTH_SOCK}). */
  public SshAuth withAgent(Path socket) {
    return new SshAuth(identityFile, true, socket, password);
  }

  /** This auth plus an identity file. */
  public SshAuth withIdentityFile(Path file) {
    return new SshAuth(file, agent, agentSocket, password);
  }

  /** This auth plus a password. */
  public SshAuth withPassword(Secret secret) {
    return new SshAuth(identityFile, agent, agentSocket, secret);
  }

  /** What will be offered, for messages: {@code identity file ~/.ssh/id, agent, password}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (identityFile != null) {
      parts.add("identity file " + identityFile);
    }
    if (agent) {
      parts.add(agentSocket == null ? "agent (SSH_AUTH_SOCK)" : "agent at " + agentSocket);
    }
    if (password != null) {
      parts.add("password from " + password.origin());
    }
    return String.join(", ", parts);
  }
}
