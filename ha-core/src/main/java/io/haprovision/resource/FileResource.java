package io.haprovision.resource;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Comparison.Action;
import io.haprovision.resource.ContentChange.Absent;
import io.haprovision.resource.ContentChange.Known;
import io.haprovision.resource.ContentChange.Side;
import io.haprovision.resource.ContentChange.Unknown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole file: content, mode, ownership, an optional check run on the target against the
 * staged file before it replaces the old one, and the handlers to run when it changes.
 *
 * <p>Build with {@link #of}, {@link #secret} or {@link #absent} and the {@code with...}
 * methods. A sensitive file is always mode 0600, and its content is never diffed, printed
 * or put into {@link #toString()}.
 *
 * @param path absolute path on the node
 * @param ensure present (write this content) or absent (delete the file)
 * @param content the full content (empty when absent)
 * @param mode four octal digits, e.g. {@code 0644}
 * @param owner owning user
 * @param group owning group
 * @param validateCommand run on the target with {@code %s} replaced by the staged file's
 *     path, e.g. {@code keepalived -t -f %s}; a non-zero exit keeps the old file
 * @param sensitive the content holds a secret
 * @param notifies names of the handlers to run when the file changes
 */
public record FileResource(
    String path,
    Ensure ensure,
    String content,
    String mode,
    String owner,
    String group,
    Optional<String> validateCommand,
    boolean sensitive,
    List<String> notifies)
    implements Resource {

  /** The kind in {@link ResourceId}s of files. */
  public static final String KIND = "file";

  /** Validates: absolute path, octal mode, {@code %s} in the check, 0600 when sensitive. */
  public FileResource {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(ensure, "ensure");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(validateCommand, "validateCommand");
    notifies = List.copyOf(notifies);
    if (!path.startsWith("/") || path.endsWith("/") || path.contains("\n")) {
      throw new InternalException("file path must be absolute and name a file, got '" + path + "'");
    }
    mode = FileModes.normalize(mode, "file " + path);
    if (validateCommand.isPresent() && !validateCommand.get().contains("%s")) {
      throw new InternalException("validation command of file " + path
          + " must contain %s (the staged file's path): " + validateCommand.get());
    }
    if (sensitive && !mode.equals("0600")) {
      throw new InternalException("sensitive file " + path + " must be mode 0600, not " + mode);
    }
    if (ensure == Ensure.ABSENT && !content.isEmpty()) {
      throw new InternalException("file " + path + " is to be absent and cannot have content");
    }
  }

  /** A file with this content, mode 0644, owned by root:root. */
  public static FileResource of(String path, String content) {
    return new FileResource(path, Ensure.PRESENT, content, "0644", "root", "root",
        Optional.empty(), false, List.of());
  }

  /** A file holding a secret: mode 0600, owned by root:root, never diffed nor printed. */
  public static FileResource secret(String path, String content) {
    return new FileResource(path, Ensure.PRESENT, content, "0600", "root", "root",
        Optional.empty(), true, List.of());
  }

  /** The file must not exist. */
  public static FileResource absent(String path) {
    return new FileResource(path, Ensure.ABSENT, "", "0644", "root", "root",
        Optional.empty(), false, List.of());
  }

  /** The same file with another mode. */
  public FileResource withMode(String newMode) {
    return new FileResource(path, ensure, content, newMode, owner, group, validateCommand, sensitive, notifies);
  }

  /** The same file with another owner and group. */
  public FileResource withOwner(String newOwner, String newGroup) {
    return new FileResource(path, ensure, content, mode, newOwner, newGroup, validateCommand, sensitive, notifies);
  }

  /** The same file, checked on the target with {@code command} ({@code %s} = staged path). */
  public FileResource withValidation(String command) {
    return new FileResource(path, ensure, content, mode, owner, group, Optional.of(command), sensitive, notifies);
  }

  /** The same file, notifying these handlers (added to any it notifies already). */
  public FileResource notifying(String... handlers) {
    List<String> all = new ArrayList<>(notifies);
    all.addAll(Arrays.asList(handlers));
    return new FileResource(path, ensure, content, mode, owner, group, validateCommand, sensitive, all);
  }

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, path);
  }

  /** Lowercase hex SHA-256 of the content as written (UTF-8), compared with the probed hash. */
  public String sha256() {
    return Sha256.of(content);
  }

  @Override
  public String describe() {
    if (ensure == Ensure.ABSENT) {
      return "file " + path + " (absent)";
    }
    return "file " + path + " (" + mode + " " + owner + ":" + group + (sensitive ? ", sensitive" : "") + ")";
  }

  @Override
  public Comparison compare(Optional<ResourceState> current) {
    FileState now = ResourceState.expect(current, FileState.class, id()).orElse(FileState.absent());
    if (!now.exists()) {
      return ensure == Ensure.ABSENT
          ? Comparison.none("file " + path + " is absent")
          : new Comparison(Action.CREATE, "create " + describe(), List.of(),
              Optional.of(new ContentChange(path, new Absent(), desiredSide())));
    }
    if (ensure == Ensure.ABSENT) {
      return new Comparison(Action.DELETE, "delete file " + path, List.of(),
          Optional.of(new ContentChange(path, currentSide(now), new Absent())));
    }
    boolean contentDiffers = !now.sha256().equalsIgnoreCase(sha256());
    List<AttributeChange> attributes = new ArrayList<>();
    if (!now.mode().equals(mode)) {
      attributes.add(new AttributeChange("mode", now.mode(), mode));
    }
    if (!now.owner().equals(owner) || !now.group().equals(group)) {
      attributes.add(new AttributeChange("owner", now.owner() + ":" + now.group(), owner + ":" + group));
    }
    if (!contentDiffers && attributes.isEmpty()) {
      return Comparison.none("file " + path + " is up to date");
    }
    List<String> what = new ArrayList<>();
    if (contentDiffers) {
      what.add("content");
    }
    attributes.forEach(a -> what.add(a.name() + " " + a.before() + " -> " + a.after()));
    return new Comparison(Action.UPDATE, "update file " + path + ": " + String.join(", ", what), attributes,
        contentDiffers ? Optional.of(new ContentChange(path, currentSide(now), desiredSide())) : Optional.empty());
  }

  // A sensitive file's text never leaves this record, not even into a comparison.
  private Side desiredSide() {
    return sensitive ? new Unknown(sha256()) : new Known(content);
  }

  private Side currentSide(FileState now) {
    return now.content().filter(c -> !sensitive).<Side>map(Known::new).orElse(new Unknown(now.sha256()));
  }

  /** Never prints the content: it may be a secret. */
  @Override
  public String toString() {
    return "FileResource[" + describe() + ", sha256=" + (sensitive ? "(sensitive)" : sha256())
        + validateCommand.map(v -> ", validate=" + v).orElse("") + ", notifies=" + notifies + "]";
  }
}
