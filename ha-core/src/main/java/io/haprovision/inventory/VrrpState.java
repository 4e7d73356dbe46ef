package io.haprovision.inventory;

/** The state a VRRP instance starts in on a node ({@code state} in keepalived.conf). */
public enum VrrpState {
  /** Starts as master (and takes the VIPs) unless a higher-priority peer is seen. */
  MASTER,
  /** Starts as backup and waits for the master to go silent. */
  BACKUP
}
