package io.haprovision.bonder;

/** Where ha-provision puts things on a bonder. Root-owned folders only: keepalived's script security requires it. */
public final class BonderPaths {
  /** The notify program keepalived runs. */
  public static final String NOTIFY_PROGRAM = "/usr/libexec/ha-provision/bonder-notify";
  /** The node check keepalived runs. */
  public static final String TRACK_PROGRAM = "/usr/libexec/ha-provision/bonder-track";
  /** keepalived's config test, tolerating the one warning of an instance without VIPs. */
  public static final String KEEPALIVED_CHECK = "/usr/libexec/ha-provision/keepalived-check";
  /** The notify program's settings, with the API password: mode 0600 root. */
  public static final String NOTIFY_CONFIG = "/etc/ha-provision/bonder-notify.conf";
  /** Where the notify program writes the outcome of its last run. */
  public static final String STATE_FILE = "/var/lib/ha-provision/bonder-notify.state";
  /** keepalived's configuration. */
  public static final String KEEPALIVED_CONF = "/etc/keepalived/keepalived.conf";
  /** The file keepalived tracks so the bonder can be drained ({@code provision action drain}). */
  public static final String DRAIN_FILE = "/etc/keepalived/ha-provision.drain";

  private BonderPaths() {}

  /** The connected-IP hook that starts and stops keepalived: {@code /etc/bonding/connectedip.d/<ID>/keepalived}. */
  public static String connectedIpHook(String connectedIpId) {
    return "/etc/bonding/connectedip.d/" + connectedIpId + "/keepalived";
  }
}
