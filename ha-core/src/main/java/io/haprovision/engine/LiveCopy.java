package io.haprovision.engine;

import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one live node has of everything its desired state manages, read without changing it:
 * enough to seed a replica of the node (see {@code provision rehearse}). It may hold secrets
 * (a keepalived.conf with its auth_pass): never print its contents.
 *
 * @param pair the pair
 * @param node the node
 * @param files every file the node's managed resources live in (a UCI option's whole config
 *     file), with the node's content, or absent when the node has none
 * @param states the node's state of each managed package and service (and every other
 *     resource the facts read), by resource
 * @param configuration for a node read through its platform's protocol (RouterOS): the
 *     platform's copy of the node's whole configuration (an export); empty for shell nodes
 */
public record LiveCopy(String pair, String node, List<CopiedFile> files, Map<ResourceId, ResourceState> states,
    Optional<String> configuration) {
  /** Copies the collections; rejects nulls. */
  public LiveCopy {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(node, "node");
    files = List.copyOf(files);
    states = Map.copyOf(states);
    Objects.requireNonNull(configuration, "configuration");
  }

  /**
   * One file of a live node.
   *
   * @param path absolute path
   * @param content its text, or empty when the node has no such file
   * @param mode its permission bits in octal ({@code 0600}); {@code 0644} for an absent file
   */
  public record CopiedFile(String path, Optional<String> content, String mode) {
    /** Rejects nulls. */
    public CopiedFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(mode, "mode");
    }

    /** Hides the content, which may be secret. */
    @Override
    public String toString() {
      return "CopiedFile[" + path + ", " + (content.isPresent() ? content.get().length() + " chars" : "absent")
          + ", " + mode + "]";
    }
  }
}
