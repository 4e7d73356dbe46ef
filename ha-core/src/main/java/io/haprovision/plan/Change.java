package io.haprovision.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.haprovision.resource.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * What a plan does to one resource of a node. {@link #diff()} is a unified diff (or, for a
 * sensitive or unfetched content, a sentence saying why there is none), already free of
 * secrets.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Change.Create.class, name = "create"),
    @JsonSubTypes.Type(value = Change.Update.class, name = "update"),
    @JsonSubTypes.Type(value = Change.Delete.class, name = "delete"),
    @JsonSubTypes.Type(value = Change.NoOp.class, name = "no-op")
})
public sealed interface Change permits Change.Create, Change.Update, Change.Delete, Change.NoOp {
  /** The resource this change is about. */
  ResourceId id();

  /** One line for humans, e.g. {@code update file /etc/x: content, mode 0600 -> 0644}. */
  String summary();

  /** Attribute changes and the unified content diff, lines joined by {@code \n}; empty when none. */
  String diff();

  /** Handlers this change triggers; empty for {@link NoOp}. */
  List<String> notifies();

  /** True unless this is a {@link NoOp}. */
  @JsonIgnore
  default boolean changes() {
    return !(this instanceof NoOp);
  }

  /**
   * The resource is missing and will be created.
   *
   * @param id the resource
   * @param summary one line for humans
   * @param diff the content as an all-added diff, or why there is none
   * @param notifies handlers this change triggers
   */
  record Create(ResourceId id, String summary, String diff, List<String> notifies) implements Change {
    /** Copies the list; rejects nulls. */
    public Create {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(diff, "diff");
      notifies = List.copyOf(notifies);
    }
  }

  /**
   * The resource exists and will be changed.
   *
   * @param id the resource
   * @param summary one line for humans
   * @param diff attribute changes and the content diff
   * @param notifies handlers this change triggers
   */
  record Update(ResourceId id, String summary, String diff, List<String> notifies) implements Change {
    /** Copies the list; rejects nulls. */
    public Update {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(diff, "diff");
      notifies = List.copyOf(notifies);
    }
  }

  /**
   * The resource exists and will be removed.
   *
   * @param id the resource
   * @param summary one line for humans
   * @param diff the removed content as an all-removed diff when known; otherwise empty
   * @param notifies handlers this change triggers
   */
  record Delete(ResourceId id, String summary, String diff, List<String> notifies) implements Change {
    /** Copies the list; rejects nulls. */
    public Delete {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(diff, "diff");
      notifies = List.copyOf(notifies);
    }
  }

  /**
   * The node already matches; nothing is done.
   *
   * @param id the resource
   * @param summary why nothing is done, e.g. {@code file /etc/x is up to date}
   */
  record NoOp(ResourceId id, String summary) implements Change {
    /** Rejects nulls. */
    public NoOp {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(summary, "summary");
    }

    /** Always empty: nothing changes. */
    @Override
    @JsonIgnore
    public String diff() {
      return "";
    }

    /** Always empty: nothing changes, so nothing is triggered. */
    @Override
    @JsonIgnore
    public List<String> notifies() {
      return List.of();
    }
  }
}
