package io.haprovision.lab.bonderapi;

import java.util.Optional;

/** The floating routing objects of a bond, by their path segment in the API. */
public enum ObjectKind {
  /** {@code /api/v3/bonds/{bond}/connected_ips/{id}/}: an address routed to the bond, field {@code ip}. */
  CONNECTED_IPS("connected_ips", "ip"),
  /** {@code /api/v3/bonds/{bond}/routes/{id}/}: a network routed through the bond, field {@code network}. */
  ROUTES("routes", "network"),
  /** {@code /api/v3/bonds/{bond}/cpe_nat_ips/{id}/}: a CPE NAT address of the bond, field {@code ip}. */
  CPE_NAT_IPS("cpe_nat_ips", "ip");

  private final String pathSegment;
  private final String addressField;

  ObjectKind(String pathSegment, String addressField) {
    this.pathSegment = pathSegment;
    this.addressField = addressField;
  }

  /** The segment in the API path, such as {@code connected_ips}. */
  public String pathSegment() {
    return pathSegment;
  }

  /** The JSON field holding the object's address or network. */
  public String addressField() {
    return addressField;
  }

  /** The kind whose path segment is {@code segment}, if any. */
  public static Optional<ObjectKind> fromPathSegment(String segment) {
    for (ObjectKind kind : values()) {
      if (kind.pathSegment.equals(segment)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
