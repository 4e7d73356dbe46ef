package io.haprovision.openwrt.adopt;

import io.haprovision.adopt.ConfNode;
import io.haprovision.adopt.InventoryText;
import io.haprovision.adopt.InventoryText.Mapping;
import io.haprovision.adopt.InventoryText.Sequence;
import io.haprovision.adopt.KeepalivedAdoption;
import io.haprovision.adopt.KeepalivedAdoption.Adopted;
import io.haprovision.adopt.KeepalivedAdoption.NodeFiles;
import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.adopt.KeepalivedConfReader;
import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.Framing;
import io.haprovision.engine.probe.ProbeSection;
import io.haprovision.error.TargetException;
import io.haprovision.openwrt.OpenWrtPaths;
import io.haprovision.openwrt.uci.UciShow;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.PlatformImporter;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an OpenWrt pair built by hand from the guides (the wiki recipe, the keepalived and
 * dnsmasq guide): the keepalived.conf keepalived runs (the UCI {@code alt_config_file}, else the
 * file the init script generated from UCI, else /etc/keepalived/keepalived.conf),
 * conntrackd.conf, the DHCP sections serving the VIP as gateway and DNS, static leases,
 * sysupgrade's keep list and the bound addresses; then the notify scripts the files name, to
 * list what ha-provision's role hook replaces. Every command only prints.
 */
public final class OpenWrtImporter implements PlatformImporter {
  private static final String PATH = "conf_path";
  private static final String KEEPALIVED = "keepalived";
  private static final String ADDRESSES = "addresses";
  private static final String DHCP = "dhcp";
  private static final String CONNTRACKD = "conntrackd";
  private static final String SYSUPGRADE = "sysupgrade";

  /** What one node holds today. */
  private record NodeRead(NodeContext node, String confPath, String conf, AddressTable addresses, UciShow dhcp,
      Optional<String> conntrackd, List<String> keep) {}

  @Override
  public Reading read(Context context) {
    List<NodeRead> reads =
        context.readEach("keepalived, conntrackd, DHCP and sysupgrade settings", OpenWrtImporter::read);
    NodeRead ra = reads.get(0);
    NodeRead rb = reads.get(1);
    List<Note> notes = new ArrayList<>();
    Adopted adopted = KeepalivedAdoption.adopt(context.pair(),
        files(ra, notes), files(rb, notes));
    notes.addAll(adopted.notes());
    NodeRead p = ra.node().node().equals(adopted.primary()) ? ra : rb;
    NodeRead s = p == ra ? rb : ra;
    Map<String, Mapping> interfaces = new LinkedHashMap<>(adopted.interfaces());
    Mapping section = InventoryText.map();
    conntrackd(p, s, interfaces, section, notes);
    dhcp(p, s, adopted, section, notes);
    sysupgrade(p, s, section);
    notifyScripts(context, p, adopted, notes);
    return new Reading(adopted.primary(), adopted.secondary(), interfaces, Optional.of(adopted.vrrp()), section,
        notes, adopted.secrets());
  }

  private static NodeFiles files(NodeRead r, List<Note> notes) {
    List<ConfNode> conf;
    try {
      conf = KeepalivedConfReader.parse(r.conf());
    } catch (KeepalivedConfReader.SyntaxError e) {
      throw new TargetException(TargetException.Kind.FAILED, r.node().target(), r.confPath() + " is not a file"
          + " keepalived reads: " + e.getMessage() + "; fix it (keepalived -t -f " + r.confPath() + ") and import again");
    }
    if (conf.isEmpty()) {
      throw new TargetException(TargetException.Kind.FAILED, r.node().target(), "no keepalived configuration"
          + " found (" + r.confPath() + " is empty or missing): is this a pair built with keepalived?");
    }
    return new NodeFiles(r.node().node(), conf, r.addresses(), r.confPath());
  }

