package io.haprovision.keepalived;

/** The initial {@code state} of a VRRP instance. */
public enum VrrpState {
  /** Starts as master; preempts lower priorities. */
  MASTER,
  /** Starts as backup; the only state {@code nopreempt} and {@code preempt_delay} work with. */
  BACKUP
}
