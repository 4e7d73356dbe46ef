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
   * the pair use it). Default, for a probe host that can only ping: every command ends with
   * exit 127, as a shell answers a command it does not have, and says so on stderr, so a drill
   * reports it like any failed command.
   *
   * @return the exit code and output; a non-zero exit is returned, not thrown
   * @throws io.haprovision.error.TargetException when the probe host cannot be reached
   */
  default io.haprovision.transport.ExecResult run(String command, Duration timeout) {
    return new io.haprovision.transport.ExecResult(NO_SHELL, "", "probe host " + name()
        + " runs no commands (it can only ping); name a probe host reached over SSH in the pair's verify.probe");
  }

  /** The exit code of {@link #run} on a probe host that runs no commands. */
  int NO_SHELL = 127;
}
