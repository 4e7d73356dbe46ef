package io.haprovision.inventory;

/** VRRPv2 authentication type ({@code auth_type} in keepalived.conf). */
public enum AuthType {
  /** Plain-text password; deprecated by RFC 3768 but what most guides use. */
  PASS,
  /** IPsec Authentication Header. */
  AH
}
