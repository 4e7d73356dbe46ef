package io.haprovision.mikrotik.routeros;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ha-provision must know of RouterOS menus to read an export: each property's default
 * (an export leaves properties at their default out) and which properties identify an entry
 * (to match the same entry on two routers, or an export line with a desired entry).
 */
public final class MenuSchema {
  /** RouterOS's default script and scheduler policy: every policy. */
  public static final String FULL_POLICY = "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon";
  /** Menus whose entries the router has anyway (ethernet ports), exported as {@code set [ find default-name=X ]}. */
  public static final Set<String> BUILT_IN = Set.of("/interface ethernet");
  /** Property names that hold secrets wherever they appear. */
  public static final Set<String> SECRET_PROPERTIES = RouterOsEntryState.SECRET_PROPERTIES;

  private MenuSchema() {}

  /** The defaults of {@code menu}'s properties in dialect {@code routerOs} (6 or 7); empty for a menu not known. */
  public static Map<String, String> defaults(String menu, int routerOs) {
    Map<String, String> d = new LinkedHashMap<>();
    switch (menu) {
      case "/interface ethernet" -> common(d);
      case "/interface bonding" -> {
        d.put("slaves", "");
        d.put("mode", "balance-rr");
        common(d);
      }
      case "/interface bridge" -> {
        d.put("protocol-mode", "rstp");
        common(d);
      }
      case "/interface bridge port", "/ip address", "/routing bgp peer", "/routing bgp connection" -> common(d);
      case "/interface vrrp" -> {
        d.put("vrid", "1");
        d.put("priority", "100");
        d.put("interval", "1s");
        d.put("version", "3");
        d.put("preemption-mode", "yes");
        d.put("authentication", "none");
        d.put("password", "");
        d.put("on-master", "");
        d.put("on-backup", "");
        if (routerOs >= 7) {
          d.put("on-fail", "");
          d.put("group-master", "");
        }
        common(d);
      }
      case "/ip route" -> {
        d.put("dst-address", "0.0.0.0/0");
        d.put("distance", "1");
        common(d);
      }
      case "/system script" -> {
        d.put("policy", FULL_POLICY);
        d.put("source", "");
        d.put("comment", "");
      }
      case "/system scheduler" -> {
        d.put("interval", "0s");
        d.put("on-event", "");
        d.put("policy", FULL_POLICY);
        common(d);
      }
      case "/system identity" -> d.put("name", "MikroTik");
      default -> {
        // Unknown menu: no defaults known; its entries are compared as printed.
      }
    }
    return d;
  }

  private static void common(Map<String, String> d) {
    d.put("comment", "");
    d.put("disabled", "no");
  }

  /**
   * The properties that identify an entry of {@code menu}: {@code name} where entries are
   * named, {@code address} for addresses, {@code interface} for bridge ports,
   * {@code dst-address} and {@code gateway} for routes; empty for a menu whose entries have
   * no identity but all their properties.
   */
  public static List<String> keyOf(String menu) {
    return switch (menu) {
      case "/ip address" -> List.of("address");
      case "/interface bridge port" -> List.of("interface");
      case "/ip route" -> List.of("dst-address", "gateway");
      case "/interface ethernet" -> List.of("default-name");
      case "/interface bonding", "/interface bridge", "/interface vrrp", "/routing bgp peer",
          "/routing bgp connection", "/system script", "/system scheduler", "/interface vlan" -> List.of("name");
      default -> List.of();
    };
  }

  /** True for a menu with one entry and no items ({@code /system identity}, {@code /system clock}). */
  public static boolean singleton(String menu) {
    return menu.equals("/system identity") || menu.equals("/system clock") || menu.equals("/system note")
        || menu.equals("/ip dns") || menu.equals("/system ntp client");
  }
}
