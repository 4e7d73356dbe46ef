package io.haprovision.openwrt.config;

import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.PerNode;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.inventory.schema.ValueShape;
import io.haprovision.openwrt.uci.UciNames;
import io.haprovision.secret.Secret;
import io.haprovision.yaml.YamlList;
import io.haprovision.yaml.YamlMap;
import io.haprovision.yaml.YamlNode;
import io.haprovision.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a pair's {@code openwrt:} map into an {@link OpenWrtSection}, reporting every
 * unknown key (with a did-you-mean), wrong type, bad value and in-section conflict at its
 * key path, and going on with defaults so that one pass finds everything. Rules that need
 * the pair's nodes and VRRP instances are {@link OpenWrtPairRules}'.
 */
public final class OpenWrtSectionBinder {
  /** Keys of {@code openwrt:}. */
  public static final List<String> SECTION_KEYS =
      List.of("package_manager", "conntrackd", "dhcp", "role_hooks", "sysupgrade", "snat", "connection_drill",
          "firewall");
  static final List<String> CONNTRACKD_KEYS = List.of("enabled", "interface", "addresses", "port",
      "send_buffer", "receive_buffer", "checksum", "hash_size", "hash_limit", "ignore_addresses", "tcp_pickup");
  static final List<String> DHCP_KEYS = List.of("interfaces", "static_leases", "lease_sync");
  static final List<String> DHCP_INTERFACE_KEYS =
      List.of("interface", "section", "instance", "gateway", "dns", "force", "dhcp_options");
  static final List<String> LEASE_KEYS = List.of("name", "mac", "ip");
  static final List<String> LEASE_SYNC_KEYS = List.of("enabled", "private_key", "public_key", "authorized_keys");
  static final List<String> ROLE_HOOK_KEYS = List.of("vpn_interfaces", "commands");
  static final List<String> COMMAND_KEYS = List.of("master", "backup", "fault");
  static final List<String> SYSUPGRADE_KEYS = List.of("keep");
  static final List<String> SNAT_KEYS = List.of("instance", "zone", "sources");
  static final List<String> FIREWALL_KEYS = List.of("sync_zone", "sync_zone_exists");
  static final List<String> CONNECTION_DRILL_KEYS = List.of("upstream", "port", "hold_seconds");

  /** A Linux interface name: at most 15 characters, no slash, no blank. */
  private static final Pattern LINUX_IFNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
  private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");
  /** A host name label, as dnsmasq accepts it for a static lease. */
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  /** An OpenSSH public key line: type, base64 key, optional comment. */
  private static final Pattern PUBLIC_KEY = Pattern.compile(
      "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521) [A-Za-z0-9+/]+={0,3}( [^\\n\\r\"]*)?");
  /** A DHCP option as dnsmasq takes it from {@code dhcp_option}: {@code NUMBER,value} or {@code option:NAME,value}. */
  private static final Pattern DHCP_OPTION = Pattern.compile("([0-9]{1,3}|option:[a-z0-9-]+),[^\\n\\r]*");

  private final SectionReader root;
  private final Problems problems;

  private OpenWrtSectionBinder(SectionReader root, Problems problems) {
    this.root = root;
    this.problems = problems;
  }

  /** Binds {@code section} (possibly absent: every default), reporting into {@code problems}. */
  public static OpenWrtSection bind(SectionReader section, Problems problems) {
    return new OpenWrtSectionBinder(section, problems).bind();
  }

  private OpenWrtSection bind() {
    String path = root.path();
    if (!root.present()) {
      return OpenWrtSection.defaults(path);
    }
    root.allowOnly(SECTION_KEYS);
    PackageManager manager = root.enumValue("package_manager", PackageManager.class, PackageManager.AUTO);
    ConntrackdSettings conntrackd = conntrackd(root.section("conntrackd"));
    DhcpSettings dhcp = dhcp(root.section("dhcp"));
    RoleHookSettings hooks = roleHooks(root.section("role_hooks"));
    SysupgradeSettings sysupgrade = sysupgrade(root.section("sysupgrade"));
    SnatSettings snat = snat(root.section("snat"));
    ConnectionDrillSettings drill = connectionDrill(root.section("connection_drill"));
    FirewallSettings firewall = firewall(root.section("firewall"));
    return new OpenWrtSection(manager, conntrackd, dhcp, hooks, sysupgrade, snat, drill, firewall, path);
  }

  // ---- conntrackd ----------------------------------------------------------------------

