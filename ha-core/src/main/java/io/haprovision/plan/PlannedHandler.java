package io.haprovision.plan;

import io.haprovision.resource.Handler;
import io.haprovision.resource.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * A handler a node's changes trigger: it runs once, after all of that node's changes.
 *
 * @param name the handler's name
 * @param kind reload, restart or run
 * @param command what runs on the node
 * @param triggeredBy the changed resources that asked for it, in plan order
 * @param note why it stands as it does (e.g. a restart that also covers a reload), or empty
 */
public record PlannedHandler(
    String name, Handler.Kind kind, String command, List<ResourceId> triggeredBy, String note) {
  /** Copies the list; rejects nulls. */
  public PlannedHandler {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(command, "command");
    triggeredBy = List.copyOf(triggeredBy);
    Objects.requireNonNull(note, "note");
  }
}
