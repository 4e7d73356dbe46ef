package io.haprovision.bonder;

/**
 * What starts keepalived on a bonder ({@code bonder.keepalived_start}). Multapplied's
 * swap-active-bond README advises the hook: keepalived disabled in systemd, started by
 * bonding's connected-IP hook of the private link's connected IP (bonding runs it with
 * {@code start} after adding the address, {@code stop} before removing it), so keepalived
 * never speaks VRRP before the address it speaks from exists.
 */
public enum KeepalivedStart {
  /** systemd at boot: the unit is enabled. */
  SYSTEMD,
  /**
   * Bonding's connected-IP hook (the default): the unit is disabled in systemd and
   * {@code /etc/bonding/connectedip.d/<ID>/keepalived} starts and stops it, ID being the
   * private link's connected IP ({@code hook_connected_ip}).
   */
  CONNECTED_IP_HOOK
}
