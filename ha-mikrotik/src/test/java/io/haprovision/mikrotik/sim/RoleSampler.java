package io.haprovision.mikrotik.sim;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Samples a condition on the simulated pair every 50 ms while a step runs, counting the
 * samples in which it did not hold (the simulator's data plane is the heartbeat, so a sample
 * without the expected active router stands for lost pings).
 */
final class RoleSampler implements AutoCloseable {
  private final AtomicBoolean sampling = new AtomicBoolean(true);
  private final AtomicInteger samples = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final Thread thread;

  private RoleSampler(BooleanSupplier holds) {
    thread = new Thread(() -> {
      while (sampling.get()) {
        samples.incrementAndGet();
        if (!holds.getAsBoolean()) {
          misses.incrementAndGet();
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "role-sampler");
    thread.start();
  }

  /** Starts sampling {@code holds}. */
  static RoleSampler start(BooleanSupplier holds) {
    return new RoleSampler(holds);
  }

  /** Samples taken so far. */
  int samples() {
    return samples.get();
  }

  /** Samples in which the condition did not hold. */
  int misses() {
    return misses.get();
  }

  /** Stops sampling and waits for the sampler. */
  @Override
  public void close() throws InterruptedException {
    sampling.set(false);
    thread.join();
  }
}
