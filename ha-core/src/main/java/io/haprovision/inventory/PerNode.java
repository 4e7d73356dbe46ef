package io.haprovision.inventory;

import java.util.Objects;
import java.util.function.Function;

/** One value for each node of a pair, such as the priority of an instance on each node. */
public record PerNode<T>(T primary, T secondary) {
  /** Requires both values. */
  public PerNode {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(secondary, "secondary");
  }

  /** The value for the node with this role. */
  public T of(NodeRole role) {
    return role == NodeRole.PRIMARY ? primary : secondary;
  }

  /** Both values mapped through {@code f}. */
  public <R> PerNode<R> map(Function<? super T, ? extends R> f) {
    return new PerNode<>(f.apply(primary), f.apply(secondary));
  }

  /** True when both nodes have equal values. */
  public boolean same() {
    return primary.equals(secondary);
  }
}
