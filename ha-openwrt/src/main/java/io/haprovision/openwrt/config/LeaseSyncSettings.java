package io.haprovision.openwrt.config;

import io.haprovision.secret.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * Lease sync ({@code dhcp.lease_sync:}): dnsmasq's {@code dhcp-script} on the MASTER
 * pushes the lease file to the peer over SSH with a key used for nothing else (the peer's
 * {@code authorized_keys} line forces the one command that stores the file).
 *
 * @param enabled push leases at all (default false)
 * @param privateKey the key's private half (OpenSSH format), installed 0600 on both nodes
 * @param publicKey its public half ({@code ssh-ed25519 AAAA...}), authorized on both nodes
 * @param authorizedKeys the SSH server's authorized keys file (default: dropbear's)
 * @param path key path of the section
 */
public record LeaseSyncSettings(
    boolean enabled, Optional<Secret> privateKey, Optional<String> publicKey, String authorizedKeys, String path) {

  /** Dropbear's authorized keys file for root. */
  public static final String DROPBEAR_AUTHORIZED_KEYS = "/etc/dropbear/authorized_keys";

  /** Rejects nulls. */
  public LeaseSyncSettings {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(authorizedKeys, "authorizedKeys");
    Objects.requireNonNull(path, "path");
  }

  /** No lease sync. */
  public static LeaseSyncSettings disabled(String path) {
    return new LeaseSyncSettings(false, Optional.empty(), Optional.empty(), DROPBEAR_AUTHORIZED_KEYS, path);
  }

  /** Never prints the private key. */
  @Override
  public String toString() {
    return "LeaseSyncSettings[enabled=" + enabled + ", privateKey=" + privateKey.map(k -> Secret.MASK).orElse("none")
        + ", publicKey=" + publicKey.orElse("none") + ", authorizedKeys=" + authorizedKeys + "]";
  }
}
