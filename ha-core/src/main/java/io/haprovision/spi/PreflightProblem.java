package io.haprovision.spi;

import io.haprovision.error.TargetException;
import java.util.Objects;

/**
 * One thing a platform's {@link Target#preflight} found wrong outside the nodes, before any
 * node was contacted: a service the pair depends on that cannot be reached, that refuses the
 * inventory's credentials, or that does not know an id the inventory names.
 *
 * @param kind {@link TargetException.Kind#UNREACHABLE} when the service cannot be reached or
 *     refuses the credentials (the CLI exits 69, as for a node it cannot log in to);
 *     {@link TargetException.Kind#FAILED} when it answered but disagrees with the inventory,
 *     such as an unknown id (the CLI exits 1)
 * @param target what the problem is about, for the message's prefix ({@code
 *     https://mgmt.example.net/api/v3}); never a secret
 * @param message what is wrong, naming the key path and the id, and what to do; never a secret
 */
public record PreflightProblem(TargetException.Kind kind, String target, String message) {
  /** Rejects nulls. */
  public PreflightProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(message, "message");
  }

  /** {@code target: message}. */
  @Override
  public String toString() {
    return target + ": " + message;
  }
}
