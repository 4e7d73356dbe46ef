package io.haprovision.mikrotik;

import com.google.common.net.InetAddresses;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.PerNode;
import io.haprovision.inventory.SectionReader;
import io.haprovision.yaml.YamlNode;
import java.math.BigDecimal;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pair's {@code mikrotik:} map into a {@link MikrotikSection}, reporting every
 * problem with its key path and going on with defaults, so one run shows them all.
 */
final class MikrotikSectionBinder {
  static final List<String> TOP_KEYS = List.of(
      "routeros", "versions", "allow_unsupported_version", "identity", "bgp", "rescue_ports", "ha_link", "heartbeat",
      "replaces");
  static final List<String> HA_LINK_KEYS = List.of("interface", "bridge", "network", "address", "mac");
  static final List<String> HEARTBEAT_KEYS = List.of("name", "vrid", "version", "interval", "address", "preferred");
  private static final List<String> ROLES = List.of("primary", "secondary");
  private static final BigDecimal V3_MIN = new BigDecimal("0.01");
  private static final BigDecimal V3_MAX = new BigDecimal("40.95");

  private final SectionReader section;

  private MikrotikSectionBinder(SectionReader section) {
    this.section = section;
  }

  /** The section read from {@code section}; problems go to {@code section.problems()}. */
  static MikrotikSection bind(SectionReader section) {
    return new MikrotikSectionBinder(section).bind();
  }

  private MikrotikSection bind() {
    if (!section.present()) {
      section.problems().add(section.path(), "mikrotik.section-missing",
          "a mikrotik pair needs a `mikrotik:` section (at least `routeros` and the HA port's MAC addresses)",
          "add `mikrotik: { routeros: 7, ha_link: { mac: { primary: ..., secondary: ... } } }`"
              + " (see docs/platforms/mikrotik.md)");
    }
    section.allowOnly(TOP_KEYS);
    Integer routerOs = section.requiredInteger("routeros", 6, 7);
    int dialect = routerOs == null ? 7 : routerOs;
    boolean allowUnsupported = section.bool("allow_unsupported_version", false);
    VersionRange range = versions(dialect, allowUnsupported, routerOs != null);
    Optional<String> identity = section.optionalString("identity").filter(id -> {
      Optional<String> problem = RouterOsNames.nameProblem(id);
      problem.ifPresent(p -> section.problem("identity", "mikrotik.identity-invalid", p, RouterOsNames.NAME_FIX));
      return problem.isEmpty();
    });
    boolean bgp = section.bool("bgp", true);
    HaLink haLink = haLink(section.section("ha_link"));
    List<String> rescuePorts = rescuePorts(haLink);
    Heartbeat heartbeat = heartbeat(section.section("heartbeat"), haLink);
    HandBuilt replaces = section.enumValue("replaces", HandBuilt.class, HandBuilt.NOTHING);
    return new MikrotikSection(dialect, new VersionPolicy(dialect, range, allowUnsupported, section.path()),
        identity, bgp, rescuePorts, haLink, heartbeat, replaces, section.path());
  }

  private VersionRange versions(int dialect, boolean allowUnsupported, boolean dialectKnown) {
    VersionRange fallback = VersionRange.defaultFor(dialect);
    Optional<String> text = section.optionalString("versions");
    if (text.isEmpty()) {
      return fallback;
    }
    Optional<VersionRange> parsed = VersionRange.parse(text.get());
    if (parsed.isEmpty()) {
      section.problem("versions", "mikrotik.versions-invalid", "`" + text.get() + "` is not a version range",
          "write LOW..HIGH with version prefixes, such as " + fallback);
      return fallback;
    }
    VersionRange range = parsed.get();
    if (!dialectKnown) {
      return range;
    }
    if (range.lowest().major() != dialect || range.highest().major() != dialect) {
      section.problem("versions", "mikrotik.versions-dialect", "versions " + range
          + " are not all RouterOS " + dialect + ", the dialect `routeros` chose",
          "keep the range within " + dialect + ".x, such as " + fallback);
      return fallback;
    }
    if (range.empty()) {
      section.problem("versions", "mikrotik.versions-empty", "versions " + range + " hold no version",
          "write the lower version first, such as " + fallback);
      return fallback;
    }
    if (dialect == 6 && !allowUnsupported && !VersionRange.SUPPORTED_V6.covers(range)) {
      section.problem("versions", "mikrotik.versions-unsupported", "versions " + range
          + " reach outside what ha-provision supports on RouterOS 6 (" + VersionRange.SUPPORTED_V6 + ")",
          "narrow the range to " + VersionRange.SUPPORTED_V6
              + ", or set allow_unsupported_version: true to go on at your own risk");
      return fallback;
    }
    return range;
  }

