package io.haprovision.openwrt;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.PerNode;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.openwrt.config.ConntrackdSettings;
import io.haprovision.openwrt.config.PairResolution;
import io.haprovision.transport.ShellQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conntrackd's configuration for one node (FTFW over UDP on the sync link, the upstream
 * primary-backup setup) and the script that checks a staged copy of it.
 *
 * <p>The filter ignores connections of the routers themselves: loopback, every address of
 * both nodes and every VIP (conntrackd matches the original and the reply source, so
 * clients' NATed connections are still synced).
 */
public final class ConntrackdConf {
  private ConntrackdConf() {}

  /** One {@code Address Ignore} entry and why it is there (a comment in the file). */
  record Ignored(String keyword, String address, String why) {}

  /** conntrackd.conf for {@code node} of {@code pair} (conntrackd enabled and validated). */
  public static String render(PairSpec pair, NodeSpec node, ConntrackdSettings c) {
    PerNode<String> addresses = PairResolution.resolveSyncAddresses(pair, c);
    String own = addresses.of(node.role());
    String peer = addresses.of(node.role().other());
    boolean v4 = PairResolution.isIpv4(own);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("pair", pair.name());
    model.put("node", node.name());
    model.put("peerName", pair.peerOf(node).name());
    model.put("family", v4 ? "IPv4" : "IPv6");
    model.put("own", own);
    model.put("peer", peer);
    model.put("port", Integer.toString(c.port()));
    model.put("interface", c.interfaceName());
    model.put("sendBuffer", Integer.toString(c.sendBuffer()));
    model.put("receiveBuffer", Integer.toString(c.receiveBuffer()));
    model.put("checksum", c.checksum() ? "on" : "off");
    model.put("hashSize", Integer.toString(c.hashSize()));
    model.put("hashLimit", Integer.toString(c.hashLimit()));
    model.put("lockFile", OpenWrtPaths.CONNTRACKD_LOCK);
    model.put("socket", OpenWrtPaths.CONNTRACKD_SOCKET);
    model.put("ignored", ignored(pair, c).stream().map(i -> Map.of(
        "keyword", i.keyword(), "address", i.address(), "why", i.why())).toList());
    return Templates.render("conntrackd.conf.ftl", model);
  }

  /** Loopback, both nodes' addresses, the VIPs and the inventory's extras, each once, in that order. */
  static List<Ignored> ignored(PairSpec pair, ConntrackdSettings c) {
    Map<String, Ignored> out = new LinkedHashMap<>();
    add(out, "127.0.0.1", "loopback");
    boolean anyV6 = false;
    for (NodeSpec n : pair.nodes()) {
      for (var e : n.interfaces().entrySet()) {
        add(out, e.getValue().address(), n.name() + " on " + e.getKey());
        anyV6 |= !e.getValue().isIpv4();
      }
    }
    c.addresses().ifPresent(a -> {
      add(out, a.primary(), pair.primary().name() + " sync address");
      add(out, a.secondary(), pair.secondary().name() + " sync address");
    });
    for (VrrpInstanceSpec i : pair.vrrp().instances()) {
      for (VipSpec v : i.vips()) {
        add(out, v.address(), "VIP of " + i.name());
        anyV6 |= !PairResolution.isIpv4(v.address());
      }
    }
    if (anyV6) {
      add(out, "::1", "loopback");
    }
    c.ignoreAddresses().forEach(a -> add(out, a, "from the inventory"));
    return new ArrayList<>(out.values());
  }

  private static void add(Map<String, Ignored> out, String address, String why) {
    String ip = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
    String keyword = PairResolution.isIpv4(ip) ? "IPv4_address" : "IPv6_address";
    out.putIfAbsent(address, new Ignored(keyword, address, why));
  }

  /**
   * The check script run against a staged conntrackd.conf ({@code conntrackd-check FILE}).
   * conntrackd has no config-test mode, so it starts conntrackd in the foreground on a
   * scratch copy: its own lock file and control socket (so the running daemon is not
   * disturbed), the peer replaced by loopback and the port by {@code scratchPort} (so no
   * sync message reaches the peer). A copy still running after two seconds parsed and
   * initialised: it is stopped and the file passes; one that exited failed.
   */
  public static String checkScript(ConntrackdSettings c) {
    int scratchPort = c.port() == 65_535 ? c.port() - 1 : c.port() + 1;
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("scratchPort", Integer.toString(scratchPort));
    model.put("tmpDir", ShellQuote.quote("/tmp"));
    return Templates.render("conntrackd-check.sh.ftl", model);
  }
}
