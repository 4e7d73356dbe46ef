package io.haprovision.facts;

import io.haprovision.error.InternalException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the planner finds each node's facts, by pair and node name (node names are unique
 * only within a pair).
 */
@FunctionalInterface
public interface FactsLookup {
  /**
   * The facts of {@code node} in {@code pair}.
   *
   * @throws InternalException when the facts of that node were never gathered
   */
  NodeFacts factsFor(String pair, String node);

  /** Every node is empty: plans the whole desired state, as {@code render} and offline planning need. */
  static FactsLookup offline() {
    return (pair, node) -> NodeFacts.empty(node);
  }

  /** A lookup over facts gathered per pair; asking for a node not added is a bug. */
  static Builder builder() {
    return new Builder();
  }

  /** Collects the facts of each node, keyed by pair. */
  final class Builder {
    private final Map<String, Map<String, NodeFacts>> byPair = new LinkedHashMap<>();

    private Builder() {}

    /** Adds the facts of one node of {@code pair}, keyed by {@link NodeFacts#node()}. */
    public Builder add(String pair, NodeFacts facts) {
      Objects.requireNonNull(pair, "pair");
      byPair.computeIfAbsent(pair, p -> new LinkedHashMap<>()).put(facts.node(), facts);
      return this;
    }

    /** An immutable lookup over what was added. */
    public FactsLookup build() {
      Map<String, Map<String, NodeFacts>> copy = new LinkedHashMap<>();
      byPair.forEach((pair, nodes) -> copy.put(pair, Map.copyOf(nodes)));
      return (pair, node) -> {
        NodeFacts facts = copy.getOrDefault(pair, Map.of()).get(node);
        if (facts == null) {
          throw new InternalException("no facts were gathered for node " + node + " of pair " + pair);
        }
        return facts;
      };
    }
  }
}
