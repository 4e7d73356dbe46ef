package io.haprovision.facts;

/** The VRRP state a node reports now; decides which node of a pair is changed first. */
public enum VrrpRole {
  /** Holds the virtual addresses: changed last. */
  MASTER,
  /** Standing by. */
  BACKUP,
  /** keepalived runs but a tracked interface or script failed. */
  FAULT,
  /** Not known: keepalived not running or not installed, or the node was not probed. */
  UNKNOWN
}
