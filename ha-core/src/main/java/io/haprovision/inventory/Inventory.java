package io.haprovision.inventory;

import io.haprovision.secret.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded and fully validated inventory: every pair it describes. {@code source} is
 * the file it was read from, or null when it was loaded from a string. {@code warnings}:
 * what is valid but should change (each with its position, rule and fix), for every
 * command to show.
 */
public record Inventory(Path source, List<PairSpec> pairs, List<Problem> warnings) {
  /** Copies the lists. */
  public Inventory {
    pairs = List.copyOf(pairs);
    warnings = List.copyOf(warnings);
  }

  /** An inventory without warnings. */
  public Inventory(Path source, List<PairSpec> pairs) {
    this(source, pairs, List.of());
  }

  /** The pair with this name, if any. */
  public Optional<PairSpec> pair(String name) {
    return pairs.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * Every secret in the inventory (SSH passwords, VRRP passwords, the platforms'
   * secrets), each value once, for the {@link io.haprovision.secret.Redactor}.
   */
  public List<Secret> secrets() {
    java.util.Set<Secret> out = new java.util.LinkedHashSet<>();
    for (PairSpec pair : pairs) {
      for (NodeSpec node : pair.nodes()) {
        node.ssh().password().ifPresent(out::add);
      }
      for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
        for (NodeRole role : NodeRole.values()) {
          instance.nodes().of(role).auth().value().ifPresent(a -> out.add(a.password()));
        }
      }
      if (pair.platformSection() != null) {
        out.addAll(pair.platformSection().secrets());
      }
    }
    return List.copyOf(out);
  }
}
