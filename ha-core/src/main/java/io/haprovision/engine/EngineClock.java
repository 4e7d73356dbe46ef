package io.haprovision.engine;

import io.haprovision.error.InternalException;
import java.time.Duration;

/**
 * Time for the engine: a monotonic clock for durations and deadlines, and sleeping between
 * polls. Tests replace it with a clock that advances only when slept on, so gates, drills
 * and their measured figures are deterministic.
 */
public interface EngineClock {
  /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
  EngineClock SYSTEM = new EngineClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) {
      try {
        Thread.sleep(Math.max(0, duration.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InternalException("interrupted while waiting", e);
      }
    }
  };

  /** Monotonic nanoseconds, only meaningful as differences. */
  long nanoTime();

  /** Waits {@code duration}. */
  void sleep(Duration duration);

  /** Milliseconds since {@code startNanos} (a value of {@link #nanoTime()}). */
  default long millisSince(long startNanos) {
    return (nanoTime() - startNanos) / 1_000_000;
  }
}
