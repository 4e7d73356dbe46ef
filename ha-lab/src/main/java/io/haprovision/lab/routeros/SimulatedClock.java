package io.haprovision.lab.routeros;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * The simulated wall clock shared by the routers of one {@link RouterOsLab}. It stands still
 * unless a test advances it, so scheduled entries fire exactly when the test says time passed.
 */
public final class SimulatedClock {
  private final RouterOsLab lab;
  private LocalDateTime now;

  SimulatedClock(RouterOsLab lab, LocalDateTime start) {
    this.lab = lab;
    this.now = start.withNano(0);
  }

  /** The current simulated date and time (the routers' local time). */
  public LocalDateTime now() {
    synchronized (lab.lock()) {
      return now;
    }
  }

  /**
   * Moves the clock forward by {@code duration}, running every scheduler entry of a powered
   * router that falls due on the way, in time order, with the clock at its due time.
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the simulated clock only moves forward: " + duration);
    }
    synchronized (lab.lock()) {
      LocalDateTime target = now.plus(duration);
      lab.runDueScheduler(target);
      now = target;
    }
  }

  /** Sets the time without running anything ({@code /system clock set}, and the scheduler's steps). */
  void set(LocalDateTime time) {
    synchronized (lab.lock()) {
      now = time.withNano(0);
    }
  }
}
