package io.haprovision.engine.probe;

import io.haprovision.error.InternalException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One snippet of a batched probe script.
 *
 * @param id the section's id in the framed output: letters, digits, {@code -_.}
 * @param snippet POSIX sh, run in its own subshell with stdin from /dev/null
 */
public record ProbeSection(String id, String snippet) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

  /** Checks the id, which appears in frame lines. */
  public ProbeSection {
    Objects.requireNonNull(snippet, "snippet");
    if (id == null || !ID.matcher(id).matches()) {
      throw new InternalException("probe section id must be [A-Za-z0-9_.-]+, got '" + id + "'");
    }
  }
}
