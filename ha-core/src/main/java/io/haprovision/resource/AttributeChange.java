package io.haprovision.resource;

import java.util.Objects;

/**
 * One attribute that differs between the node and the desired resource, such as a file's
 * mode or owner. Values are shown in plans, so they must never be secret.
 *
 * @param name the attribute, e.g. {@code mode}
 * @param before the node's value now
 * @param after the desired value
 */
public record AttributeChange(String name, String before, String after) {
  /** Rejects nulls. */
  public AttributeChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
