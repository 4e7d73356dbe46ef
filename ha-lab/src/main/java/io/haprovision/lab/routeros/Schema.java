package io.haprovision.lab.routeros;

import io.haprovision.lab.routeros.Prop.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The menus the simulator knows, per dialect, in {@code /export} order, with the defaults
 * the contract fixes (the platform needs the same defaults to read an export).
 */
final class Schema {
  /** RouterOS's default script and scheduler policy: every policy. */
  static final List<String> POLICIES = List.of(
      "ftp", "reboot", "read", "write", "policy", "test", "password", "sniff", "sensitive", "romon");
  static final String FULL_POLICY = String.join(",", POLICIES);

  static final String ETHERNET = "/interface ethernet";
  static final String BONDING = "/interface bonding";
  static final String BRIDGE = "/interface bridge";
  static final String BRIDGE_PORT = "/interface bridge port";
  static final String VRRP = "/interface vrrp";
  static final String ADDRESS = "/ip address";
  static final String FIREWALL_FILTER = "/ip firewall filter";
  static final String ROUTE = "/ip route";
  static final String SCRIPT = "/system script";
  static final String SCHEDULER = "/system scheduler";
  static final String FILE = "/file";
  static final String USER = "/user";
  static final String SSH_KEYS = "/user ssh-keys";
  static final String SERVICE = "/ip service";
  static final String LOG = "/log";

  /** Menus {@code /export} leaves out, as RouterOS does (files, users and their keys). */
  static final Set<String> NOT_EXPORTED = Set.of(FILE, USER, SSH_KEYS, LOG);

  /**
   * Properties {@code /export} prints even at their default, as the corpus's script exports show
   * ({@code add dont-require-permissions=no name=... owner=admin policy=...}, 6.x and 7.15), and a
   * filter rule's action though {@code accept} is its default ({@code add action=accept
   * chain=input ...}, the corpus's two 7.19.1 exports with filter rules).
   */
  static final Set<String> ALWAYS_EXPORTED = Set.of(SCRIPT + " owner", SCRIPT + " dont-require-permissions",
      FIREWALL_FILTER + " action");

  /** The IP services of a factory router: name, port, disabled. */
  static final List<String[]> SERVICES = List.of(
      new String[] {"telnet", "23", "no"}, new String[] {"ftp", "21", "no"}, new String[] {"www", "80", "no"},
      new String[] {"ssh", "22", "no"}, new String[] {"www-ssl", "443", "yes"}, new String[] {"api", "8728", "no"},
      new String[] {"winbox", "8291", "no"}, new String[] {"api-ssl", "8729", "no"});

  /** Interface menus whose entries also appear in the generic {@code /interface} menu, in its order. */
  static final List<String> INTERFACE_MENUS = List.of(ETHERNET, BONDING, BRIDGE, VRRP);

  /** Menus that hold no list of entries: they answer {@code print} (and some {@code set}) themselves. */
  static final Set<String> SINGLETONS = Set.of("/system identity", "/system clock", "/system resource");

  /** Directories: path levels that only lead to menus (typing them alone changes the context). */
  static final Set<String> DIRECTORIES = Set.of("/", "/ip", "/ip firewall", "/routing", "/routing bgp", "/system",
      "/interface");

  private final Map<String, Menu> menus = new LinkedHashMap<>();
  private final RouterOsDialect dialect;
  private final String version;

