package io.haprovision.openwrt;

/**
 * Where ha-provision puts things on an OpenWrt node. Scripts keepalived runs live under
 * {@code /usr/libexec}, where no path component is writable by anyone but root
 * (keepalived's script security refuses scripts anywhere else).
 */
public final class OpenWrtPaths {
  private OpenWrtPaths() {}

  /** ha-provision's own scripts. */
  public static final String LIBEXEC_DIR = "/usr/libexec/ha-provision/";
  /** The role hook keepalived calls with {@code master|backup|fault|stop}. */
  public static final String ROLE_HOOK = LIBEXEC_DIR + "role-hook";
  /** The scratch-start check of a staged conntrackd.conf (conntrackd has no config-test mode). */
  public static final String CONNTRACKD_CHECK = LIBEXEC_DIR + "conntrackd-check";
  /** dnsmasq's {@code dhcp-script}: pushes the lease file to the peer while MASTER. */
  public static final String LEASE_SYNC = LIBEXEC_DIR + "lease-sync";
  /** The role file: one line, {@code master}, {@code backup}, {@code fault} or {@code stop}. */
  public static final String ROLE_FILE = "/var/run/ha-provision.role";
  /** Lock held by the role hook so that two state changes never run interleaved. */
  public static final String ROLE_LOCK = "/var/run/ha-provision.role.lock";
  /** ha-provision's own configuration: the lease-sync key. */
  public static final String ETC_DIR = "/etc/ha-provision/";
  /** The private key lease sync logs in to the peer with. */
  public static final String LEASE_SYNC_KEY = ETC_DIR + "lease-sync.key";
  /** Where the peer's pushed lease file lands; the role hook installs it on becoming MASTER. */
  public static final String PEER_LEASES = "/tmp/ha-provision/dhcp.leases.peer";
  /** dnsmasq's lease file on OpenWrt. */
  public static final String DHCP_LEASES = "/tmp/dhcp.leases";
  /** keepalived's configuration directory and the file the init script links to. */
  public static final String KEEPALIVED_DIR = "/etc/keepalived/";
  /** The keepalived.conf ha-provision writes ({@code keepalived.globals.alt_config_file}). */
  public static final String KEEPALIVED_CONF = KEEPALIVED_DIR + "keepalived.conf";
  /**
   * The file keepalived tracks so the node can be drained ({@code provision action drain}); in
   * {@link #KEEPALIVED_DIR}, which sysupgrade keeps, so a drain survives an upgrade too.
   */
  public static final String DRAIN_FILE = KEEPALIVED_DIR + "ha-provision.drain";
  /** conntrackd's configuration directory. */
  public static final String CONNTRACKD_DIR = "/etc/conntrackd/";
  /** conntrackd.conf; the init script starts conntrackd only when it exists. */
  public static final String CONNTRACKD_CONF = CONNTRACKD_DIR + "conntrackd.conf";
  /** conntrackd's lock file. */
  public static final String CONNTRACKD_LOCK = "/var/lock/conntrack.lock";
  /** conntrackd's control socket (the role hook's {@code conntrackd -c} etc. talk to it). */
  public static final String CONNTRACKD_SOCKET = "/var/run/conntrackd.ctl";
  /** ha-provision's sysctl settings (no mid-stream TCP pickup while conntrackd syncs). */
  public static final String SYSCTL_CONF = "/etc/sysctl.d/90-ha-provision.conf";
  /** fw4 includes every {@code /etc/nftables.d/*.nft} inside its table: ha-provision's takeover hold. */
  public static final String NFT_TAKEOVER_HOLD = "/etc/nftables.d/10-ha-provision.nft";
  /**
   * What the role hook's MASTER sequence committed: {@code key=value} lines (time, entries in
   * conntrackd's external cache and in the kernel before and after the commit).
   */
  public static final String CONNTRACK_STATUS = "/var/run/ha-provision.conntrack";
  /** The list of paths sysupgrade keeps. */
  public static final String SYSUPGRADE_CONF = "/etc/sysupgrade.conf";
}
