package io.haprovision.mikrotik;

import io.haprovision.inventory.NodeRole;
import java.math.BigDecimal;

/**
 * The VRRP instance on the HA link whose state decides each router's role
 * ({@code mikrotik.heartbeat}): its on-master and on-backup scripts are the role hooks.
 *
 * @param name the {@code /interface vrrp} name, {@code HA_VRRP} by default
 * @param vrid its virtual router id, 1 by default
 * @param version VRRP version, 3 by default
 * @param interval advertisement interval in seconds, 1 by default
 * @param address its virtual address on the link ({@code .10} of the HA network by default)
 * @param preferred which router it prefers
 */
public record Heartbeat(String name, int vrid, int version, BigDecimal interval, String address, PreferredRouter preferred) {
  /** Default name. */
  public static final String DEFAULT_NAME = "HA_VRRP";
  /** Priority of the preferred router (and of both without preference, 100). */
  public static final int PREFERRED_PRIORITY = 150;
  /** Priority of the other router. */
  public static final int OTHER_PRIORITY = 100;

  /** The heartbeat priority of the router with {@code role}. */
  public int priority(NodeRole role) {
    return preferred.role().filter(r -> r == role).isPresent() ? PREFERRED_PRIORITY : OTHER_PRIORITY;
  }

  /** True unless neither router is preferred. */
  public boolean preempts() {
    return preferred != PreferredRouter.NONE;
  }
}