  Schema(RouterOsDialect dialect, String version) {
    this.dialect = dialect;
    this.version = version;
    add(new Menu(BRIDGE, List.of(
        Prop.text("name", null), Prop.of(Type.BOOL, "fast-forward", "yes"),
        Prop.choice("protocol-mode", "rstp", "none", "rstp", "stp", "mstp"),
        Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")), false, true, "bridge", "bridge"));
    add(new Menu(ETHERNET, List.of(
        Prop.text("name", null), Prop.readOnly("default-name"), Prop.of(Type.TEXT, "mac-address", null),
        Prop.readOnly("orig-mac-address"), Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")),
        true, true, "ether", "ether"));
    add(new Menu(BONDING, List.of(
        Prop.text("name", null), Prop.of(Type.INTERFACES, "slaves", ""),
        Prop.choice("mode", "balance-rr", "balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad",
            "balance-tlb", "balance-alb"),
        Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")), false, true, "bond", "bonding"));
    List<Prop> vrrp = new ArrayList<>(List.of(
        Prop.text("name", null), Prop.of(Type.INTERFACE, "interface", null), Prop.range("vrid", "1", 1, 255),
        Prop.range("priority", "100", 1, 254), Prop.of(Type.TIME, "interval", "1s"),
        Prop.choice("version", "3", "2", "3"), Prop.of(Type.BOOL, "preemption-mode", "yes"),
        Prop.choice("authentication", "none", "none", "simple", "ah"), Prop.secret("password"),
        Prop.text("on-master", ""), Prop.text("on-backup", "")));
    if (dialect == RouterOsDialect.V7) {
      // Stored as group-master whatever the release calls it; see vrrpGroupName().
      vrrp.add(Prop.text("on-fail", ""));
      vrrp.add(Prop.of(Type.VRRP, "group-master", ""));
    }
    vrrp.add(Prop.text("comment", ""));
    vrrp.add(Prop.of(Type.BOOL, "disabled", "no"));
    add(new Menu(VRRP, vrrp, false, true, "vrrp", "vrrp"));
    add(new Menu(BRIDGE_PORT, List.of(
        Prop.of(Type.INTERFACE, "interface", null), Prop.of(Type.BRIDGE, "bridge", null),
        Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")), false, false, null, null));
    add(new Menu(ADDRESS, List.of(
        Prop.of(Type.PREFIX, "address", null), Prop.of(Type.ADDRESS, "network", null),
        Prop.of(Type.INTERFACE, "interface", null),
        Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")), false, false, null, null));
    // Properties in the order the corpus's exports print them (alphabetical).
    add(new Menu(FIREWALL_FILTER, List.of(
        Prop.choice("action", "accept", "accept", "drop", "reject", "passthrough", "return", "log", "jump"),
        Prop.text("chain", null), Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no"),
        Prop.of(Type.INTERFACE, "in-interface", ""), Prop.of(Type.INTERFACE, "out-interface", "")),
        false, false, null, null));
    add(new Menu(ROUTE, List.of(
        Prop.of(Type.PREFIX, "dst-address", "0.0.0.0/0"), Prop.text("gateway", null), Prop.range("distance", "1", 1, 255),
        Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")), false, false, null, null));
    add(new Menu(SERVICE, List.of(
        Prop.readOnly("name"), Prop.range("port", null, 1, 65535), Prop.text("address", ""),
        Prop.of(Type.BOOL, "disabled", null)), true, true, null, "service"));
    add(new Menu(dialect.bgpMenu(), List.of(
        Prop.text("name", null), Prop.of(Type.ADDRESS, "remote-address", null), Prop.range("remote-as", null, 0, 4294967295L),
        Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")), false, true, null,
        dialect == RouterOsDialect.V6 ? "peer" : "bgp"));
    add(new Menu(SCHEDULER, List.of(
        Prop.text("name", null), Prop.of(Type.DATE, "start-date", null), Prop.of(Type.TIME_OF_DAY, "start-time", null),
        Prop.of(Type.TIME, "interval", "0s"), Prop.text("on-event", ""),
        Prop.list("policy", FULL_POLICY, POLICIES), Prop.readOnly("run-count"), Prop.readOnly("next-run"),
        Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")), false, true, null, "schedule"));
    add(new Menu(SCRIPT, List.of(
        Prop.text("name", null), Prop.text("owner", "admin"), Prop.of(Type.BOOL, "dont-require-permissions", "no"),
        Prop.list("policy", FULL_POLICY, POLICIES),
        Prop.readOnly("run-count"), Prop.text("source", ""), Prop.text("comment", "")), false, true, null, "script"));
    add(new Menu(USER, List.of(
        Prop.text("name", null), Prop.choice("group", "read", "full", "read", "write"), Prop.text("address", ""),
        Prop.secret("password"), Prop.text("comment", ""), Prop.of(Type.BOOL, "disabled", "no")),
        false, true, null, "user"));
    add(new Menu(SSH_KEYS, List.of(
        Prop.text("user", null), Prop.readOnly("key-owner"), Prop.readOnly("bits"), Prop.text("key", ""),
        Prop.text("comment", "")), false, false, null, null));
    add(new Menu(LOG, List.of(Prop.readOnly("time"), Prop.readOnly("topics"), Prop.readOnly("message")),
        false, false, null, null));
    add(new Menu(FILE, List.of(
        Prop.text("name", null), Prop.readOnly("type"), Prop.readOnly("size"), Prop.readOnly("creation-time"),
        Prop.text("contents", "")), false, true, null, "file"));
  }

  private void add(Menu menu) {
    menus.put(menu.path(), menu);
  }

  RouterOsDialect dialect() {
    return dialect;
  }

  /** The version the router reports. */
  String version() {
    return version;
  }

  /** A date as this router prints it. */
  String date(java.time.LocalDate date) {
    return dialect.date(date, version);
  }

  /** A date and time as this router prints it. */
  String dateTime(java.time.LocalDateTime time) {
    return dialect.dateTime(time, version);
  }

  /**
   * The name of a property as this release exports and prints it: VRRP's stored
   * {@code group-master} is {@code group-authority} from 7.10.
   */
  String shownName(Menu menu, String property) {
    if (menu != null && menu.path().equals(VRRP) && property.equals("group-master")) {
      return dialect.vrrpGroupName(version);
    }
    return property;
  }

  /** The names this release takes for {@code menuPath} beside the stored ones ({@link #storedName}). */
  Set<String> aliases(String menuPath) {
    return storedName(menuPath, "group-authority").equals("group-authority") ? Set.of() : Set.of("group-authority");
  }

  /**
   * The stored name of a property this release was given: from 7.10 {@code group-authority}
   * (and its write alias {@code group-master}) are stored as {@code group-master}; before 7.10
   * {@code group-authority} is unknown and stays as given, so it is refused.
   */
  String storedName(String menuPath, String property) {
    if (menuPath.equals(VRRP) && property.equals("group-authority") && "group-authority".equals(
        dialect.vrrpGroupName(version))) {
      return "group-master";
    }
    return property;
  }

  /** The list menu at {@code path}, or null. */
  Menu menu(String path) {
    return menus.get(path);
  }

  /** Every list menu, in {@code /export} order ({@code /file} included; export skips it). */
  List<Menu> menus() {
    return List.copyOf(menus.values());
  }

  /** True when {@code path} is a menu or directory this dialect knows. */
  boolean isPath(String path) {
    return menus.containsKey(path) || SINGLETONS.contains(path) || DIRECTORIES.contains(path);
  }
}
