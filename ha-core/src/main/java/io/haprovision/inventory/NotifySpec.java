package io.haprovision.inventory;

import java.util.Optional;

/** Commands run on state changes ({@code notify_master}, ...); each is a full command line. */
public record NotifySpec(Optional<String> master, Optional<String> backup, Optional<String> fault, Optional<String> stop) {
  private static final NotifySpec NONE = new NotifySpec(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** No notify commands. */
  public static NotifySpec none() {
    return NONE;
  }

  /** True when no command is set. */
  public boolean isEmpty() {
    return master.isEmpty() && backup.isEmpty() && fault.isEmpty() && stop.isEmpty();
  }
}
