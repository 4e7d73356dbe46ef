package io.haprovision.resource;

/** Whether a resource should be on the node or removed from it. */
public enum Ensure {
  /** The resource should exist as described. */
  PRESENT,
  /** The resource should not exist; removed when it does. */
  ABSENT
}
