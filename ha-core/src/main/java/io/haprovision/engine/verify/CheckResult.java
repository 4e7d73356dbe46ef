package io.haprovision.engine.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One check or drill on one pair.
 *
 * @param name what was checked: {@code keepalived-running}, {@code single-master LAN},
 *     {@code vip-answers 192.168.1.1}, {@code drill failover}, {@code drill reload-safe}
 * @param status passed, failed or skipped
 * @param message one or more lines for humans: what was found, or why it failed or was skipped
 * @param figures measured numbers by name ({@code failover_seconds}), in measuring order
 * @param millis how long it took
 */
public record CheckResult(String name, Status status, String message, Map<String, Double> figures, long millis) {
  /** How a check ended. */
  public enum Status {
    /** As it should be. */
    PASSED,
    /** Not as it should be. */
    FAILED,
    /** Not run (turned off, or nothing to run it with). */
    SKIPPED
  }

  /** Copies the map keeping its order; rejects nulls. */
  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  /** A passed check without figures. */
  public static CheckResult passed(String name, String message, long millis) {
    return new CheckResult(name, Status.PASSED, message, Map.of(), millis);
  }

  /** A failed check without figures. */
  public static CheckResult failed(String name, String message, long millis) {
    return new CheckResult(name, Status.FAILED, message, Map.of(), millis);
  }

  /** A skipped check. */
  public static CheckResult skipped(String name, String why) {
    return new CheckResult(name, Status.SKIPPED, why, Map.of(), 0);
  }
}