  private ConntrackdSettings conntrackd(SectionReader c) {
    if (!c.present()) {
      return ConntrackdSettings.disabled(c.path());
    }
    c.allowOnly(CONNTRACKD_KEYS);
    boolean enabled = c.bool("enabled", true);
    String iface = ConntrackdSettings.DEFAULT_INTERFACE;
    YamlNode ifNode = c.node("interface");
    if (ifNode != null) {
      String s = c.stringOf(ifNode);
      if (s != null && !LINUX_IFNAME.matcher(s).matches()) {
        problems.add(ifNode.path(), "value.invalid", "`" + s + "` is not an interface name",
            "write a Linux interface name of at most 15 characters, such as sync or eth3");
      } else if (s != null) {
        iface = s;
      }
    }
    Optional<PerNode<String>> addresses = Optional.empty();
    if (c.has("addresses")) {
      SectionReader a = c.section("addresses");
      a.allowOnly("primary", "secondary");
      String primary = a.ipAddress("primary");
      String secondary = a.ipAddress("secondary");
      if (primary != null && secondary != null) {
        addresses = Optional.of(new PerNode<>(primary, secondary));
      }
    }
    int port = c.integer("port", 1, 65_535, ConntrackdSettings.DEFAULT_PORT);
    int send = c.integer("send_buffer", 4_096, 1 << 30, ConntrackdSettings.DEFAULT_BUFFER);
    int receive = c.integer("receive_buffer", 4_096, 1 << 30, ConntrackdSettings.DEFAULT_BUFFER);
    boolean checksum = c.bool("checksum", true);
    int hashSize = c.integer("hash_size", 1_024, 1 << 24, ConntrackdSettings.DEFAULT_HASH_SIZE);
    int hashLimit = c.integer("hash_limit", 1_024, 1 << 30, ConntrackdSettings.DEFAULT_HASH_LIMIT);
    List<String> ignore = new ArrayList<>();
    for (YamlNode item : c.list("ignore_addresses")) {
      String text = c.stringOf(item);
      if (text == null) {
        continue;
      }
      if (text.contains("/")) {
        InterfaceAddress network = c.cidrOf(item);
        if (network != null) {
          ignore.add(network.network());
        }
      } else {
        String ip = c.ipAddressOf(item);
        if (ip != null) {
          ignore.add(ip);
        }
      }
    }
    boolean tcpPickup = c.bool("tcp_pickup", false);
    return new ConntrackdSettings(enabled, iface, addresses, port, send, receive, checksum, hashSize, hashLimit,
        ignore, tcpPickup, c.path());
  }

  // ---- dhcp ----------------------------------------------------------------------------

  private DhcpSettings dhcp(SectionReader d) {
    if (!d.present()) {
      return DhcpSettings.none(d.path());
    }
    d.allowOnly(DHCP_KEYS);
    List<DhcpInterface> interfaces = new ArrayList<>();
    Map<String, String> sectionsSeen = new HashMap<>();
    List<YamlNode> items = d.list("interfaces");
    if (d.has("interfaces") && items.isEmpty() && d.node("interfaces") instanceof YamlList) {
      d.problem("interfaces", "value.invalid", "`interfaces` is empty",
          "list the interfaces DHCP is served on, such as [lan], or leave out `dhcp`");
    }
    for (YamlNode item : items) {
      DhcpInterface di = dhcpInterface(d, item);
      if (di == null) {
        continue;
      }
      String earlier = sectionsSeen.putIfAbsent(di.section(), di.path());
      if (earlier != null) {
        problems.add(di.path(), "openwrt.dhcp-duplicate",
            "DHCP section `" + di.section() + "` is listed twice (first at " + earlier + ")",
            "list each interface once");
        continue;
      }
      interfaces.add(di);
    }
    List<StaticLease> leases = staticLeases(d);
    if (!leases.isEmpty() && !d.has("interfaces")) {
      d.problem("static_leases", "openwrt.lease-without-dhcp",
          "static leases are given but no DHCP interface is managed",
          "add `interfaces: [lan]` (the interfaces DHCP is served on) to this `dhcp` section");
    }
    LeaseSyncSettings sync = leaseSync(d.section("lease_sync"));
    if (sync.enabled() && !d.has("interfaces")) {
      d.problem("lease_sync", "openwrt.lease-sync-without-dhcp",
          "lease sync is on but no DHCP interface is managed",
          "add `interfaces: [lan]` to this `dhcp` section, or turn lease sync off");
    }
    return new DhcpSettings(interfaces, leases, sync, d.path());
  }

