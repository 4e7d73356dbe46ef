package io.haprovision.openwrt.config;

import io.haprovision.inventory.PerNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * conntrackd in FTFW mode over UDP on a dedicated sync link ({@code conntrackd:}).
 *
 * @param enabled manage conntrackd at all (default: true when the section is written)
 * @param interfaceName the sync link's interface (default {@code sync}); the nodes'
 *     addresses there come from their {@code interfaces} unless {@code addresses} gives them
 * @param addresses each node's own sync address, when not taken from {@code interfaces}
 * @param port UDP port both nodes use (default 3780)
 * @param sendBuffer {@code SndSocketBuffer} in bytes (default 1249280)
 * @param receiveBuffer {@code RcvSocketBuffer} in bytes (default 1249280)
 * @param checksum {@code Checksum on|off} (default on)
 * @param hashSize {@code HashSize} (default 32768)
 * @param hashLimit {@code HashLimit}: most entries kept (default 131072)
 * @param ignoreAddresses more addresses whose connections are not synced, besides the
 *     nodes' own addresses, the VIPs and loopback
 * @param tcpPickup whether the kernel may pick up TCP connections mid-stream
 *     ({@code net.netfilter.nf_conntrack_tcp_loose}; default false: a node forwards only the
 *     TCP connections it saw start or conntrackd committed, the stateful failover the
 *     conntrackd manual describes)
 * @param path key path of the section
 */
public record ConntrackdSettings(
    boolean enabled,
    String interfaceName,
    Optional<PerNode<String>> addresses,
    int port,
    int sendBuffer,
    int receiveBuffer,
    boolean checksum,
    int hashSize,
    int hashLimit,
    List<String> ignoreAddresses,
    boolean tcpPickup,
    String path) {

  /** Default interface of the sync link. */
  public static final String DEFAULT_INTERFACE = "sync";
  /** Default UDP port (the one of conntrackd's own examples). */
  public static final int DEFAULT_PORT = 3780;
  /** Default socket buffer size, as in conntrackd's FTFW example. */
  public static final int DEFAULT_BUFFER = 1_249_280;
  /** Default hash table size. */
  public static final int DEFAULT_HASH_SIZE = 32_768;
  /** Default most entries kept. */
  public static final int DEFAULT_HASH_LIMIT = 131_072;

  /** Copies the list; rejects nulls. */
  public ConntrackdSettings {
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(addresses, "addresses");
    ignoreAddresses = List.copyOf(ignoreAddresses);
    Objects.requireNonNull(path, "path");
  }

  /** conntrackd not managed. */
  public static ConntrackdSettings disabled(String path) {
    return new ConntrackdSettings(false, DEFAULT_INTERFACE, Optional.empty(), DEFAULT_PORT, DEFAULT_BUFFER,
        DEFAULT_BUFFER, true, DEFAULT_HASH_SIZE, DEFAULT_HASH_LIMIT, List.of(), true, path);
  }
}
