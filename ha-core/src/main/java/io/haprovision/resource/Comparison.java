package io.haprovision.resource;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource's verdict on how it differs from the node: what to do, a one-line summary, the
 * attributes that change (mode, owner, ...) and, for text content, the old and new text. The
 * planner turns it into a {@code Change} with a diff.
 *
 * @param action what applying the resource would do
 * @param summary one line for humans, e.g. {@code update file /etc/x: content, mode 0600 -> 0644}
 * @param attributes attributes that differ, shown in the diff header ({@code old mode 0600})
 * @param content the text change, when the resource has text content that changes
 */
public record Comparison(
    Action action, String summary, List<AttributeChange> attributes, Optional<ContentChange> content) {

  /** What applying a resource would do to the node. */
  public enum Action {
    /** The resource is missing and will be created (installed, added). */
    CREATE,
    /** The resource exists and will be changed. */
    UPDATE,
    /** The resource exists and will be removed. */
    DELETE,
    /** Nothing to do: the node already matches. */
    NONE
  }

  /** Copies the lists; rejects nulls. */
  public Comparison {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(summary, "summary");
    attributes = List.copyOf(attributes);
    Objects.requireNonNull(content, "content");
  }

  /** Nothing to do; {@code summary} says why (e.g. {@code package keepalived is installed}). */
  public static Comparison none(String summary) {
    return new Comparison(Action.NONE, summary, List.of(), Optional.empty());
  }

  /** A change without attribute or content details. */
  public static Comparison of(Action action, String summary) {
    return new Comparison(action, summary, List.of(), Optional.empty());
  }

  /** True unless the action is {@link Action#NONE}. */
  public boolean changes() {
    return action != Action.NONE;
  }
}
