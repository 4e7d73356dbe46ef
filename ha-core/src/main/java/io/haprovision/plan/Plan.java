package io.haprovision.plan;

import io.haprovision.error.InternalException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run would do, pair by pair; the output of {@link Planner#plan} and the input of
 * apply. Serializes with {@link PlanJson}.
 *
 * @param version the plan format version, {@link #FORMAT_VERSION}
 * @param pairs the pair plans, in inventory order
 */
public record Plan(int version, List<PairPlan> pairs) {
  /** The plan format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Copies the list; rejects a version this code does not know. */
  public Plan {
    if (version != FORMAT_VERSION) {
      throw new InternalException("plan format version " + version + " is not " + FORMAT_VERSION);
    }
    pairs = List.copyOf(pairs);
  }

  /** A plan in the current format. */
  public static Plan of(List<PairPlan> pairs) {
    return new Plan(FORMAT_VERSION, pairs);
  }

  /** True when any node of any pair has a change. */
  public boolean hasChanges() {
    return pairs.stream().anyMatch(PairPlan::hasChanges);
  }

  /** How many changes of each kind, over every pair. */
  public PlanCounts counts() {
    return pairs.stream().map(PairPlan::counts).reduce(PlanCounts.ZERO, PlanCounts::plus);
  }

  /** The facts digest of every node, keyed {@code pair/node}, in plan order. */
  public Map<String, String> factsDigests() {
    Map<String, String> digests = new LinkedHashMap<>();
    for (PairPlan pair : pairs) {
      for (NodePlan node : pair.nodes()) {
        digests.put(pair.pair() + "/" + node.node(), node.factsDigest());
      }
    }
    return digests;
  }

  /** The plan of the pair named {@code pair}. */
  public PairPlan pair(String pair) {
    return pairs.stream().filter(p -> p.pair().equals(pair)).findFirst()
        .orElseThrow(() -> new InternalException("plan has no pair " + pair));
  }
}
