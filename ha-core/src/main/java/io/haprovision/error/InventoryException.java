package io.haprovision.error;

import io.haprovision.inventory.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The inventory is wrong: it holds every {@link Problem} found, each with its
 * {@code file:line:column}, key path, what is wrong and how to fix it. Nothing has
 * been contacted when this is thrown.
 */
public final class InventoryException extends ProvisionException {
  private final List<Problem> problems;

  public InventoryException(List<Problem> problems) {
    super(summary(problems), null);
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. Never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    String head = problems.size() == 1
        ? "invalid inventory: 1 problem"
        : "invalid inventory: " + problems.size() + " problems";
    return head + "\n" + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }
}