  private DhcpInterface dhcpInterface(SectionReader d, YamlNode item) {
    if (item instanceof YamlScalar) {
      String name = d.stringOf(item);
      if (name == null || !networkName(item, name)) {
        return null;
      }
      return new DhcpInterface(name, name, Optional.empty(), Optional.empty(), Optional.empty(), true, List.of(),
          item.path());
    }
    if (!(item instanceof YamlMap)) {
      d.wrongType(item, "an interface name (lan) or a map with `interface`");
      return null;
    }
    SectionReader m = d.sectionOf(item);
    m.allowOnly(DHCP_INTERFACE_KEYS);
    int before = problems.size();
    String name = m.string("interface");
    if (name != null) {
      networkName(m.node("interface"), name);
    }
    String section = name;
    YamlNode sectionNode = m.node("section");
    if (sectionNode != null) {
      String s = m.stringOf(sectionNode);
      if (s != null && !UciNames.isName(s)) {
        problems.add(sectionNode.path(), "value.invalid", "`" + s + "` is not a UCI section name",
            "use letters, digits and _ only, as in /etc/config/dhcp (such as lan)");
      } else if (s != null) {
        section = s;
      }
    }
    Optional<String> instance = m.optionalString("instance");
    Optional<String> gateway = m.optionalIpAddress("gateway");
    Optional<String> dns = m.optionalIpAddress("dns");
    boolean force = m.bool("force", true);
    List<String> extra = new ArrayList<>();
    for (YamlNode option : m.list("dhcp_options")) {
      String s = m.stringOf(option);
      if (s == null) {
        continue;
      }
      if (!DHCP_OPTION.matcher(s).matches()) {
        problems.add(option.path(), "value.invalid", "`" + s + "` is not a DHCP option",
            "write NUMBER,VALUE such as 42,198.51.100.5 (or option:NAME,VALUE)");
      } else if (s.startsWith("3,") || s.startsWith("6,")) {
        problems.add(option.path(), "openwrt.dhcp-option-managed",
            "options 3 (router) and 6 (DNS) are set from the VIP by ha-provision",
            "drop this entry; set `gateway:` or `dns:` to choose another VIP");
      } else {
        extra.add(s);
      }
    }
    if (problems.size() != before || name == null) {
      return null;
    }
    return new DhcpInterface(name, section, instance, gateway, dns, force, extra, m.path());
  }

  private boolean networkName(YamlNode node, String name) {
    if (!UciNames.isName(name)) {
      problems.add(node.path(), "value.invalid", "`" + name + "` is not an OpenWrt network name",
          "use the network's name from /etc/config/network (letters, digits, _), such as lan");
      return false;
    }
    return true;
  }

  private List<StaticLease> staticLeases(SectionReader d) {
    List<StaticLease> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Map<String, String> macs = new HashMap<>();
    Map<String, String> ips = new HashMap<>();
    for (SectionReader l : d.sections("static_leases")) {
      l.allowOnly(LEASE_KEYS);
      int before = problems.size();
      String name = l.string("name");
      if (name != null && !HOST_NAME.matcher(name).matches()) {
        l.problem("name", "value.invalid", "`" + name + "` is not a host name",
            "use letters, digits and - (not at either end), at most 63 characters, such as printer");
      }
      String mac = l.string("mac");
      if (mac != null && !MAC.matcher(mac).matches()) {
        l.problem("mac", "value.invalid", "`" + mac + "` is not a MAC address",
            "write six hexadecimal pairs separated by colons, such as 02:00:5E:10:00:01 (quote it in YAML)");
        mac = null;
      }
      String ip = l.ipAddress("ip");
      if (ip != null && ip.contains(":")) {
        l.problem("ip", "value.invalid", "static lease address " + ip + " is IPv6",
            "dnsmasq's static DHCP leases here are IPv4: write an IPv4 address");
      }
      if (problems.size() != before || name == null || mac == null || ip == null) {
        continue;
      }
      String normalizedMac = mac.replace('-', ':').toUpperCase(Locale.ROOT);
      StaticLease lease = new StaticLease(name, normalizedMac, ip, l.path());
      if (duplicate(names, name.toLowerCase(Locale.ROOT), l, "name", "host name " + name)
          | duplicate(macs, normalizedMac, l, "mac", "MAC address " + normalizedMac)
          | duplicate(ips, ip, l, "ip", "address " + ip)) {
        continue;
      }
      out.add(lease);
    }
    return out;
  }

