package io.haprovision.keepalived;

import java.util.Optional;

/**
 * Commands keepalived runs on state changes of an instance or a sync group. The
 * per-state ones ({@code notify_master "cmd args"} ...) get only their own arguments;
 * the generic {@code notify} gets {@code GROUP|INSTANCE NAME STATE PRIORITY} appended.
 * Every command is an absolute path with arguments, rendered inside double quotes.
 */
public record Notify(
    Optional<String> master, Optional<String> backup, Optional<String> fault, Optional<String> stop,
    Optional<String> generic) {
  /** No notify command at all. */
  public static final Notify NONE =
      new Notify(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Checks every command can be rendered inside double quotes. */
  public Notify {
    ConfSyntax.command(master, "notify_master");
    ConfSyntax.command(backup, "notify_backup");
    ConfSyntax.command(fault, "notify_fault");
    ConfSyntax.command(stop, "notify_stop");
    ConfSyntax.command(generic, "notify");
  }

  /** Only the generic {@code notify} program. */
  public static Notify generic(String command) {
    return new Notify(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(command));
  }

  /** True when at least one command is set. */
  public boolean any() {
    return master.isPresent() || backup.isPresent() || fault.isPresent() || stop.isPresent()
        || generic.isPresent();
  }
}
