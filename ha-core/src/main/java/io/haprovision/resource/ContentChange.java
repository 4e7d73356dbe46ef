package io.haprovision.resource;

import java.util.Objects;

/**
 * The text of a resource before and after, for a unified diff. Either side may be absent
 * (file created or deleted) or unknown (the probe read only its hash: content is fetched
 * only where a hash differs and a diff is wanted).
 *
 * @param path what the diff headers name, e.g. {@code /etc/keepalived/keepalived.conf}
 * @param before what the node has
 * @param after what it should have
 */
public record ContentChange(String path, Side before, Side after) {
  /** Rejects nulls. */
  public ContentChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  /** One side of a content change. */
  public sealed interface Side permits Absent, Known, Unknown {}

  /** There is no content: the file does not exist (before) or will not (after). */
  public record Absent() implements Side {}

  /**
   * The text is known.
   *
   * @param text the full text
   */
  public record Known(String text) implements Side {
    /** Rejects null. */
    public Known {
      Objects.requireNonNull(text, "text");
    }

    /** Only the size: content may be large and must not leak into logs by accident. */
    @Override
    public String toString() {
      return "Known[" + text.length() + " chars]";
    }
  }

  /**
   * Only the hash is known; the text was not fetched.
   *
   * @param sha256 lowercase hex SHA-256 of the content
   */
  public record Unknown(String sha256) implements Side {
    /** Rejects null. */
    public Unknown {
      Objects.requireNonNull(sha256, "sha256");
    }
  }
}