  private static NodeRead read(NodeContext n) {
    List<ProbeSection> sections = List.of(
        new ProbeSection(PATH, "f=$(uci -q get keepalived.globals.alt_config_file 2>/dev/null)\n"
            + "if [ -n \"$f\" ] && [ -r \"$f\" ]; then echo \"$f\";\n"
            + "elif [ -r /tmp/keepalived.conf ]; then echo /tmp/keepalived.conf;\n"
            + "else echo " + OpenWrtPaths.KEEPALIVED_CONF + "; fi\n"),
        new ProbeSection(KEEPALIVED, "f=$(uci -q get keepalived.globals.alt_config_file 2>/dev/null)\n"
            + "if [ -n \"$f\" ] && [ -r \"$f\" ]; then cat \"$f\";\n"
            + "elif [ -r /tmp/keepalived.conf ]; then cat /tmp/keepalived.conf;\n"
            + "else cat " + OpenWrtPaths.KEEPALIVED_CONF + " 2>/dev/null; fi\nexit 0\n"),
        new ProbeSection(ADDRESSES, "ip -o addr show\n"),
        new ProbeSection(DHCP, "uci show dhcp 2>/dev/null\nexit 0\n"),
        new ProbeSection(CONNTRACKD, "cat " + OpenWrtPaths.CONNTRACKD_CONF + " 2>/dev/null || exit 3\n"),
        new ProbeSection(SYSUPGRADE, "cat " + OpenWrtPaths.SYSUPGRADE_CONF + " 2>/dev/null\nexit 0\n"));
    String nonce = Framing.newNonce();
    String script = Framing.script(nonce, "", sections);
    ExecResult result = n.connection().exec(Framing.COMMAND, script.getBytes(StandardCharsets.UTF_8));
    Map<String, ProbeOutput> out = Framing.parse(nonce, n.target(), sections.stream().map(ProbeSection::id).toList(),
        result);
    List<String> keep = new ArrayList<>();
    for (String line : out.get(SYSUPGRADE).stdout().split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        keep.add(l);
      }
    }
    ProbeOutput ct = out.get(CONNTRACKD);
    return new NodeRead(n, out.get(PATH).stdout().strip(), out.get(KEEPALIVED).stdout(),
        AddressTable.parse(out.get(ADDRESSES).stdout()), UciShow.parse(out.get(DHCP).stdout(), n.target()),
        ct.exitCode() == 0 && !ct.stdout().isBlank() ? Optional.of(ct.stdout()) : Optional.empty(), keep);
  }

  /** conntrackd: the UDP sync channel's interface and port and the buffers, as conntrackd.conf says. */
  private static void conntrackd(NodeRead p, NodeRead s, Map<String, Mapping> interfaces, Mapping section,
      List<Note> notes) {
    if (p.conntrackd().isEmpty()) {
      if (s.conntrackd().isPresent()) {
        notes.add(new Note("openwrt.conntrackd", "conntrackd.conf is on " + s.node().node() + " only; left out"));
      }
      return;
    }
    List<ConfNode> conf;
    try {
      conf = KeepalivedConfReader.parse(p.conntrackd().get());
    } catch (KeepalivedConfReader.SyntaxError e) {
      notes.add(new Note("openwrt.conntrackd", "conntrackd.conf on " + p.node().node() + " could not be read ("
          + e.getMessage() + "); conntrackd is left out"));
      return;
    }
    Optional<ConfNode> sync = conf.stream().filter(c -> c.keyword().equals("Sync")).findFirst();
    Optional<ConfNode> udp = sync.flatMap(x -> x.child("UDP"));
    Optional<ConfNode> general = conf.stream().filter(c -> c.keyword().equals("General")).findFirst();
    Mapping ct = InventoryText.map().put("enabled", InventoryText.flag(true));
    if (udp.isEmpty()) {
      notes.add(new Note("openwrt.conntrackd", "conntrackd on " + p.node().node() + " does not sync over UDP"
          + " (Multicast or TCP): ha-provision syncs over UDP between the nodes' addresses on one interface;"
          + " written with the interface holding its address, check it"));
    }
    Optional<String> device = udp.flatMap(u -> u.value("Interface"));
    Optional<String> address = udp.flatMap(u -> u.value("IPv4_address"));
    if (device.isEmpty() && address.isPresent()) {
      device = p.addresses().byInterface().entrySet().stream()
          .filter(e -> e.getValue().stream().anyMatch(c -> c.startsWith(address.get() + "/")))
          .map(Map.Entry::getKey).findFirst();
    }
    if (device.isPresent()) {
      String d = device.get();
      ct.put("interface", InventoryText.text(d));
      for (NodeRead r : List.of(p, s)) {
        r.addresses().of(d).stream().filter(c -> !c.contains(":")).findFirst()
            .ifPresent(c -> putOnce(interfaces.get(r.node().node()), d, c));
      }
    } else {
      notes.add(new Note("openwrt.conntrackd.interface", "no sync interface found in conntrackd.conf; name it"));
    }
    udp.flatMap(u -> u.value("Port")).ifPresent(v -> ct.put("port", InventoryText.number(Long.parseLong(v))));
    udp.flatMap(u -> u.value("SndSocketBuffer")).ifPresent(v -> ct.put("send_buffer", InventoryText.number(Long.parseLong(v))));
    udp.flatMap(u -> u.value("RcvSocketBuffer")).ifPresent(v -> ct.put("receive_buffer", InventoryText.number(Long.parseLong(v))));
    udp.flatMap(u -> u.value("Checksum")).ifPresent(v -> ct.put("checksum", InventoryText.flag(v.equalsIgnoreCase("on"))));
    general.flatMap(g -> g.value("HashSize")).ifPresent(v -> ct.put("hash_size", InventoryText.number(Long.parseLong(v))));
    general.flatMap(g -> g.value("HashLimit")).ifPresent(v -> ct.put("hash_limit", InventoryText.number(Long.parseLong(v))));
    sync.flatMap(x -> x.child("Options")).flatMap(o -> o.value("TCPWindowTracking"))
        .ifPresent(v -> notes.add(new Note("openwrt.conntrackd", "TCPWindowTracking " + v + " has no inventory key")));
    section.put("conntrackd", ct, List.of("from " + OpenWrtPaths.CONNTRACKD_CONF + "; ha-provision writes its own file"
        + " (UDP between the nodes' addresses on this interface)"), "");
  }

  /** DHCP: each dnsmasq section serving an instance's VIP as gateway (option 3), with its DNS (6) and force. */
  private static void dhcp(NodeRead p, NodeRead s, Adopted adopted, Mapping section, List<Note> notes) {
    Sequence interfaces = InventoryText.list();
    Set<String> covered = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : p.dhcp().sectionTypes().entrySet()) {
      if (!e.getValue().equals("dhcp")) {
        continue;
      }
      String sec = e.getKey().substring("dhcp.".length());
      List<String> options = p.dhcp().options().getOrDefault(e.getKey() + ".dhcp_option", List.of());
      Optional<String> gateway = option(options, "3");
      if (gateway.isEmpty()) {
        continue;
      }
      Optional<String> instance = adopted.instanceVips().entrySet().stream()
          .filter(x -> x.getValue().contains(gateway.get())).map(Map.Entry::getKey).findFirst();
      if (instance.isEmpty()) {
        notes.add(new Note("openwrt.dhcp", "dhcp." + sec + " serves gateway " + gateway.get() + ", which is no VIP;"
            + " left as it is"));
        continue;
      }
      covered.add(sec);
      Mapping m = InventoryText.map()
          .put("interface", InventoryText.text(one(p.dhcp(), e.getKey() + ".interface").orElse(sec)))
          .put("section", InventoryText.text(sec))
          .put("instance", InventoryText.text(instance.get()))
          .put("gateway", InventoryText.text(gateway.get()))
          .put("dns", InventoryText.text(option(options, "6").orElse(gateway.get())))
          .put("force", InventoryText.flag(one(p.dhcp(), e.getKey() + ".force").map("1"::equals).orElse(false)));
      List<String> extra = options.stream().filter(o -> !o.startsWith("3,") && !o.startsWith("6,")).toList();
      if (!extra.isEmpty()) {
        Sequence ex = InventoryText.list();
        extra.forEach(o -> ex.add(InventoryText.text(o)));
        m.put("dhcp_options", ex);
      }
      if (!options.equals(s.dhcp().options().getOrDefault(e.getKey() + ".dhcp_option", List.of()))) {
        notes.add(new Note("openwrt.dhcp", "dhcp." + sec + "'s options differ between the nodes; "
            + p.node().node() + "'s are written"));
      }
      interfaces.add(m);
    }
    Sequence leases = InventoryText.list();
    for (Map.Entry<String, String> e : p.dhcp().sectionTypes().entrySet()) {
      if (!e.getValue().equals("host")) {
        continue;
      }
      String k = e.getKey();
      Optional<String> name = one(p.dhcp(), k + ".name");
      Optional<String> mac = one(p.dhcp(), k + ".mac");
      Optional<String> ip = one(p.dhcp(), k + ".ip");
      if (name.isPresent() && mac.isPresent() && ip.isPresent()) {
        leases.add(InventoryText.map().put("name", InventoryText.text(name.get()))
            .put("mac", InventoryText.text(mac.get())).put("ip", InventoryText.text(ip.get())));
      } else {
        notes.add(new Note("openwrt.dhcp.static_leases", k + " lacks a name, mac or ip; left as it is"));
      }
    }
    if (interfaces.isEmpty() && leases.isEmpty()) {
      return;
    }
    Mapping d = InventoryText.map();
    if (!interfaces.isEmpty()) {
      d.put("interfaces", interfaces);
    }
    if (!leases.isEmpty()) {
      d.put("static_leases", leases);
    }
    section.put("dhcp", d, List.of("from /etc/config/dhcp: sections serving a VIP as gateway (option 3); the role"
        + " hook serves DHCP on the MASTER only"), "");
  }

  private static void sysupgrade(NodeRead p, NodeRead s, Mapping section) {
    Set<String> own = Set.of(OpenWrtPaths.KEEPALIVED_DIR, "/etc/keepalived", OpenWrtPaths.CONNTRACKD_DIR,
        "/etc/conntrackd", OpenWrtPaths.KEEPALIVED_CONF, OpenWrtPaths.CONNTRACKD_CONF);
    Set<String> keep = new LinkedHashSet<>();
    for (NodeRead r : List.of(p, s)) {
      r.keep().stream().filter(k -> !own.contains(k)).forEach(keep::add);
    }
    if (keep.isEmpty()) {
      return;
    }
    Sequence k = InventoryText.list();
    keep.forEach(x -> k.add(InventoryText.text(x)));
    section.put("sysupgrade", InventoryText.map().put("keep", k), List.of("from /etc/sysupgrade.conf, without"
        + " the paths ha-provision keeps by itself"), "");
  }

  /** The notify commands' scripts, read to show what ha-provision's role hook replaces. */
  private static void notifyScripts(Context context, NodeRead p, Adopted adopted, List<Note> notes) {
    Set<String> files = new LinkedHashSet<>();
    for (String command : adopted.notifyCommands()) {
      String first = command.strip().split("\\s+")[0];
      if (first.startsWith("/")) {
        files.add(first);
      }
      notes.add(new Note("vrrp.notify", "notify command `" + command + "` is replaced by ha-provision's role hook"
          + " (" + OpenWrtPaths.ROLE_HOOK + "): DHCP on the MASTER only, conntrackd's commit and resync; anything"
          + " else it did goes under openwrt.role_hooks.commands"));
    }
    // Their contents are not copied: a hand-written script may hold a token or a password.
    Set<String> dirs = new LinkedHashSet<>();
    for (String f : files) {
      String quoted = "'" + f.replace("'", "'\\''") + "'";
      ExecResult r = p.node().connection().exec("[ -r " + quoted + " ] && wc -l < " + quoted);
      if (r.ok()) {
        notes.add(new Note("vrrp.notify", f + " on " + p.node().node() + " (" + r.stdout().strip() + " lines) is not"
            + " copied here (a script may hold secrets): read it and put anything it does besides DHCP and"
            + " conntrackd under openwrt.role_hooks.commands"));
      } else {
        notes.add(new Note("vrrp.notify", f + " named by a notify command is not readable on " + p.node().node()));
      }
      dirs.add(f.substring(0, f.lastIndexOf('/') + 1));
    }
    for (String d : dirs) {
      if (d.equals("/") || d.startsWith("/usr/") || d.startsWith("/bin/") || d.startsWith("/sbin/")) {
        continue;
      }
      String quoted = "'" + d.replace("'", "'\\''") + "'";
      ExecResult r = p.node().connection().exec("ls -A " + quoted);
      List<String> others = r.ok() ? r.stdout().lines().map(String::strip)
          .filter(x -> !x.isEmpty() && !files.contains(d + x)).toList() : List.of();
      if (!others.isEmpty()) {
        notes.add(new Note("vrrp.notify", d + " on " + p.node().node() + " also holds " + String.join(", ", others)
            + " (the notify scripts' helpers or settings, such as an .env): ha-provision neither reads nor"
            + " removes them"));
      }
    }
  }

  private static Optional<String> option(List<String> options, String code) {
    return options.stream().filter(o -> o.startsWith(code + ",")).map(o -> o.substring(code.length() + 1)).findFirst();
  }

  private static Optional<String> one(UciShow show, String key) {
    List<String> v = show.options().get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  private static void putOnce(Mapping m, String key, String value) {
    if (m.entries().stream().noneMatch(e -> e.key().equals(key))) {
      m.put(key, InventoryText.text(value));
    }
  }
}
