package io.haprovision.bonder;

/** The floating routing objects of a bond that the notify program moves, with their API path segment. */
public enum ObjectKind {
  /** {@code /api/v3/bonds/{bond}/connected_ips/{id}/}. */
  CONNECTED_IPS("connected_ips"),
  /** {@code /api/v3/bonds/{bond}/routes/{id}/}. */
  ROUTES("routes"),
  /** {@code /api/v3/bonds/{bond}/cpe_nat_ips/{id}/}. */
  CPE_NAT_IPS("cpe_nat_ips");

  private final String path;

  ObjectKind(String path) {
    this.path = path;
  }

  /** The path segment, which is also the inventory key. */
  public String path() {
    return path;
  }

  /** The API path of object {@code id} of {@code bond}. */
  public String apiPath(String bond, String id) {
    return "/api/v3/bonds/" + bond + "/" + path + "/" + id + "/";
  }
}