  private HaLink haLink(SectionReader link) {
    link.allowOnly(HA_LINK_KEYS);
    String port = name(link, "interface", HaLink.DEFAULT_INTERFACE);
    String bridge = name(link, "bridge", "bridge-" + port);
    if (bridge.equals(port)) {
      link.problem("bridge", "mikrotik.bridge-is-port", "the HA bridge and the HA port are both named " + port,
          "name the bridge differently, such as bridge-" + port);
    }
    InterfaceAddress network = network(link);
    int addressProblems = link.problems().size();
    PerNode<String> addresses = perNodeAddresses(link, network);
    if (link.problems().size() == addressProblems && addresses.primary().equals(addresses.secondary())) {
      link.problem("address", "mikrotik.ha-address-duplicate",
          "both routers have HA address " + addresses.primary(), "give each router its own address in " + network);
    }
    PerNode<String> macs = macs(link);
    return new HaLink(port, bridge, network, addresses, macs);
  }

  private String name(SectionReader reader, String key, String defaultValue) {
    String value = reader.string(key, defaultValue);
    if (value == null) {
      return defaultValue;
    }
    Optional<String> problem = RouterOsNames.nameProblem(value);
    if (problem.isPresent()) {
      reader.problem(key, "mikrotik.name-invalid", problem.get(), RouterOsNames.NAME_FIX);
      return defaultValue;
    }
    return value;
  }

  private static InterfaceAddress network(SectionReader link) {
    InterfaceAddress fallback = InterfaceAddress.parse(HaLink.DEFAULT_NETWORK).orElseThrow();
    Optional<InterfaceAddress> given = link.optionalCidr("network");
    if (given.isEmpty()) {
      return fallback;
    }
    InterfaceAddress network = given.get();
    if (!network.isIpv4()) {
      link.problem("network", "mikrotik.ha-network-ipv6", "the HA network " + network + " is not IPv4",
          "use an IPv4 network such as " + HaLink.DEFAULT_NETWORK);
      return fallback;
    }
    if (!network.network().equals(network.cidr())) {
      link.problem("network", "mikrotik.ha-network-host-bits", network + " is an address, not a network",
          "write the network: " + network.network());
      return InterfaceAddress.parse(network.network()).orElseThrow();
    }
    if (network.prefix() > 29) {
      link.problem("network", "mikrotik.ha-network-small", "the HA network " + network
          + " has no room for two routers and the heartbeat address", "use a /29 or larger network; /24 is the default");
      return fallback;
    }
    return network;
  }

  /** The {@code n}th address of {@code network} (no check that it fits). */
  static String nth(InterfaceAddress network, int n) {
    int base = InetAddresses.coerceToInteger(InetAddresses.forString(network.address()));
    return InetAddresses.toAddrString(InetAddresses.fromInteger(base + n));
  }

  /** Number of addresses in an IPv4 network. */
  static long size(InterfaceAddress network) {
    return 1L << (32 - network.prefix());
  }

  private PerNode<String> perNodeAddresses(SectionReader link, InterfaceAddress network) {
    SectionReader given = link.section("address");
    given.allowOnly(ROLES);
    String primary = hostAddress(given, "primary", network, 1);
    String secondary = hostAddress(given, "secondary", network, 2);
    return new PerNode<>(primary, secondary);
  }

  /**
   * The address under {@code key}, or the network's {@code defaultOffset}th address;
   * checked to be a host address inside the network.
   */
  static String hostAddress(SectionReader reader, String key, InterfaceAddress network, int defaultOffset) {
    Optional<String> given = reader.optionalIpAddress(key);
    if (given.isEmpty()) {
      return nth(network, defaultOffset);
    }
    String ip = given.get();
    if (!(InetAddresses.forString(ip) instanceof Inet4Address) || !network.contains(ip)) {
      reader.problem(key, "mikrotik.ha-address-outside", ip + " is not inside the HA network " + network,
          "use an address of " + network + " such as " + nth(network, defaultOffset));
      return nth(network, defaultOffset);
    }
    if (ip.equals(network.address()) || ip.equals(nth(network, (int) size(network) - 1))) {
      reader.problem(key, "mikrotik.ha-address-reserved", ip + " is the network or broadcast address of " + network,
          "use a host address such as " + nth(network, defaultOffset));
      return nth(network, defaultOffset);
    }
    return ip;
  }