  private boolean duplicate(Map<String, String> seen, String value, SectionReader l, String key, String what) {
    String earlier = seen.putIfAbsent(value, l.pathOf(key));
    if (earlier != null) {
      l.problem(key, "openwrt.lease-duplicate", what + " is used by two static leases (first at " + earlier + ")",
          "give each static lease its own name, MAC and address");
      return true;
    }
    return false;
  }

  private LeaseSyncSettings leaseSync(SectionReader s) {
    if (!s.present()) {
      return LeaseSyncSettings.disabled(s.path());
    }
    s.allowOnly(LEASE_SYNC_KEYS);
    boolean enabled = s.bool("enabled", true);
    String authorizedKeys = LeaseSyncSettings.DROPBEAR_AUTHORIZED_KEYS;
    YamlNode akNode = s.node("authorized_keys");
    if (akNode != null) {
      String ak = s.stringOf(akNode);
      if (ak != null && !absolutePath(ak)) {
        problems.add(akNode.path(), "value.invalid", "`" + ak + "` is not an absolute file path",
            "write the SSH server's authorized keys file, such as " + LeaseSyncSettings.DROPBEAR_AUTHORIZED_KEYS);
      } else if (ak != null) {
        authorizedKeys = ak;
      }
    }
    if (!enabled) {
      // Not read while off (its variable may not be set yet), but a map or a list here is a mistake now.
      s.optionalString("public_key");
      YamlNode keyNode = s.node("private_key");
      if (keyNode != null) {
        s.declare(keyNode, new ValueShape.SecretValue());
        if (!(keyNode instanceof YamlScalar scalar) || scalar.type() == YamlScalar.Type.BOOLEAN) {
          s.wrongType(keyNode, "a secret (${env:NAME}, ${file:PATH} or the value)");
        }
      }
      return new LeaseSyncSettings(false, Optional.empty(), Optional.empty(), authorizedKeys, s.path());
    }
    Secret key = s.requiredSecret("private_key");
    String publicKey = s.string("public_key");
    if (publicKey != null && !PUBLIC_KEY.matcher(publicKey.trim()).matches()) {
      s.problem("public_key", "value.invalid", "`public_key` is not an OpenSSH public key line",
          "paste the .pub file's line: TYPE BASE64 [COMMENT], such as ssh-ed25519 AAAAC3Nza... lease-sync");
      publicKey = null;
    }
    return new LeaseSyncSettings(true, Optional.ofNullable(key), Optional.ofNullable(publicKey).map(String::trim),
        authorizedKeys, s.path());
  }

  // ---- role hooks and sysupgrade -------------------------------------------------------

  private RoleHookSettings roleHooks(SectionReader r) {
    if (!r.present()) {
      return RoleHookSettings.none(r.path());
    }
    r.allowOnly(ROLE_HOOK_KEYS);
    List<String> vpns = new ArrayList<>();
    for (YamlNode item : listOrOne(r, "vpn_interfaces")) {
      String name = r.stringOf(item);
      if (name != null && networkName(item, name)) {
        if (vpns.contains(name)) {
          problems.add(item.path(), "openwrt.vpn-duplicate", "VPN interface `" + name + "` is listed twice",
              "list each interface once");
        } else {
          vpns.add(name);
        }
      }
    }
    SectionReader commands = r.section("commands");
    if (commands.present()) {
      commands.allowOnly(COMMAND_KEYS);
    }
    return new RoleHookSettings(vpns, commands(commands, "master"), commands(commands, "backup"),
        commands(commands, "fault"), r.path());
  }

  private List<String> commands(SectionReader c, String role) {
    List<String> out = new ArrayList<>();
    for (YamlNode item : listOrOne(c, role)) {
      String cmd = c.stringOf(item);
      if (cmd == null) {
        continue;
      }
      if (cmd.isBlank() || cmd.indexOf('\n') >= 0 || cmd.indexOf('\r') >= 0 || cmd.indexOf('\0') >= 0) {
        problems.add(item.path(), "value.invalid", "a " + role + " command must be one non-empty line",
            "write one shell command per list item");
      } else {
        out.add(cmd);
      }
    }
    return out;
  }

