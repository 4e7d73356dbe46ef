package io.haprovision.inventory;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?": the closest known word to a misspelt one, if it is close enough. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate nearest to {@code input} by edit distance (case-insensitive), when at
   * most a third of its length (at least 2) differs; empty otherwise.
   */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    if (input == null || input.isEmpty()) {
      return Optional.empty();
    }
    int limit = Math.max(2, input.length() / 3);
    LevenshteinDistance distance = new LevenshteinDistance(limit);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = input.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance.apply(lower, c.toLowerCase(Locale.ROOT));
      if (d >= 0 && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code " (did you mean `x`?)"} or an empty string. */
  public static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(s -> " (did you mean `" + s + "`?)").orElse("");
  }
}
