package io.haprovision.mikrotik.adopt;

import com.google.common.net.InetAddresses;
import io.haprovision.adopt.InventoryText;
import io.haprovision.adopt.InventoryText.Mapping;
import io.haprovision.adopt.InventoryText.Sequence;
import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.adopt.KeepalivedAdoption.SecretVariable;
import io.haprovision.error.TargetException;
import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.mikrotik.HaMikrotik;
import io.haprovision.mikrotik.Heartbeat;
import io.haprovision.mikrotik.MikrotikSection;
import io.haprovision.mikrotik.RouterOsVersion;
import io.haprovision.mikrotik.VersionRange;
import io.haprovision.mikrotik.adopt.MikrotikImporter.RouterReading;
import io.haprovision.mikrotik.device.PrintedEntry;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.mikrotik.routeros.RouterOsValues;
import io.haprovision.spi.PlatformImporter.Reading;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what two routers of an ha-mikrotik pair showed into the inventory's parts. Pure: the
 * reads come in, the {@link Reading} goes out.
 *
 * <p>Router A (primary) is the one whose identity ha-mikrotik suffixed {@code _HA_A}, else
 * the one with the lower HA address ({@code ha_config}'s A address is {@code .1}).
 */
final class HaMikrotikAdoption {
  private static final String SECTION = "mikrotik";

  private final String pair;
  private final List<Note> notes = new ArrayList<>();
  private final List<SecretVariable> secrets = new ArrayList<>();

  private HaMikrotikAdoption(String pair) {
    this.pair = pair;
  }

  /** The pair {@code pair} as two routers showed it, in the order the user named them. */
  static Reading adopt(String pair, RouterReading first, RouterReading second) {
    return new HaMikrotikAdoption(pair).run(first, second);
  }

  /** The HA link as one router has it: port, bridge and its address on the bridge. */
  private record Link(String port, String bridge, String address, int prefix) {}

  private Reading run(RouterReading first, RouterReading second) {
    if (first.dialect() != second.dialect()) {
      throw refusal(first, "the routers run different RouterOS majors (" + first.node() + " " + first.version()
          + ", " + second.node() + " " + second.version() + "); ha-mikrotik needs the same release on both:"
          + " upgrade one, then import again");
    }
    Link l1 = link(first);
    Link l2 = link(second);
    if (!l1.port().equals(l2.port()) || !l1.bridge().equals(l2.bridge()) || l1.prefix() != l2.prefix()) {
      throw refusal(first, "the HA links differ: " + first.node() + " has " + l1.port() + " in " + l1.bridge() + ", "
          + second.node() + " has " + l2.port() + " in " + l2.bridge() + "; is this one ha-mikrotik pair?");
    }
    boolean firstIsA = isA(first, l1, second, l2);
    RouterReading a = firstIsA ? first : second;
    RouterReading b = firstIsA ? second : first;
    Link la = firstIsA ? l1 : l2;
    Link lb = firstIsA ? l2 : l1;

    Mapping section = InventoryText.map();
    section.put("routeros", InventoryText.number(a.dialect()), "read: " + a.node() + " runs " + a.version() + ", "
        + b.node() + " " + b.version());
    versions(a, b);
    identityBase(a, b).ifPresent(base -> section.put("identity", InventoryText.text(base),
        "the identity's base: ha-mikrotik and ha-provision both add _HA_A/_HA_B and _ACTIVE/_STANDBY"));
    section.put("bgp", InventoryText.flag(true), "ha-mikrotik's hooks switch BGP too");
    List<String> rescue = rescuePorts(a, b);
    if (!rescue.isEmpty()) {
      Sequence ports = InventoryText.list();
      rescue.forEach(p -> ports.add(InventoryText.text(p)));
      section.put("rescue_ports", ports, "commented " + MikrotikSection.RESCUE_COMMENT + ": stay up on the standby");
    }
    section.put("ha_link", haLink(a, b, la, lb));
    Map<String, String> heartbeatA = vrrp(a, la);
    section.put("heartbeat", heartbeat(a, b, la, heartbeatA));
    if (a.hasHaMikrotik() || b.hasHaMikrotik()) {
      section.put("replaces", InventoryText.text("ha-mikrotik"), "apply removes ha-mikrotik's scheduler entries,"
          + " scripts and HA_AUTO route (the plan says why for each)");
      notes.add(new Note(SECTION + ".replaces", "ha-mikrotik's scheduler entries (" + String.join(", ",
          present(HaMikrotik.SCHEDULERS, a.schedulers(), b.schedulers())) + "), its scripts and its default route"
          + " through the peer go on apply: left in place, ha_startup would rebuild the heartbeat with ha-mikrotik's"
          + " hooks at the next boot and ha_checkchanges would push backups onto the standby and reboot it;"
          + " `provision action PAIR sync-standby` and `switch-role` replace $HASyncStandby and $HASwitchRole"));
      notes.add(new Note(SECTION, "ha-mikrotik's two filter rules accepting the HA bridge's traffic (HA_AUTO),"
          + " its FTP user `ha` and the FTP service it enabled stay as they are: ha-provision uses neither;"
          + " remove them once nothing else does"));
    }
    notes.add(new Note(SECTION, "the rest of each router's configuration (its addresses, routes, firewall, BGP,"
        + " bonding, users) is not in the inventory: ha-provision leaves it as it is; verify reports where the two"
        + " routers' differ (routeros-shared-config) and `provision action PAIR sync-standby` copies the active"
        + " router's onto the standby"));
    Map<String, Mapping> interfaces = new LinkedHashMap<>();
    interfaces.put(a.node(), InventoryText.map());
    interfaces.put(b.node(), InventoryText.map());
    Optional<Mapping> vrrp = ServiceVrrps.adopt(pair, a, b, heartbeatA.get("name"), interfaces, notes, secrets);
    if (vrrp.isEmpty()) {
      notes.add(new Note("vrrp", "no service VRRP besides the heartbeat: the whole router fails over, as"
          + " ha-mikrotik does (each router's addresses are its own configuration, left as they are)"));
    }
    return new Reading(a.node(), b.node(), interfaces, vrrp, section, notes, secrets);
  }

  private static TargetException refusal(RouterReading r, String why) {
    return new TargetException(TargetException.Kind.FAILED, r.target(), why);
  }

  /** The HA port's bridge port and the router's address on that bridge, as ha_startup adds them. */
  private static Link link(RouterReading r) {
    RouterOsExport.Entry port = r.config().of("/interface bridge port").stream()
        .filter(e -> e.added() && HaMikrotik.AUTO_COMMENT.equals(e.properties().get("comment")))
        .findFirst()
        .orElseThrow(() -> refusal(r, "node " + r.node() + " has no bridge port commented "
            + HaMikrotik.AUTO_COMMENT + ", where ha-mikrotik's ha_startup puts the HA port: is this a router of a"
            + " pair built with ha-mikrotik's HA_init.rsc? (import reads only that kind of RouterOS pair)"));
    String bridge = port.properties().getOrDefault("bridge", "");
    RouterOsExport.Entry address = r.addressesOn(bridge).stream()
        .findFirst()
        .orElseThrow(() -> refusal(r, "node " + r.node() + " has no address on the HA bridge " + bridge
            + " (ha_startup adds one at boot): did ha-mikrotik's startup finish? See /log print"));
    String cidr = address.properties().get("address");
    int slash = cidr.indexOf('/');
    return new Link(port.properties().getOrDefault("interface", ""), bridge, cidr.substring(0, slash),
        Integer.parseInt(cidr.substring(slash + 1)));
  }

  private boolean isA(RouterReading first, Link l1, RouterReading second, Link l2) {
    boolean firstA = first.identity().contains("_HA_A");
    boolean secondA = second.identity().contains("_HA_A");
    if (firstA != secondA && (first.identity().contains("_HA_B") || second.identity().contains("_HA_B"))) {
      return firstA;
    }
    notes.add(new Note("nodes", "neither identity says which router is A (_HA_A): the one with the lower HA"
        + " address is made primary"));
    return Integer.compareUnsigned(InetAddresses.coerceToInteger(InetAddresses.forString(l1.address())),
        InetAddresses.coerceToInteger(InetAddresses.forString(l2.address()))) < 0;
  }

  private void versions(RouterReading a, RouterReading b) {
    VersionRange range = VersionRange.defaultFor(a.dialect());
    for (RouterReading r : List.of(a, b)) {
      Optional<RouterOsVersion> version = RouterOsVersion.parse(r.version());
      if (version.isPresent() && !range.contains(version.get())) {
        notes.add(new Note(SECTION + ".versions", r.node() + " runs " + r.version() + ", outside what"
            + " ha-provision supports on RouterOS " + a.dialect() + " (" + range + "): plan refuses it; upgrade"
            + " the pair, or set allow_unsupported_version: true at your own risk"));
      }
    }
  }

  private Optional<String> identityBase(RouterReading a, RouterReading b) {
    String base = base(a.identity());
    if (!base.equals(base(b.identity()))) {
      notes.add(new Note(SECTION + ".identity", "the identities' bases differ (" + a.identity() + ", " + b.identity()
          + "): " + a.node() + "'s is written; the hooks set both"));
    }
    return base.isEmpty() || base.equals(pair) ? Optional.empty() : Optional.of(base);
  }

  private static String base(String identity) {
    int i = identity.indexOf("_HA_");
    return i >= 0 ? identity.substring(0, i) : identity;
  }

  private List<String> rescuePorts(RouterReading a, RouterReading b) {
    List<String> pa = rescue(a);
    List<String> pb = rescue(b);
    if (!pa.equals(pb)) {
      notes.add(new Note(SECTION + ".rescue_ports", "the routers comment different ports "
          + MikrotikSection.RESCUE_COMMENT + " (" + a.node() + ": " + pa + ", " + b.node() + ": " + pb
          + "): both routers' are written, and apply comments them on both"));
    }
    Set<String> all = new LinkedHashSet<>(pa);
    all.addAll(pb);
    return List.copyOf(all);
  }

  private static List<String> rescue(RouterReading r) {
    List<String> out = new ArrayList<>();
    for (PrintedEntry port : r.ethernet()) {
      String defaultName = port.get("default-name").isEmpty() ? port.get("name") : port.get("default-name");
      String comment = r.config().builtIn("/interface ethernet", defaultName).getOrDefault("comment", "");
      if (comment.equals(MikrotikSection.RESCUE_COMMENT)) {
        out.add(port.get("name"));
      }
    }
    return out;
  }

  private Mapping haLink(RouterReading a, RouterReading b, Link la, Link lb) {
    Mapping link = InventoryText.map();
    link.put("interface", InventoryText.text(la.port()));
    link.put("bridge", InventoryText.text(la.bridge()));
    String network = network(la);
    link.put("network", InventoryText.text(network));
    if (!network(lb).equals(network)) {
      throw refusal(b, "the routers' HA addresses " + la.address() + "/" + la.prefix() + " and " + lb.address() + "/"
          + lb.prefix() + " are not in one network; is this one ha-mikrotik pair?");
    }
    link.put("address", InventoryText.map().put("primary", InventoryText.text(la.address()))
        .put("secondary", InventoryText.text(lb.address())));
    link.put("mac", InventoryText.map().put("primary", InventoryText.text(mac(a, la.port())))
        .put("secondary", InventoryText.text(mac(b, lb.port()))), "orig-mac-address of " + la.port()
        + ": tells A from B, as ha-mikrotik's haMacA/haMacB do");
    return link;
  }

  private static String mac(RouterReading r, String port) {
    return r.ethernet().stream().filter(e -> e.get("name").equals(port)).map(e -> e.get("orig-mac-address"))
        .filter(m -> !m.isEmpty()).findFirst().map(m -> m.toUpperCase(Locale.ROOT))
        .orElseThrow(() -> refusal(r, "node " + r.node() + " shows no orig-mac-address for its HA port " + port));
  }

  /** The heartbeat's settings, from A's VRRP interface on the HA bridge ({@code va}) compared with B's. */
  private Mapping heartbeat(RouterReading a, RouterReading b, Link la, Map<String, String> va) {
    Map<String, String> vb = vrrp(b, la);
    Mapping hb = InventoryText.map();
    hb.put("name", InventoryText.text(va.get("name")));
    hb.put("vrid", InventoryText.number(Long.parseLong(va.get("vrid"))));
    hb.put("version", InventoryText.number(Long.parseLong(va.get("version"))));
    hb.put("interval", InventoryText.decimal(RouterOsValues.seconds(va.get("interval"), BigDecimal.ONE).toPlainString()));
    String address = a.addressesOn(va.get("name")).stream()
        .map(e -> e.properties().get("address"))
        .findFirst()
        .orElseThrow(() -> refusal(a, "node " + a.node() + " has no address on " + va.get("name")));
    hb.put("address", InventoryText.text(address.replace("/32", "")));
    for (String p : List.of("vrid", "version", "interval")) {
      if (!RouterOsValues.same(va.get(p), vb.get(p))) {
        notes.add(new Note(SECTION + ".heartbeat." + p, a.node() + " has " + p + "=" + va.get(p) + ", " + b.node()
            + " " + vb.get(p) + ": the routers cannot hear each other's heartbeat as they are; " + a.node()
            + "'s is written"));
      }
    }
    int pa = Integer.parseInt(va.get("priority"));
    int pb = Integer.parseInt(vb.get("priority"));
    String preferred = pa > pb ? "primary" : pb > pa ? "secondary" : "none";
    String why;
    if (pa == pb) {
      why = "both " + pa + " (no haPreferMac): the active router stays active until it fails";
      if (!"no".equals(va.get("preemption-mode"))) {
        notes.add(new Note(SECTION + ".heartbeat.preferred", "ha-mikrotik leaves preemption on with equal"
            + " priorities, which never preempts an equal master; ha-provision writes preemption-mode=no for"
            + " `preferred: none` (same behaviour)"));
      }
    } else {
      why = (pa > pb ? a : b).node() + " has priority " + Math.max(pa, pb) + " (haPreferMac), the other "
          + Math.min(pa, pb);
      if (Math.max(pa, pb) != Heartbeat.PREFERRED_PRIORITY || Math.min(pa, pb) != Heartbeat.OTHER_PRIORITY) {
        notes.add(new Note(SECTION + ".heartbeat.preferred", "heartbeat priorities " + pa + "/" + pb + " become "
            + Heartbeat.PREFERRED_PRIORITY + "/" + Heartbeat.OTHER_PRIORITY + ", the same preference"));
      }
    }
    hb.put("preferred", InventoryText.text(preferred), why);
    if (!"none".equals(va.get("authentication"))) {
      notes.add(new Note(SECTION + ".heartbeat", "the heartbeat uses authentication=" + va.get("authentication")
          + "; ha-provision's heartbeat has none (it runs alone on its own cable)"));
    }
    return hb;
  }

  /** The heartbeat: the VRRP interface on the HA bridge. */
  private static Map<String, String> vrrp(RouterReading r, Link link) {
    return r.config().of("/interface vrrp").stream()
        .filter(e -> e.added() && link.bridge().equals(e.properties().get("interface")))
        .map(e -> RouterOsExport.withDefaults("/interface vrrp", e.properties(), r.dialect()))
        .findFirst()
        .orElseThrow(() -> refusal(r, "node " + r.node() + " has no VRRP interface on the HA bridge " + link.bridge()
            + " (ha_startup adds HA_VRRP there at boot)"));
  }

  private static String network(Link link) {
    return InterfaceAddress.parse(link.address() + "/" + link.prefix()).orElseThrow().network();
  }

  private static List<String> present(List<String> names, List<String> in1, List<String> in2) {
    return names.stream().filter(n -> in1.contains(n) || in2.contains(n)).toList();
  }
}
