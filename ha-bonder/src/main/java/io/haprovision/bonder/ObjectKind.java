package io.haprovision.bonder;

/** The floating routing objects of a bond that the notify program moves, with their API path segment. */
public enum ObjectKind {
  /** {@code /api/v3/bonds/{bond}/connected_ips/{id}/}. */
  CONNECTED_IPS("connected_ips", "connected IP"),
  /** {@code /api/v3/bonds/{bond}/routes/{id}/}. */
  ROUTES("routes", "route"),
  /** {@code /api/v3/bonds/{bond}/cpe_nat_ips/{id}/}. */
  CPE_NAT_IPS("cpe_nat_ips", "CPE NAT IP");

  private final String path;
  private final String label;

  ObjectKind(String path, String label) {
    this.path = path;
    this.label = label;
  }

  /** One object of this kind in words: {@code connected IP}, {@code route}, {@code CPE NAT IP}. */
  public String label() {
    return label;
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
