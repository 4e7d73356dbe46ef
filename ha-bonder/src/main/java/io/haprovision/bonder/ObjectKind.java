package io.haprovision.bonder;

/**
 * The floating routing objects of a bond that the notify program moves, with their API path
 * segment. v3 documents {@code /api/v3/bonds/{bond}/connected_ips/{id}/}, {@code routes} and
 * {@code cpe_nat_ips}. For v4 the same segments under {@code /api/v4/} are inferred, not read:
 * v4's documentation names Connected IPs and Routes (their {@code include_private_wan} default
 * changed) and says v4 added underscores to URI components, which these already have, but the
 * rows of its URI table for routing objects could not be read here. Preflight asks for every
 * object under the version spoken before a run touches a bonder, so a different v4 path shows
 * there, not in a failover.
 */
public enum ObjectKind {
  /** {@code /api/VERSION/bonds/{bond}/connected_ips/{id}/}. */
  CONNECTED_IPS("connected_ips", "connected IP"),
  /** {@code /api/VERSION/bonds/{bond}/routes/{id}/}. */
  ROUTES("routes", "route"),
  /** {@code /api/VERSION/bonds/{bond}/cpe_nat_ips/{id}/}. */
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

  /** The path of object {@code id} of {@code bond} in API {@code version} ({@code v3}, {@code v4}). */
  public String apiPath(String version, String bond, String id) {
    return bondPath(version, bond) + path + "/" + id + "/";
  }

  /** The path of {@code bond} in API {@code version}: {@code /api/v4/bonds/12/}. */
  public static String bondPath(String version, String bond) {
    return "/api/" + version + "/bonds/" + bond + "/";
  }
}
