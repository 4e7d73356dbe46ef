package io.haprovision.openwrt;

import io.haprovision.transport.ShellQuote;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Lease sync: dnsmasq's {@code dhcp-script} that, while the node is MASTER, pushes
 * dnsmasq's lease file to the peer after every lease change, and the peer's
 * {@code authorized_keys} line that lets the sync key do exactly one thing: store that
 * file where the role hook picks it up on becoming MASTER.
 */
public final class LeaseSync {
  private LeaseSync() {}

  /** The one command the sync key may run on the peer: store stdin as the peer lease file. */
  static final String FORCED_COMMAND = "umask 077; mkdir -p /tmp/ha-provision && cat > "
      + OpenWrtPaths.PEER_LEASES + ".tmp && mv " + OpenWrtPaths.PEER_LEASES + ".tmp " + OpenWrtPaths.PEER_LEASES;

  /**
   * The files the script reads; {@link #onNode()} on a router, others in tests.
   *
   * @param roleFile the role hook's role file (pushes only while it says {@code master})
   * @param leases dnsmasq's lease file
   * @param key the sync key's private half
   */
  public record SyncPaths(String roleFile, String leases, String key) {
    /** Rejects nulls. */
    public SyncPaths {
      Objects.requireNonNull(roleFile, "roleFile");
      Objects.requireNonNull(leases, "leases");
      Objects.requireNonNull(key, "key");
    }

    /** The paths on an OpenWrt node. */
    public static SyncPaths onNode() {
      return new SyncPaths(OpenWrtPaths.ROLE_FILE, OpenWrtPaths.DHCP_LEASES, OpenWrtPaths.LEASE_SYNC_KEY);
    }
  }

  /**
   * The script for node {@code node}, pushing to {@code peerName} at {@code peerAddress}
   * port {@code peerPort}.
   */
  public static String script(String pair, String node, String peerName, String peerAddress, int peerPort) {
    return script(pair, node, peerName, peerAddress, peerPort, SyncPaths.onNode());
  }

  /** As {@link #script(String, String, String, String, int)} with other paths. */
  public static String script(
      String pair, String node, String peerName, String peerAddress, int peerPort, SyncPaths paths) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("pair", pair);
    model.put("node", node);
    model.put("peerName", peerName);
    model.put("peer", ShellQuote.quote("root@" + peerAddress));
    model.put("port", Integer.toString(peerPort));
    model.put("key", ShellQuote.quote(paths.key()));
    model.put("roleFile", ShellQuote.quote(paths.roleFile()));
    model.put("leases", ShellQuote.quote(paths.leases()));
    return Templates.render("lease-sync.sh.ftl", model);
  }

  /**
   * The {@code authorized_keys} line for the sync key: forced to store the pushed file,
   * without port, agent or X11 forwarding and without a terminal (options dropbear and
   * OpenSSH both know).
   */
  public static String authorizedKeysLine(String publicKey) {
    return "command=\"" + FORCED_COMMAND + "\",no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-pty "
        + publicKey;
  }
}
