package io.haprovision.resource;

import java.util.Objects;
import java.util.Optional;

/**
 * A file on a node as probed: whether it exists and, if so, the SHA-256 of its content, its
 * mode, owner and group, and the content itself only when it was fetched (the probe fetches
 * it only where the hash differs from the desired one and a diff is wanted).
 *
 * @param exists whether the path exists
 * @param sha256 lowercase hex SHA-256 of the content; empty string when absent
 * @param mode four octal digits ({@code 0644}); empty string when absent
 * @param owner owning user name; empty string when absent
 * @param group owning group name; empty string when absent
 * @param content the content, when fetched
 */
public record FileState(
    boolean exists, String sha256, String mode, String owner, String group, Optional<String> content)
    implements ResourceState {

  /** Normalizes the mode to four digits; rejects nulls and content on an absent file. */
  public FileState {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(content, "content");
    mode = exists ? FileModes.normalize(mode, "probed file") : "";
    if (!exists && content.isPresent()) {
      throw new IllegalArgumentException("an absent file has no content");
    }
  }

  /** The path does not exist. */
  public static FileState absent() {
    return new FileState(false, "", "", "", "", Optional.empty());
  }

  /** The path exists; its content was not fetched. */
  public static FileState present(String sha256, String mode, String owner, String group) {
    return new FileState(true, sha256, mode, owner, group, Optional.empty());
  }

  /** The same state with its fetched content. */
  public FileState withContent(String fetched) {
    return new FileState(exists, sha256, mode, owner, group, Optional.of(fetched));
  }

  /** Hash, mode and ownership; never the content (fetched or not, the state is the same). */
  @Override
  public String fingerprint() {
    return exists ? "file sha256=" + sha256 + " mode=" + mode + " owner=" + owner + ":" + group : "file absent";
  }

  /** Never prints the content: it may be a secret. */
  @Override
  public String toString() {
    return "FileState[" + fingerprint() + (content.isPresent() ? ", content fetched" : "") + "]";
  }
}
