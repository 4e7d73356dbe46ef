package io.haprovision.engine;

import java.util.List;
import java.util.Objects;

/**
 * The health gate after one node of a pair was changed.
 *
 * @param status passed, failed (the pair stops here) or skipped (nothing to check)
 * @param summary one line: the roles it settled on, or why it failed or was skipped
 * @param problems what was still wrong at the last look (empty when passed)
 * @param millis how long the gate waited
 * @param polls how many times it read the pair
 */
public record GateResult(Status status, String summary, List<String> problems, long millis, int polls) {
  /** How the gate ended. */
  public enum Status {
    /** Every condition held for the settle time. */
    PASSED,
    /** The deadline passed with a condition still failing. */
    FAILED,
    /** The platform runs no keepalived instance to check, or the gate was turned off. */
    SKIPPED
  }

  /** Copies the list; rejects nulls. */
  public GateResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    problems = List.copyOf(problems);
  }

  /** A gate that did not run, and why. */
  public static GateResult skipped(String why) {
    return new GateResult(Status.SKIPPED, why, List.of(), 0, 0);
  }

  /** True unless it failed. */
  public boolean ok() {
    return status != Status.FAILED;
  }
}
