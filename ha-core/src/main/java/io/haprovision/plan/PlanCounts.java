package io.haprovision.plan;

/**
 * How many changes of each kind a plan, pair or node holds.
 *
 * @param create resources to create
 * @param update resources to update
 * @param delete resources to delete
 * @param unchanged resources already as desired
 */
public record PlanCounts(int create, int update, int delete, int unchanged) {
  /** No changes at all. */
  public static final PlanCounts ZERO = new PlanCounts(0, 0, 0, 0);

  /** Counts one change. */
  public static PlanCounts of(Change change) {
    // Java 17 has no pattern switch; the sealed Change keeps this list complete.
    if (change instanceof Change.Create) {
      return new PlanCounts(1, 0, 0, 0);
    } else if (change instanceof Change.Update) {
      return new PlanCounts(0, 1, 0, 0);
    } else if (change instanceof Change.Delete) {
      return new PlanCounts(0, 0, 1, 0);
    }
    return new PlanCounts(0, 0, 0, 1);
  }

  /** The sum of both counts. */
  public PlanCounts plus(PlanCounts other) {
    return new PlanCounts(create + other.create, update + other.update, delete + other.delete,
        unchanged + other.unchanged);
  }

  /** True when anything is created, updated or deleted. */
  public boolean hasChanges() {
    return create + update + delete > 0;
  }

  /** {@code Plan: 3 to create, 1 to update, 0 to delete}, or {@code No changes.} */
  public String summaryLine() {
    return hasChanges() ? "Plan: " + tally() : "No changes.";
  }

  /** {@code 3 to create, 1 to update, 0 to delete}, or {@code no changes}. */
  public String tally() {
    return hasChanges()
        ? create + " to create, " + update + " to update, " + delete + " to delete"
        : "no changes";
  }
}
