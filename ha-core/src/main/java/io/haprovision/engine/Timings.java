package io.haprovision.engine;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations derived from a pair's advert interval, for gates and drills. */
final class Timings {
  private Timings() {}

  static Duration seconds(BigDecimal seconds) {
    return Duration.ofNanos(seconds.movePointRight(9).longValue());
  }

  static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }

  /** {@code 6 x advert + 5 s}, at least 10 s: a master-down interval twice over, plus a margin. */
  static Duration gateTimeout(BigDecimal advert) {
    Duration d = seconds(advert).multipliedBy(6).plusSeconds(5);
    return d.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : d;
  }

  /** One advert interval, between 0.3 s and 2 s. */
  static Duration settle(BigDecimal advert) {
    return clamp(seconds(advert), Duration.ofMillis(300), Duration.ofSeconds(2));
  }

  /** A quarter advert interval, between 0.1 s and 0.5 s. */
  static Duration poll(BigDecimal advert) {
    return clamp(seconds(advert).dividedBy(4), Duration.ofMillis(100), Duration.ofMillis(500));
  }

  /**
   * keepalived's master-down interval for a backup of {@code priority} (FACTS.md):
   * {@code 3 x advert + skew}, skew {@code (256 - priority) / 256} s for VRRPv2 and
   * {@code (256 - priority) x advert / 256} for v3. Without the version, the larger (v2) skew
   * when advert is at least 1 s.
   */
  static double masterDownSeconds(BigDecimal advert, int priority) {
    double a = advert.doubleValue();
    double skew = a >= 1 ? (256 - priority) / 256.0 : (256 - priority) * a / 256.0;
    return 3 * a + skew;
  }
}