  private PerNode<String> macs(SectionReader link) {
    if (!link.has("mac")) {
      link.problem("mac", "mikrotik.mac-missing",
          "the MAC addresses of the HA port are missing; they tell the two routers apart before anything is changed",
          "add `mac: { primary: XX:XX:XX:XX:XX:XX, secondary: ... }` with each router's orig-mac-address of the HA"
              + " port (`/interface ethernet print detail` shows it)");
      return new PerNode<>("", "");
    }
    SectionReader given = link.section("mac");
    if (!given.present()) {
      return new PerNode<>("", "");
    }
    given.allowOnly(ROLES);
    String primary = mac(given, "primary");
    String secondary = mac(given, "secondary");
    if (!primary.isEmpty() && primary.equals(secondary)) {
      given.problem("secondary", "mikrotik.mac-duplicate", "both routers are given MAC " + primary,
          "each router's HA port has its own orig-mac-address; copy it from `/interface ethernet print detail`"
              + " on the secondary");
    }
    return new PerNode<>(primary, secondary);
  }

  private static String mac(SectionReader reader, String key) {
    String text = reader.string(key);
    if (text == null) {
      return "";
    }
    Optional<String> mac = RouterOsNames.mac(text);
    if (mac.isEmpty()) {
      reader.problem(key, "mikrotik.mac-invalid", "`" + text + "` is not a MAC address",
          "write six hex pairs separated by colons, such as 00:00:5E:00:53:01");
      return "";
    }
    if (RouterOsNames.groupMac(mac.get()) || mac.get().equals("00:00:00:00:00:00")) {
      reader.problem(key, "mikrotik.mac-invalid", mac.get() + " is a multicast, broadcast or zero address, not a port's own",
          "copy the port's orig-mac-address from `/interface ethernet print detail`");
      return "";
    }
    return mac.get();
  }

  private List<String> rescuePorts(HaLink link) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<YamlNode> items = section.list("rescue_ports");
    for (YamlNode item : items) {
      String port = section.stringOf(item);
      if (port == null) {
        continue;
      }
      Optional<String> problem = RouterOsNames.nameProblem(port);
      if (problem.isPresent()) {
        section.problems().add(item.path(), "mikrotik.name-invalid", problem.get(), RouterOsNames.NAME_FIX);
      } else if (port.equals(link.interfaceName()) || port.equals(link.bridge())) {
        section.problems().add(item.path(), "mikrotik.rescue-port-ha-link", port
            + " is the HA link, which the hooks never disable anyway", "remove it from rescue_ports");
      } else if (!seen.add(port)) {
        section.problems().add(item.path(), "mikrotik.rescue-port-duplicate", port + " is listed twice",
            "list each port once");
      } else {
        out.add(port);
      }
    }
    return out;
  }

  private Heartbeat heartbeat(SectionReader hb, HaLink link) {
    hb.allowOnly(HEARTBEAT_KEYS);
    String name = name(hb, "name", Heartbeat.DEFAULT_NAME);
    if (name.equals(link.interfaceName()) || name.equals(link.bridge())) {
      hb.problem("name", "mikrotik.name-clash", "the heartbeat is named like the HA "
          + (name.equals(link.bridge()) ? "bridge" : "port") + " (" + name + ")", "keep the default " + Heartbeat.DEFAULT_NAME);
    }
    int vrid = hb.integer("vrid", 1, 255, 1);
    int version = hb.integer("version", 2, 3, 3);
    BigDecimal interval = interval(hb, version);
    int before = hb.problems().size();
    // .10 as ha-mikrotik has it, or .3 where a /29 or /28 has no .10.
    String address = hostAddress(hb, "address", link.network(), 10 < size(link.network()) - 1 ? 10 : 3);
    if (hb.problems().size() == before
        && (address.equals(link.address().primary()) || address.equals(link.address().secondary()))) {
      hb.problem("address", "mikrotik.heartbeat-address-clash", "heartbeat address " + address
          + " is also a router's own HA address", "use another address of " + link.network());
    }
    PreferredRouter preferred = hb.enumValue("preferred", PreferredRouter.class, PreferredRouter.PRIMARY);
    return new Heartbeat(name, vrid, version, interval, address, preferred);
  }

  private static BigDecimal interval(SectionReader hb, int version) {
    BigDecimal fallback = BigDecimal.ONE;
    Optional<BigDecimal> given = hb.decimal("interval");
    if (given.isEmpty()) {
      return fallback;
    }
    BigDecimal value = given.get();
    if (version == 2) {
      if (value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.ONE) < 0
          || value.compareTo(BigDecimal.valueOf(255)) > 0) {
        hb.problem("interval", "mikrotik.heartbeat-interval", "interval " + value.toPlainString()
            + " is not possible with VRRP version 2", "use whole seconds 1..255, or version 3 for sub-second adverts");
        return fallback;
      }
      return value;
    }
    if (value.compareTo(V3_MIN) < 0 || value.compareTo(V3_MAX) > 0 || value.stripTrailingZeros().scale() > 2) {
      hb.problem("interval", "mikrotik.heartbeat-interval", "interval " + value.toPlainString()
          + " is not possible with VRRP version 3", "use 0.01..40.95 seconds in steps of 0.01");
      return fallback;
    }
    return value;
  }
}
