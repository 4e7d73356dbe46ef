package io.haprovision.engine;

/**
 * When the health gate gives up waiting for a pair that is not healthy yet. A deadline the run
 * gave ({@code ApplyOptions.gateTimeout}) is fixed. Otherwise it adapts to what the gate sees:
 * it starts at the base derived from the pair's VRRP timing, grows by three times the slowest
 * look at the pair (a loaded machine or router answers slowly, and the gate needs several looks
 * to see a settle time through), and moves to one grace period (the longest master-down
 * interval plus a settle time) after each look at which what is wrong changed, since a pair
 * whose state still changes is still converging: an election under way, a node within its
 * master-down interval, a VIP being added. It never passes three times the base. Pure: times
 * are a clock's nanoseconds.
 */
final class GateDeadline {
  private static final int CAP_TIMES_BASE = 3;
  private static final int LOOKS_ALLOWED = 3;

  private final long start;
  private final long base;
  private final long grace;
  private final boolean adaptive;
  private long deadline;
  private long slowestLook;
  private int extensions;

  private GateDeadline(long start, long base, long grace, boolean adaptive) {
    this.start = start;
    this.base = base;
    this.grace = grace;
    this.adaptive = adaptive;
    this.deadline = start + base;
  }

  /** A deadline that stays at {@code start + timeout}. */
  static GateDeadline fixed(long start, long timeout) {
    return new GateDeadline(start, timeout, 0, false);
  }

  /** A deadline starting at {@code start + base}, adapting as the class says. */
  static GateDeadline adaptive(long start, long base, long grace) {
    return new GateDeadline(start, base, grace, true);
  }

  /**
   * One look at the pair ended at {@code now}, took {@code lookNanos}, and found something else
   * wrong than the look before ({@code changed}).
   */
  void look(long now, long lookNanos, boolean changed) {
    if (!adaptive) {
      return;
    }
    long cap = start + CAP_TIMES_BASE * base;
    if (lookNanos > slowestLook) {
      slowestLook = lookNanos;
      deadline = Math.min(cap, Math.max(deadline, start + base + LOOKS_ALLOWED * slowestLook));
    }
    if (changed && now + grace > deadline && deadline < cap) {
      deadline = Math.min(cap, now + grace);
      extensions++;
    }
  }

  /** True once the deadline is reached. */
  boolean passed(long now) {
    return now >= deadline;
  }

  /** The deadline, in the clock's nanoseconds. */
  long deadline() {
    return deadline;
  }

  /** How the deadline came about, for the report: {@code 11 s, extended twice ..., slowest look 1.2 s}. */
  String describe() {
    StringBuilder s = new StringBuilder(HealthGate.human(java.time.Duration.ofNanos(deadline - start)));
    if (adaptive) {
      if (extensions > 0) {
        s.append(", extended ").append(extensions).append(extensions == 1 ? " time" : " times")
            .append(" while the pair was still changing");
      }
      if (deadline >= start + CAP_TIMES_BASE * base) {
        s.append(", at its cap of ").append(CAP_TIMES_BASE).append(" x ")
            .append(HealthGate.human(java.time.Duration.ofNanos(base)));
      }
      s.append("; slowest look ").append(HealthGate.human(java.time.Duration.ofMillis(slowestLook / 1_000_000)));
    }
    return s.toString();
  }
}
