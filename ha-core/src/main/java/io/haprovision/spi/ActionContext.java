package io.haprovision.spi;

import io.haprovision.inventory.PairSpec;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link PlatformAction} gets: the pair, its nodes' sessions, its platform's
 * {@link NodeProtocol} if any, where progress lines go, and the inventory file (for an
 * action that records its outcome there).
 *
 * @param pair the pair
 * @param nodes the pair's open sessions (empty for an action that needs none)
 * @param progress receives one line per step, secrets already masked by the caller
 * @param inventoryFile the inventory file the pair came from, when it came from a file
 */
public record ActionContext(PairSpec pair, Optional<PairNodes> nodes, Consumer<String> progress,
    Optional<Path> inventoryFile) {
  /** Rejects nulls. */
  public ActionContext {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(inventoryFile, "inventoryFile");
  }

  /** The sessions; throws when the action declared it needs none. */
  public PairNodes connected() {
    return nodes.orElseThrow(() -> new io.haprovision.error.InternalException(
        "the action runs without connections to pair " + pair.name()));
  }
}
