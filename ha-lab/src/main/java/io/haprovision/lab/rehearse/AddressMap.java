package io.haprovision.lab.rehearse;

import com.google.common.net.InetAddresses;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.lab.AddressPlan;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import java.net.Inet4Address;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a real pair's addresses become a lab pair's: each network the pair's nodes sit on
 * becomes one of the lab pair's segments (the first VRRP interface its LAN, the second its
 * WAN, a third network its sync link), each node's address there the lab node's, the VIPs the
 * lab's VIPs, other addresses of those networks (the ISP's gateway, a DNS server) free lab
 * hosts of the same segment (on the WAN the first is the lab's upstream host, so a default
 * route through the ISP works in the replica). A lab link whose real interface is named
 * otherwise is renamed after it ({@link #renames()}). Addresses outside the pair's networks, and
 * IPv6 ones, stay as they are. Pure: {@link #apply} rewrites any text with it, the
 * inventory and the files copied from the routers alike, in one pass (no address is
 * rewritten twice).
 */
public final class AddressMap implements ReplicaMap {
  /** IPv4 address, optionally with a prefix, not part of a longer dotted number. */
  private static final Pattern IPV4 =
      Pattern.compile("(?<![0-9.])((?:[0-9]{1,3}\\.){3}[0-9]{1,3})(?:/([0-9]{1,2}))?(?![0-9]|\\.[0-9])");

  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  /** Names a lab node's own links or the loopback already have. */
  private static final Set<String> RESERVED = Set.of("lo", "mgmt");

  /** The lab's links, in the order real networks are given them. */
  static final List<String> LAB_LINKS = List.of("br-lan", "wan", "sync");

  /**
   * One address (or network) of the real pair and what it is in the replica.
   *
   * @param real the real address, or network in CIDR form
   * @param lab the lab's
   * @param what what it is ({@code gw-a on br-lan}, {@code VIP of LAN}, {@code network of wan})
   */
  public record Mapping(String real, String lab, String what) {}

  /** One real network and the lab segment it becomes. */
  private record Segment(String interfaceName, InterfaceAddress realNetwork, String labLink, String labNetwork,
      int labPrefix, Deque<String> freeHosts, Deque<String> freeVips) {}

  private final Map<String, Mapping> byReal;
  private final List<Segment> segments;
  private final List<String> kept;
  private final Map<String, String> renames;

  private AddressMap(Map<String, Mapping> byReal, List<Segment> segments, List<String> kept,
      Map<String, String> renames) {
    this.byReal = byReal;
    this.segments = segments;
    this.kept = kept;
    this.renames = renames;
  }

  /**
   * The map of {@code real} onto {@code lab}; {@code texts} (the inventory, the copied files)
   * are scanned for further addresses of the pair's networks.
   *
   * @throws Misfit when the pair does not fit a lab pair: more than three networks,
   *     a node without an address on one of them, a VIP on the third network, more VIPs than a
   *     lab segment has room for, or an interface name no lab link can take
   */
  public static AddressMap of(PairSpec real, LabPair lab, List<String> texts) {
    List<String> names = networkNames(real);
    if (names.size() > LAB_LINKS.size()) {
      throw new Misfit(real.path() + ".nodes", "pair " + real.name() + " has " + names.size() + " networks ("
          + String.join(", ", names) + "); a lab replica has three (LAN, WAN, sync link)",
          "rehearse pairs whose nodes have at most three interfaces");
    }
    List<String> links = assignLinks(names);
    Map<String, String> renames = new LinkedHashMap<>();
    Map<String, Mapping> byReal = new LinkedHashMap<>();
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String link = links.get(i);
      if (!name.equals(link)) {
        if (!VALID_NAME.matcher(name).matches() || RESERVED.contains(name)) {
          throw new Misfit(real.path() + ".nodes", "pair " + real.name() + ": interface '" + name
              + "' cannot be a replica's link name (the replica names its " + link + " link after it, and Linux "
              + "takes 1..15 characters of letters, digits, '.', '-', '_' that are not lo or mgmt)",
              "rehearse pairs whose interfaces have Linux device names");
        }
        renames.put(link, name);
      }
      InterfaceAddress primary = addressOn(real, real.primary(), name);
      InterfaceAddress secondary = addressOn(real, real.secondary(), name);
      if (!primary.isIpv4()) {
        throw new Misfit(real.primary().path() + ".interfaces." + name, "pair " + real.name()
            + ": the lab is IPv4 only, and " + real.primary().name() + " has " + primary.cidr() + " on " + name,
            "give each node an IPv4 address on " + name + " to rehearse this pair");
      }
      Segment s = segment(lab, name, link, primary);
      segments.add(s);
      put(byReal, new Mapping(primary.network(), s.labNetwork + "/" + s.labPrefix, "network of " + name));
      put(byReal, new Mapping(primary.address(), labAddress(lab.a(), link), real.primary().name() + " on " + name));
      put(byReal, new Mapping(secondary.address(), labAddress(lab.b(), link), real.secondary().name() + " on " + name));
    }
    for (VrrpInstanceSpec instance : real.vrrp().instances()) {
      Segment s = segments.stream().filter(x -> x.interfaceName.equals(instance.interfaceName())).findFirst()
          .orElseThrow();
      for (VipSpec vip : instance.vips()) {
        if (byReal.containsKey(vip.address()) || !isIpv4(vip.address())) {
          continue;
        }
        if (s.freeVips.isEmpty()) {
          throw new Misfit(instance.path() + ".vips", "pair " + real.name() + ": instance " + instance.name()
              + " has more VIPs on " + instance.interfaceName() + " than the lab's " + s.labLink
              + " segment has room for (11 on a LAN, 2 on a WAN, none on a sync link)",
              "rehearse with fewer VIPs (--limit to another pair, or a copy of the inventory)");
        }
        put(byReal, new Mapping(vip.address(), s.freeVips.pop(), "VIP of " + instance.name()));
      }
    }
    for (NodeSpec node : real.nodes()) {
      if (isIpv4(node.host()) && !byReal.containsKey(node.host())) {
        LabNode labNode = node.role() == real.primary().role() ? lab.a() : lab.b();
        put(byReal, new Mapping(node.host(), labNode.managementAddress(), node.name() + "'s SSH address"));
      }
    }
    real.verify().probe().filter(probe -> isIpv4(probe.host()) && !byReal.containsKey(probe.host()))
        .ifPresent(probe -> put(byReal, new Mapping(probe.host(), lab.clientManagementAddress(),
            "probe host " + probe.name() + " (the replica's LAN client)")));
    List<String> kept = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String text : texts) {
      Matcher m = IPV4.matcher(text);
      while (m.find()) {
        String ip = m.group(1);
        if (!isIpv4(ip) || byReal.containsKey(ip) || !seen.add(ip)) {
          continue;
        }
        Optional<Segment> in = segments.stream().filter(s -> s.realNetwork.contains(ip)).findFirst();
        if (in.isPresent() && !in.get().freeHosts.isEmpty() && !ip.equals(broadcast(in.get().realNetwork))) {
          put(byReal, new Mapping(ip, in.get().freeHosts.pop(), "another host on " + in.get().interfaceName));
        } else if (in.isPresent()) {
          kept.add(ip + " (on " + in.get().interfaceName + ", no free lab address left)");
        } else if (!ip.startsWith("127.") && !ip.equals("0.0.0.0") && !ip.startsWith("255.")) {
          kept.add(ip);
        }
      }
    }
    return new AddressMap(byReal, segments, kept, renames);
  }

  /** Every mapping, networks first, then nodes, VIPs and other hosts, in the order found; then the links renamed. */
  @Override
  public List<Mapping> mappings() {
    List<Mapping> all = new ArrayList<>(byReal.values());
    renames.forEach((link, name) -> all.add(new Mapping(name, name, "interface: the lab's " + link + " link, renamed")));
    return List.copyOf(all);
  }

  /**
   * The lab links a replica renames to the real pair's interface names ({@code br-lan -> eth1}),
   * so that everything copied from the routers names interfaces that exist.
   */
  public Map<String, String> renames() {
    return java.util.Collections.unmodifiableMap(renames);
  }

  @Override
  public String title() {
    return "Addresses, real -> replica";
  }

  /** Addresses found in the texts that stay as they are (outside the pair's networks). */
  @Override
  public List<String> kept() {
    return List.copyOf(kept);
  }

  /**
   * This map with one more address outside the pair's networks mapped (a management server the
   * replica has a stand-in for); it is no longer {@link #kept()}.
   */
  public AddressMap withOutside(String real, String lab, String what) {
    Map<String, Mapping> more = new LinkedHashMap<>(byReal);
    more.put(real, new Mapping(real, lab, what));
    List<String> stillKept = new ArrayList<>(kept);
    stillKept.remove(real);
    return new AddressMap(more, segments, stillKept, renames);
  }

  /** The lab address {@code real} becomes, if it is mapped. */
  public Optional<String> labOf(String real) {
    return Optional.ofNullable(byReal.get(real)).map(Mapping::lab);
  }

  /**
   * {@code text} with every mapped address replaced; an address written with its network's
   * prefix ({@code 192.0.2.2/24}) gets the lab segment's prefix.
   */
  @Override
  public String apply(String text) {
    Matcher m = IPV4.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Mapping mapping = byReal.get(m.group(1));
      String prefix = m.group(2);
      if (prefix != null) {
        Mapping network = byReal.get(m.group(1) + "/" + prefix);
        if (network != null) {
          m.appendReplacement(out, Matcher.quoteReplacement(network.lab()));
          continue;
        }
      }
      if (mapping == null) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String replaced = mapping.lab();
      if (prefix != null) {
        Optional<Segment> s = segments.stream().filter(x -> x.realNetwork.contains(m.group(1))
            && Integer.toString(x.realNetwork.prefix()).equals(prefix)).findFirst();
        replaced += "/" + (s.isPresent() ? s.get().labPrefix : Integer.parseInt(prefix));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The mapping as lines: {@code 192.0.2.2 -> 198.19.1.2  (gw-a on br-lan)}. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    int width = byReal.values().stream().mapToInt(m -> m.real().length()).max().orElse(0);
    for (Mapping m : byReal.values()) {
      s.append("  ").append(m.real()).append(" ".repeat(width - m.real().length())).append(" -> ").append(m.lab())
          .append("  (").append(m.what()).append(")\n");
    }
    for (String k : kept) {
      s.append("  ").append(k).append(": kept as is\n");
    }
    return s.toString();
  }

  // ---- building ---------------------------------------------------------------------------

  /** The interfaces the VRRP instances use, in instance order, then the nodes' other ones. */
  private static List<String> networkNames(PairSpec pair) {
    Set<String> names = new LinkedHashSet<>();
    pair.vrrp().instances().forEach(i -> names.add(i.interfaceName()));
    for (NodeSpec node : pair.nodes()) {
      names.addAll(node.interfaces().keySet());
    }
    return List.copyOf(names);
  }

  /** A network keeps the lab link of its own name; the others take the free ones in order. */
  private static List<String> assignLinks(List<String> names) {
    List<String> free = new ArrayList<>(LAB_LINKS);
    free.removeAll(names);
    List<String> links = new ArrayList<>();
    for (String name : names) {
      links.add(LAB_LINKS.contains(name) ? name : free.remove(0));
    }
    return links;
  }

  private static InterfaceAddress addressOn(PairSpec pair, NodeSpec node, String name) {
    InterfaceAddress a = node.interfaces().get(name);
    if (a == null) {
      throw new Misfit(node.path() + ".interfaces", "pair " + pair.name() + ": node " + node.name()
          + " has no address on " + name + "; a replica needs each node's address on every network",
          "add interfaces." + name + " with the node's address to " + node.name());
    }
    return a;
  }

  private static Segment segment(LabPair lab, String name, String link, InterfaceAddress real) {
    InterfaceAddress realNetwork = new InterfaceAddress(real.address(), real.prefix());
    return switch (link) {
      case "br-lan" -> {
        Deque<String> vips = new ArrayDeque<>(List.of(lab.lanVipAddress()));
        for (int h = 10; h < 20; h++) {
          vips.add(AddressPlan.withoutPrefix(AddressPlan.lan(lab.index(), h)));
        }
        Deque<String> hosts = new ArrayDeque<>();
        for (int h = 20; h < 100; h++) {
          hosts.add(AddressPlan.withoutPrefix(AddressPlan.lan(lab.index(), h)));
        }
        yield new Segment(name, realNetwork, link, network(lab.lanSubnet()), prefix(lab.lanSubnet()), hosts, vips);
      }
      case "wan" -> new Segment(name, realNetwork, link, network(lab.wanSubnet()), prefix(lab.wanSubnet()),
          new ArrayDeque<>(List.of(AddressPlan.withoutPrefix(lab.upstreamAddress()),
              AddressPlan.withoutPrefix(AddressPlan.wan(lab.index(), 6)))),
          new ArrayDeque<>(List.of(lab.wanVipAddress(), AddressPlan.withoutPrefix(AddressPlan.wan(lab.index(), 5)))));
      default -> new Segment(name, realNetwork, link, network(lab.syncSubnet()), prefix(lab.syncSubnet()),
          new ArrayDeque<>(), new ArrayDeque<>());
    };
  }

  private static String labAddress(LabNode node, String link) {
    return AddressPlan.withoutPrefix(switch (link) {
      case "br-lan" -> node.lanAddress();
      case "wan" -> node.wanAddress();
      default -> node.syncAddress();
    });
  }

  private static void put(Map<String, Mapping> byReal, Mapping m) {
    byReal.putIfAbsent(m.real(), m);
  }

  private static String network(String cidr) {
    return AddressPlan.withoutPrefix(cidr);
  }

  private static int prefix(String cidr) {
    return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
  }

  private static boolean isIpv4(String ip) {
    return ip != null && InetAddresses.isInetAddress(ip) && InetAddresses.forString(ip) instanceof Inet4Address;
  }

  private static String broadcast(InterfaceAddress network) {
    byte[] b = InetAddresses.forString(network.address()).getAddress();
    for (int bit = network.prefix(); bit < 32; bit++) {
      b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return InetAddresses.toAddrString(InetAddresses.fromInteger(
        ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff)));
  }
}
