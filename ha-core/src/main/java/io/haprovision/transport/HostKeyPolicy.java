package io.haprovision.transport;

/**
 * What to do with a host key that known_hosts does not hold. A key that differs from the
 * one known_hosts holds for the host is refused under every policy.
 *
 * <p>Mirrors {@link io.haprovision.inventory.HostKeyPolicy} (use {@link #of}); kept here
 * because the engine already builds endpoints with it.
 */
public enum HostKeyPolicy {
  /** Refuse an unknown key (the default): keys are trusted only after being put in known_hosts. */
  STRICT,
  /** Trust an unknown key on first use and append it to known_hosts; still refuse a changed key. */
  ACCEPT_NEW;

  /** The transport's policy for the inventory's {@code host_key_policy}. */
  public static HostKeyPolicy of(io.haprovision.inventory.HostKeyPolicy inventoryPolicy) {
    return inventoryPolicy == io.haprovision.inventory.HostKeyPolicy.ACCEPT_NEW ? ACCEPT_NEW : STRICT;
  }

  /** The inventory spelling: {@code strict} or {@code accept-new}. */
  public String inventoryName() {
    return this == STRICT ? "strict" : "accept-new";
  }
}
