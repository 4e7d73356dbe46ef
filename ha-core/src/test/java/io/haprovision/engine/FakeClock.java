package io.haprovision.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that stands still until slept on or advanced: gates and drills become deterministic. */
final class FakeClock implements EngineClock {
  private final AtomicLong nanos = new AtomicLong();

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public void sleep(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  /** Seconds since the start, for models of nodes that change over time. */
  double seconds() {
    return nanos.get() / 1e9;
  }
}
