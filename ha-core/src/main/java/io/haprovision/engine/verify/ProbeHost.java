package io.haprovision.engine.verify;

import java.time.Duration;

/**
 * A host on a pair's LAN that verify pings the VIPs from: the lab's client in tests, a probe
 * node the inventory names in production ({@link ShellProbeHost} over its SSH connection).
 */
public interface ProbeHost {
  /** How reports name it. */
  String name();

  /**
   * Pings {@code address} {@code count} times, waiting at most {@code timeout} for each reply.
   * Never throws for an unanswered address: that is a result.
   */
  PingResult ping(String address, int count, Duration timeout);
}