  private SysupgradeSettings sysupgrade(SectionReader s) {
    if (!s.present()) {
      return SysupgradeSettings.none(s.path());
    }
    s.allowOnly(SYSUPGRADE_KEYS);
    List<String> keep = new ArrayList<>();
    for (YamlNode item : listOrOne(s, "keep")) {
      String p = s.stringOf(item);
      if (p == null) {
        continue;
      }
      if (!absolutePath(p)) {
        problems.add(item.path(), "value.invalid", "`" + p + "` is not an absolute path",
            "write a path starting with /, such as /etc/wireguard/ (a trailing / keeps a whole directory)");
      } else if (!keep.contains(p)) {
        keep.add(p);
      }
    }
    return new SysupgradeSettings(keep, s.path());
  }

  // ---- firewall -------------------------------------------------------------------------

  private FirewallSettings firewall(SectionReader f) {
    if (!f.present()) {
      return FirewallSettings.defaults(f.path());
    }
    f.allowOnly(FIREWALL_KEYS);
    boolean exists = f.bool("sync_zone_exists", false);
    String zone = exists ? null : FirewallSettings.OWN_SYNC_ZONE;
    YamlNode zoneNode = f.node("sync_zone");
    if (zoneNode != null) {
      String z = zoneName(f, zoneNode, "lan");
      if (z != null) {
        zone = z;
      }
    } else if (exists) {
      problems.add(f.path() + ".sync_zone", "key.missing", "sync_zone_exists is true but no sync_zone names the zone",
          "name the zone of /etc/config/firewall that holds the sync interface (sync_zone: lan), or drop"
              + " sync_zone_exists to let ha-provision make a zone of its own");
    }
    return new FirewallSettings(zone == null ? "" : zone, exists, f.path());
  }

  /** An fw4 zone name at {@code node}, or null (reported) when it is none. */
  private String zoneName(SectionReader s, YamlNode node, String example) {
    String z = s.stringOf(node);
    if (z != null && !UciNames.isName(z)) {
      problems.add(node.path(), "value.invalid", "`" + z + "` is not a firewall zone name",
          "use the zone's name from /etc/config/firewall (letters, digits, _), such as " + example);
      return null;
    }
    return z;
  }

  // ---- snat and the connection drill --------------------------------------------------

  private SnatSettings snat(SectionReader s) {
    if (!s.present()) {
      return SnatSettings.disabled(s.path());
    }
    s.allowOnly(SNAT_KEYS);
    String instance = s.string("instance");
    String zone = SnatSettings.DEFAULT_ZONE;
    YamlNode zoneNode = s.node("zone");
    if (zoneNode != null) {
      String z = zoneName(s, zoneNode, "wan");
      if (z != null) {
        zone = z;
      }
    }
    List<String> sources = new ArrayList<>();
    for (YamlNode item : listOrOne(s, "sources")) {
      InterfaceAddress network = s.cidrOf(item);
      if (network == null) {
        continue;
      }
      if (!network.isIpv4()) {
        problems.add(item.path(), "value.invalid", "SNAT source " + network.cidr() + " is IPv6",
            "fw4's SNAT to a VIP is IPv4 here: write an IPv4 subnet such as 192.168.1.0/24");
      } else if (!sources.contains(network.network())) {
        sources.add(network.network());
      }
    }
    return new SnatSettings(instance != null, instance == null ? "" : instance, zone, sources, s.path());
  }

  private ConnectionDrillSettings connectionDrill(SectionReader d) {
    if (!d.present()) {
      return ConnectionDrillSettings.disabled(d.path());
    }
    d.allowOnly(CONNECTION_DRILL_KEYS);
    String upstream = d.ipAddress("upstream");
    Integer port = d.requiredInteger("port", 1, 65_535);
    int hold = d.integer("hold_seconds", 1, 60, ConnectionDrillSettings.DEFAULT_HOLD_SECONDS);
    if (upstream == null || port == null) {
      return ConnectionDrillSettings.disabled(d.path());
    }
    return new ConnectionDrillSettings(true, upstream, port, hold, d.path());
  }

  /** A list, or a single scalar taken as a list of one. */
  private static List<YamlNode> listOrOne(SectionReader r, String key) {
    YamlNode node = r.node(key);
    if (node instanceof YamlScalar) {
      return List.of(node);
    }
    return r.list(key);
  }

  private static boolean absolutePath(String p) {
    return p.startsWith("/") && !p.contains("\n") && !p.contains("\r") && !p.contains("\0") && !p.isBlank()
        && p.equals(p.trim()) && !p.contains("//");
  }
}
