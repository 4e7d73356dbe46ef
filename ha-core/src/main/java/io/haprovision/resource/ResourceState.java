package io.haprovision.resource;

import io.haprovision.error.InternalException;
import java.util.Optional;

/**
 * What a node has now for one resource, as read by a probe: a file's hash and mode, a
 * package's version, a service's status. Open, like {@link Resource}: a platform kind
 * brings its own state record.
 */
public interface ResourceState {
  /**
   * A canonical one-line text of this state, the same for equal states, used to digest a
   * node's facts (so apply can refuse a plan made from facts that changed since). Must not
   * hold secret content (a file gives its hash, not its text) nor anything that changes
   * without the state changing (a fetch time).
   */
  String fingerprint();

  /**
   * Narrows {@code current} to the state type a resource kind expects.
   *
   * @throws InternalException when the facts hold another state type for {@code id}: a
   *     probe and a resource kind disagree, which is a bug
   */
  static <S extends ResourceState> Optional<S> expect(
      Optional<ResourceState> current, Class<S> type, ResourceId id) {
    if (current.isEmpty()) {
      return Optional.empty();
    }
    ResourceState state = current.get();
    if (!type.isInstance(state)) {
      throw new InternalException("facts for " + id + " are a " + state.getClass().getSimpleName()
          + " where a " + type.getSimpleName() + " was expected");
    }
    return Optional.of(type.cast(state));
  }
}
