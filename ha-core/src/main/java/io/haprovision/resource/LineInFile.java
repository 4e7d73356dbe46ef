package io.haprovision.resource;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Comparison.Action;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One whole line in a file that ha-provision does not own otherwise, such as a path in
 * {@code /etc/sysupgrade.conf}: added only when missing (at the end), removed when absent,
 * every other line left alone.
 *
 * @param path absolute path of the file
 * @param line the exact line, without its newline
 * @param ensure present (add when missing) or absent (remove when there)
 * @param notifies names of the handlers to run when the line is added or removed
 */
public record LineInFile(String path, String line, Ensure ensure, List<String> notifies) implements Resource {
  /** The kind in {@link ResourceId}s of lines. */
  public static final String KIND = "line";

  /** Validates: absolute path, a single non-empty line. */
  public LineInFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(ensure, "ensure");
    notifies = List.copyOf(notifies);
    if (!path.startsWith("/")) {
      throw new InternalException("line file path must be absolute, got '" + path + "'");
    }
    if (line.isEmpty() || line.contains("\n") || line.contains("\r")) {
      throw new InternalException("line for " + path + " must be one non-empty line");
    }
  }

  /** The line must be in the file. */
  public static LineInFile present(String path, String line) {
    return new LineInFile(path, line, Ensure.PRESENT, List.of());
  }

  /** The line must not be in the file. */
  public static LineInFile absent(String path, String line) {
    return new LineInFile(path, line, Ensure.ABSENT, List.of());
  }

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, path + ":" + line);
  }

  @Override
  public String describe() {
    return "line " + shown(line) + " in " + path + (ensure == Ensure.ABSENT ? " (absent)" : "");
  }

  /**
   * The line single-quoted for people reading a plan or the review listing, each embedded
   * {@code '} written {@code '\''} as a shell (and {@code uci show}) would: a quote inside the
   * line cannot be mistaken for the end of the quoted text.
   */
  static String shown(String line) {
    return "'" + line.replace("'", "'\\''") + "'";
  }

  @Override
  public Comparison compare(Optional<ResourceState> current) {
    boolean there = ResourceState.expect(current, LineState.class, id()).map(LineState::present).orElse(false);
    if (ensure == Ensure.PRESENT) {
      return there
          ? Comparison.none("line " + shown(line) + " is in " + path)
          : Comparison.of(Action.CREATE, "add line " + shown(line) + " to " + path);
    }
    return there
        ? Comparison.of(Action.DELETE, "remove line " + shown(line) + " from " + path)
        : Comparison.none("line " + shown(line) + " is not in " + path);
  }
}
