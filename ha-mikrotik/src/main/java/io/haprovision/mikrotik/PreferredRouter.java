package io.haprovision.mikrotik;

import io.haprovision.inventory.NodeRole;
import java.util.Optional;

/** Which router of the pair the heartbeat prefers as master ({@code heartbeat.preferred}). */
public enum PreferredRouter {
  /** The primary: heartbeat priority 150 against 100, with preemption. */
  PRIMARY,
  /** The secondary: heartbeat priority 150 against 100, with preemption. */
  SECONDARY,
  /** Neither: both 100 and no preemption, so the master stays master until it fails. */
  NONE;

  /** The preferred role, if any. */
  public Optional<NodeRole> role() {
    return switch (this) {
      case PRIMARY -> Optional.of(NodeRole.PRIMARY);
      case SECONDARY -> Optional.of(NodeRole.SECONDARY);
      case NONE -> Optional.empty();
    };
  }
}
