package io.haprovision.inventory;

/** The role of a node in its pair, written {@code primary} or {@code secondary} in the inventory. */
public enum NodeRole {
  /** The preferred router: higher priority, MASTER by default. */
  PRIMARY,
  /** The standby router: lower priority, BACKUP by default. */
  SECONDARY;

  /** The other role of the pair. */
  public NodeRole other() {
    return this == PRIMARY ? SECONDARY : PRIMARY;
  }

  /** How the inventory spells it: {@code primary} or {@code secondary}. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
