package io.haprovision.openwrt.config;

import java.util.Objects;

/**
 * The connection drill of {@code verify --drills} ({@code connection_drill:}): the pair's
 * probe host keeps one TCP connection open through the pair to an echo service upstream
 * while the MASTER's keepalived is stopped, and the drill reports whether that same socket
 * still carried data both ways after the failover, the longest silence, and what conntrackd
 * committed on the new MASTER.
 *
 * @param enabled run the drill (true when the key is written)
 * @param upstream the echo service's address, beyond the pair's WAN
 * @param port its TCP port (an RFC 862 echo service: every byte sent comes back)
 * @param holdSeconds how long the connection must keep working after the new MASTER committed
 * @param path key path of the section
 */
public record ConnectionDrillSettings(boolean enabled, String upstream, int port, int holdSeconds, String path) {
  /** Default hold time after the failover. */
  public static final int DEFAULT_HOLD_SECONDS = 3;

  /** Rejects nulls. */
  public ConnectionDrillSettings {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(path, "path");
  }

  /** No connection drill. */
  public static ConnectionDrillSettings disabled(String path) {
    return new ConnectionDrillSettings(false, "", 7, DEFAULT_HOLD_SECONDS, path);
  }
}
