package io.haprovision.resource;

/**
 * What runs once after the changes of a node when a resource that names it changed:
 * reload keepalived, restart conntrackd. {@code kind} tells a reload (keeps the role,
 * preferred) from a restart (may move the VIP) so plans can say which.
 */
public record Handler(String name, Kind kind, String command) {
  /** How disruptive the handler is. */
  public enum Kind {
    /** Re-reads configuration in place (SIGHUP); a MASTER stays master. */
    RELOAD,
    /** Stops and starts the daemon; may cause a failover. */
    RESTART,
    /** Any other command. */
    RUN
  }
}
