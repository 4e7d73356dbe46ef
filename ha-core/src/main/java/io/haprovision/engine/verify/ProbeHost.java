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

  /**
   * Runs a shell command on the probe host (drills that keep a client connection open through
   * the pair use it). Default: this probe host runs no commands.
   *
   * @return the exit code and output; a non-zero exit is returned, not thrown
   * @throws UnsupportedOperationException when this probe host cannot run commands
   * @throws io.haprovision.error.TargetException when the probe host cannot be reached
   */
  default io.haprovision.transport.ExecResult run(String command, Duration timeout) {
    throw new UnsupportedOperationException("probe host " + name() + " cannot run commands");
  }
}
