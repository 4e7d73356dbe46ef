package io.haprovision.spi;

/**
 * Holding a node out of VRRP while its peer changes to a VRRP it does not speak yet, so it
 * cannot claim the VIPs meanwhile (RouterOS: its heartbeat disabled), and letting it back in.
 */
public interface VrrpHold {
  /** Takes {@code node} out of VRRP without changing anything else. */
  void holdOut(NodeContext node);

  /** Lets {@code node} take part in VRRP again. */
  void letBackIn(NodeContext node);
}
