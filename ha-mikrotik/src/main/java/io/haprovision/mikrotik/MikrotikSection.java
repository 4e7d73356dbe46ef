package io.haprovision.mikrotik;

import io.haprovision.inventory.NodeRole;
import io.haprovision.spi.PlatformSection;
import java.util.List;
import java.util.Optional;

/**
 * A pair's {@code mikrotik:} section, bound and checked by {@link MikrotikTarget}.
 *
 * @param routerOs the RouterOS dialect (6 or 7) the desired configuration is written in;
 *     checked against each router's version before anything is changed
 * @param versionPolicy which versions may be changed
 * @param identity the base of each router's {@code /system identity} (the pair's name when
 *     empty): the primary is {@code BASE_HA_A}, the secondary {@code BASE_HA_B}, and the
 *     hooks add {@code _ACTIVE} or {@code _STANDBY}
 * @param bgp whether the hooks enable and disable BGP sessions
 * @param rescuePorts ethernet ports the backup keeps enabled (commented {@code HA_RESCUE})
 * @param haLink the dedicated HA link
 * @param heartbeat the VRRP heartbeat on it
 * @param replaces the hand-built setup whose leftovers go ({@link HaMikrotik})
 * @param path key path of the section ({@code pairs[0].mikrotik})
 */
public record MikrotikSection(
    int routerOs,
    VersionPolicy versionPolicy,
    Optional<String> identity,
    boolean bgp,
    List<String> rescuePorts,
    HaLink haLink,
    Heartbeat heartbeat,
    HandBuilt replaces,
    String path)
    implements PlatformSection {

  /** The comment that marks a port the backup keeps enabled. */
  public static final String RESCUE_COMMENT = "HA_RESCUE";

  /** Copies the list. */
  public MikrotikSection {
    rescuePorts = List.copyOf(rescuePorts);
  }

  /**
   * The version table's row for what desired state is written against: the newest row of the
   * dialect. Only columns that hold for every release of the dialect are read from it (BGP menu,
   * VRRP grouping or none, on-fail, hidden secrets); what differs inside a dialect (the grouping
   * property's name, dates) is settled against each router's own version when it is read.
   */
  public RouterOsFormat format() {
    return RouterOsFormat.newest(routerOs);
  }

  /**
   * The identity of the router with {@code role} of pair {@code pairName}, without its role
   * suffix: {@code ccr_HA_A}.
   */
  public String nodeIdentity(String pairName, NodeRole role) {
    return identity.orElse(pairName) + (role == NodeRole.PRIMARY ? "_HA_A" : "_HA_B");
  }
}
