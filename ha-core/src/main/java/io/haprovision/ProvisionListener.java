package io.haprovision;

/**
 * Receives progress while a {@link Provisioner} works: one event per pair and node step.
 * Called from worker threads (pairs run in parallel): implementations must be thread-safe
 * and quick. Messages never hold a secret.
 */
@FunctionalInterface
public interface ProvisionListener {
  /** A listener that ignores everything. */
  ProvisionListener NONE = event -> { };

  /** One step happened. */
  void onEvent(ProgressEvent event);
}
