package io.haprovision.spi;

import io.haprovision.transport.ExecResult;
import java.time.Duration;

/**
 * What a {@link PlatformDrill} sees of the pair it drills: everything a check sees, plus
 * leave to change the nodes, keepalived's commands on them, and the engine's clock (so
 * measured figures and waits agree with the core's drills).
 *
 * <p>{@link #master()} is read just before the drill starts.
 */
public interface PairDrillContext extends PairCheckContext {

  /**
   * Runs a command that may change {@code node} (stopping keepalived, say), with the
   * connection's command timeout.
   *
   * @return the exit code and output; a non-zero exit is returned, not thrown
   * @throws io.haprovision.error.TargetException when the node cannot be reached
   */
  ExecResult change(String node, String command);

  /** How keepalived is reloaded, stopped and started on this platform's nodes. */
  KeepalivedControl keepalivedControl();

  /** Monotonic time in nanoseconds, from the engine's clock. */
  long nanoTime();

  /** Waits {@code duration} on the engine's clock. */
  void sleep(Duration duration);

  /** Reports progress ("stopping keepalived on bonder-a") to the run's listener; secrets are masked. */
  void progress(String message);

  /**
   * The pair's probe host on its LAN (the run's, else the inventory's {@code verify.probe}),
   * for drills that need a client behind the pair. Default: none.
   *
   * @throws io.haprovision.error.ProvisionException when the probe host cannot be reached
   */
  default java.util.Optional<io.haprovision.engine.verify.ProbeHost> probeHost() {
    return java.util.Optional.empty();
  }
}
