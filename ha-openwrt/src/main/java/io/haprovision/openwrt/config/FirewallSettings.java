package io.haprovision.openwrt.config;

import java.util.Objects;

/**
 * What the pair needs through fw4 ({@code firewall:}). ha-provision always writes, as UCI
 * {@code firewall} sections it owns ({@code ha_*}), rules accepting VRRP from the peer on every
 * instance's interface and conntrackd's sync and the lease sync from the peer; this section only
 * chooses the zone of the sync link.
 *
 * @param syncZone the fw4 zone the sync link's rules go into
 * @param syncZoneExists {@code syncZone} is one of the user's zones that already holds the sync
 *     link; otherwise ha-provision makes {@code syncZone} a zone of its own holding only the
 *     sync interface (input rejected but for its rules)
 * @param path key path of the section
 */
public record FirewallSettings(String syncZone, boolean syncZoneExists, String path) {
  /** The zone ha-provision makes for the sync link unless told otherwise. */
  public static final String OWN_SYNC_ZONE = "ha_sync";

  /** Rejects nulls. */
  public FirewallSettings {
    Objects.requireNonNull(syncZone, "syncZone");
    Objects.requireNonNull(path, "path");
  }

  /** The default: a zone of ha-provision's own for the sync link. */
  public static FirewallSettings defaults(String path) {
    return new FirewallSettings(OWN_SYNC_ZONE, false, path);
  }
}
