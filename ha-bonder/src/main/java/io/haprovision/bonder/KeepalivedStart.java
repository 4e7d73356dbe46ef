package io.haprovision.bonder;

/** What starts keepalived on a bonder ({@code bonder.keepalived_start}). */
public enum KeepalivedStart {
  /** systemd at boot: the unit is enabled. */
  SYSTEMD,
  /**
   * Bonding's connected-IP hook: the unit is disabled in systemd and
   * {@code /etc/bonding/connectedip.d/<ID>/keepalived} starts and stops it.
   */
  CONNECTED_IP_HOOK
}
