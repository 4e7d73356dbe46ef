package io.haprovision.inventory;

/** Multicast adverts to {@code group} (224.0.0.18 unless the inventory says otherwise). */
public record Multicast(String group) implements VrrpTransport {
  /** The VRRP multicast group of RFC 5798 for IPv4. */
  public static final String DEFAULT_GROUP = "224.0.0.18";

  /** Multicast to the standard VRRP group. */
  public static Multicast standard() {
    return new Multicast(DEFAULT_GROUP);
  }
}
