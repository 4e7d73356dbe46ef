package io.haprovision.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an apply gates each node.
 *
 * @param gate run the health gate after each changed node (on by default; off only for
 *     platforms or tests without keepalived)
 * @param gateTimeout how long the gate waits for a healthy pair; empty: derived from the
 *     pair's largest advert interval ({@code 6 x advert + 5 s}, at least 10 s)
 * @param settle how long the conditions must hold before the gate passes; empty: one advert
 *     interval, between 0.3 s and 2 s
 * @param pollInterval time between two looks at the pair; empty: a quarter advert interval,
 *     between 0.1 s and 0.5 s
 * @param breakLock break a stale pair lock (its owner gone, or older than {@link PairLock#STALE_AFTER})
 */
public record ApplyOptions(
    boolean gate, Optional<Duration> gateTimeout, Optional<Duration> settle, Optional<Duration> pollInterval,
    boolean breakLock) {
  /** Rejects nulls. */
  public ApplyOptions {
    Objects.requireNonNull(gateTimeout, "gateTimeout");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /** Gate on, timings from the advert interval. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(true, Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /** These options with the gate on or off. */
  public ApplyOptions withGate(boolean on) {
    return new ApplyOptions(on, gateTimeout, settle, pollInterval, breakLock);
  }

  /** These options with a fixed gate timeout. */
  public ApplyOptions withGateTimeout(Duration timeout) {
    return new ApplyOptions(gate, Optional.of(timeout), settle, pollInterval, breakLock);
  }

  /** These options with fixed settle time and poll interval. */
  public ApplyOptions withTimings(Duration settleTime, Duration poll) {
    return new ApplyOptions(gate, gateTimeout, Optional.of(settleTime), Optional.of(poll), breakLock);
  }

  /** These options breaking a stale pair lock, or not. */
  public ApplyOptions withBreakLock(boolean on) {
    return new ApplyOptions(gate, gateTimeout, settle, pollInterval, on);
  }
}
