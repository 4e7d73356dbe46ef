package io.haprovision.inventory;

/** What SSH does with a host key it does not know; {@code strict} or {@code accept-new} in YAML. */
public enum HostKeyPolicy {
  /** Refuse any host whose key is not already in known_hosts (the default). */
  STRICT,
  /** Record the key of a host seen for the first time; refuse a key that changed. */
  ACCEPT_NEW
}
