package io.haprovision.adopt;

import io.haprovision.adopt.InventoryText.Mapping;
import io.haprovision.adopt.InventoryText.Sequence;
import io.haprovision.engine.probe.AddressTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keepalived.conf of both nodes of a hand-built pair, turned into the inventory's
 * {@code vrrp:} section and each node's {@code interfaces:}, keeping today's behaviour. Pure.
 *
 * <p>Where the files break a rule of validate, the nearest valid value that behaves the same is
 * chosen and said (a note and a comment at the key): equal priorities become one apart, the
 * router holding the VIPs now (or, with preemption, the one keepalived's tie-break prefers: the
 * higher address) keeping the higher one; a VIP without a prefix is the /32 keepalived binds;
 * {@code state MASTER} with {@code nopreempt} is BACKUP. Everything it cannot express (a
 * keyword the inventory has no key for, an instance on one node only, a notify command, which
 * ha-provision's own hook replaces) is a note, never dropped silently. Passwords are never
 * written: each becomes a {@code ${env:NAME}} reference, and {@link Adopted#secrets()} says which
 * variable to set to what (without the value).
 */
public final class KeepalivedAdoption {
  private KeepalivedAdoption() {}

  /** Keywords of a vrrp_instance this adoption reads; any other is a note. */
  private static final Set<String> INSTANCE_KEYS = Set.of("state", "interface", "virtual_router_id", "priority",
      "advert_int", "version", "nopreempt", "preempt_delay", "authentication", "unicast_src_ip", "unicast_peer",
      "virtual_ipaddress", "track_interface", "track_script", "virtual_routes", "garp_master_delay",
      "garp_master_repeat", "garp_master_refresh", "notify_master", "notify_backup", "notify_fault", "notify_stop",
      "notify");
  private static final Set<String> SCRIPT_KEYS = Set.of("script", "interval", "timeout", "weight", "fall", "rise",
      "user");
  private static final Set<String> GLOBAL_KEYS = Set.of("router_id", "enable_script_security", "script_user",
      "vrrp_mcast_group4", "vrrp_version");

  /**
   * One node as read.
   *
   * @param name the node's name in the inventory
   * @param conf its keepalived.conf, parsed
   * @param addresses the addresses bound on it now ({@code ip -o addr show})
   * @param file where the file was read, for notes
   */
  public record NodeFiles(String name, List<ConfNode> conf, AddressTable addresses, String file) {
    /** Copies the list. */
    public NodeFiles {
      Objects.requireNonNull(name, "name");
      conf = List.copyOf(conf);
      Objects.requireNonNull(addresses, "addresses");
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * Something import could not write as it is, or a choice it made.
   *
   * @param where the inventory key it concerns ({@code vrrp.instances.LAN.priority})
   * @param text what and why, and what to do
   */
  public record Note(String where, String text) {}

  /**
   * A secret the inventory refers to instead of holding it.
   *
   * @param variable the environment variable's name
   * @param what what to set it to, never the value ({@code the auth_pass of instance LAN})
   */
  public record SecretVariable(String variable, String what) {}

  /** The environment variable an instance's VRRP password is read from: {@code PAIR_INSTANCE_VRRP_PASS}. */
  public static String passwordVariable(String pair, String instance) {
    return (pair + "_" + instance + "_VRRP_PASS").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  /**
   * The adoption.
   *
   * @param primary the node made primary
   * @param secondary the other
   * @param vrrp the pair's {@code vrrp:} section
   * @param interfaces each node's {@code interfaces:} (device to its own address), by node
   * @param instanceVips each instance's VIP addresses (without prefix), by instance name
   * @param notes everything not expressed and every choice made
   * @param secrets the environment variables to set
   * @param notifyCommands the notify commands the files run, which ha-provision's hooks replace
   */
  public record Adopted(String primary, String secondary, Mapping vrrp, Map<String, Mapping> interfaces,
      Map<String, List<String>> instanceVips, List<Note> notes,
      List<SecretVariable> secrets, List<String> notifyCommands) {}

  /** Adopts {@code a} and {@code b}, the two nodes of pair {@code pair}. */
  public static Adopted adopt(String pair, NodeFiles a, NodeFiles b) {
    return adopt(pair, a, b, Set.of());
  }

  /**
   * Adopts {@code a} and {@code b}, leaving out the {@code vrrp_script}s named {@code platformScripts}
   * (and the instances' references to them): the platform expresses them itself (a bonder's node
   * check becomes {@code bonder.track_command}).
   */
  public static Adopted adopt(String pair, NodeFiles a, NodeFiles b, Set<String> platformScripts) {
    return new Run(pair, a, b, platformScripts).adopt();
  }

  /** One adoption. */
  private static final class Run {
    private final String pair;
    private final NodeFiles a;
    private final NodeFiles b;
    private final List<Note> notes = new ArrayList<>();
    private final List<SecretVariable> secrets = new ArrayList<>();
    private final Set<String> notify = new LinkedHashSet<>();

    private final Set<String> platformScripts;

    Run(String pair, NodeFiles a, NodeFiles b, Set<String> platformScripts) {
      this.pair = pair;
      this.a = a;
      this.b = b;
      this.platformScripts = Set.copyOf(platformScripts);
    }

    Adopted adopt() {
      Map<String, ConfNode> ia = ConfReadings.instances(a);
      Map<String, ConfNode> ib = ConfReadings.instances(b);
      for (String name : ia.keySet()) {
        if (!ib.containsKey(name)) {
          note("vrrp.instances", "instance " + name + " is in " + a.file + " on " + a.name + " only; it is left out:"
              + " an inventory instance runs on both nodes");
        }
      }
      for (String name : ib.keySet()) {
        if (!ia.containsKey(name)) {
          note("vrrp.instances", "instance " + name + " is in " + b.file + " on " + b.name + " only; it is left out");
        }
      }
      List<String> names = ia.keySet().stream().filter(ib::containsKey).toList();
      // The primary: the higher priority in most instances; a tie goes to the one holding VIPs now.
      int votes = 0;
      for (String n : names) {
        votes += Integer.compare(ConfReadings.priority(ia.get(n)), ConfReadings.priority(ib.get(n)));
      }
      boolean aFirst = votes != 0 ? votes > 0 : holdsVips(a, ia, names) || !holdsVips(b, ib, names);
      NodeFiles p = aFirst ? a : b;
      NodeFiles s = aFirst ? b : a;
      Map<String, ConfNode> ip = aFirst ? ia : ib;
      Map<String, ConfNode> is = aFirst ? ib : ia;
      globals(p);
      globals(s);

      Mapping vrrp = InventoryText.map();
      Sequence instances = InventoryText.list();
      Map<String, Mapping> interfaces = new LinkedHashMap<>();
      interfaces.put(p.name, InventoryText.map());
      interfaces.put(s.name, InventoryText.map());
      Set<String> devices = new LinkedHashSet<>();
      Map<String, List<String>> vipsByInstance = new LinkedHashMap<>();
      for (String n : names) {
        int before = notes.size();
        Mapping m = instance(n, p, s, ip.get(n), is.get(n), interfaces, devices, vipsByInstance);
        // What the instance had that the inventory cannot say goes above it, where it is read.
        List<String> above = notes.subList(before, notes.size()).stream()
            .filter(x -> x.where().equals("vrrp.instances." + n)).map(Note::text).toList();
        instances.add(m, above);
      }
      vrrp.put("instances", instances);
      Sequence scripts = scripts(p, s);
      if (!scripts.isEmpty()) {
        vrrp.put("track_scripts", scripts);
      }
      syncGroup(p, s, names).ifPresent(g -> vrrp.put("sync_group", g));
      // A VIP bound on another device than its instance's needs that device in each node's
      // interfaces too (validate: vrrp.interface-missing): the node's own address there.
      Set<String> vips = new LinkedHashSet<>();
      vipsByInstance.values().forEach(vips::addAll);
      for (String device : devices) {
        for (NodeFiles n : List.of(p, s)) {
          Mapping m = interfaces.get(n.name());
          if (m.entries().stream().noneMatch(e -> e.key().equals(device))) {
            n.addresses().of(device).stream().filter(c -> !vips.contains(c.substring(0, c.indexOf('/'))))
                .filter(c -> !c.contains(":")).findFirst().ifPresentOrElse(c -> m.put(device, InventoryText.text(c)),
                    () -> note("nodes.interfaces." + device, "a VIP binds on " + device + " but " + n.name()
                        + " has no address of its own there; write it under the node's interfaces"));
          }
        }
      }
      return new Adopted(p.name, s.name, vrrp, interfaces, vipsByInstance, List.copyOf(notes),
          List.copyOf(secrets), List.copyOf(notify));
    }

    private Mapping instance(String name, NodeFiles p, NodeFiles s, ConfNode ci, ConfNode cs,
        Map<String, Mapping> interfaces, Set<String> devices, Map<String, List<String>> vipsByInstance) {
      String where = "vrrp.instances." + name;
      Mapping m = InventoryText.map();
      m.put("name", InventoryText.text(name));
      for (ConfNode c : List.of(ci, cs)) {
        NodeFiles owner = c == ci ? p : s;
        for (ConfNode k : c.children()) {
          if (!INSTANCE_KEYS.contains(k.keyword())) {
            note(where, owner.file + " on " + owner.name + " line " + k.line() + ": `" + k.text() + "` has no inventory"
                + " key; ha-provision's keepalived.conf will not have it");
          }
        }
      }
      String iface = ci.value("interface").orElse("");
      if (!iface.equals(cs.value("interface").orElse(""))) {
        note(where + ".interface", "the interface differs: " + iface + " on " + p.name + ", "
            + cs.value("interface").orElse("(none)") + " on " + s.name + "; the inventory runs an instance on one"
            + " interface name on both: rename one, then import again");
      }
      m.put("interface", InventoryText.text(iface));
      devices.add(iface);
      int vrid = ConfReadings.integer(ci, "virtual_router_id", 0);
      if (vrid != ConfReadings.integer(cs, "virtual_router_id", 0)) {
        note(where + ".virtual_router_id", "the VRIDs differ (" + vrid + " and " + ConfReadings.integer(cs, "virtual_router_id", 0)
            + "): the nodes do not form one VRRP router today; " + p.name + "'s is written");
      }
      m.put("virtual_router_id", InventoryText.number(vrid));

      // VIPs: the primary's list; keepalived binds an address without a prefix as /32.
      Sequence vips = InventoryText.list();
      List<String> bare = new ArrayList<>();
      List<String> vipComments = new ArrayList<>();
      for (ConfNode v : ci.child("virtual_ipaddress").map(ConfNode::children).orElse(List.of())) {
        String address = v.keyword();
        if (!address.contains("/")) {
          vipComments.add(address + " has no prefix in the file: keepalived binds it as /32 today, so /32 it"
              + " stays; write the subnet's prefix if clients need it");
          address = address + (address.contains(":") ? "/128" : "/32");
        }
        bare.add(address.substring(0, address.indexOf('/')));
        Map<String, String> opts = ConfReadings.pairs(v.args());
        Optional<String> dev = Optional.ofNullable(opts.remove("dev"));
        Optional<String> label = Optional.ofNullable(opts.remove("label"));
        opts.forEach((k, val) -> note(where + ".vips", "VIP " + v.keyword() + ": `" + k + " " + val + "` has no"
            + " inventory key; left out"));
        dev.ifPresent(devices::add);
        // A device that is the instance's interface says nothing the inventory does not.
        dev = dev.filter(d -> !d.equals(ci.value("interface").orElse("")));
        if (dev.isEmpty() && label.isEmpty()) {
          vips.add(InventoryText.text(address));
        } else {
          Mapping vm = InventoryText.map().put("address", InventoryText.text(address));
          dev.ifPresent(d -> vm.put("device", InventoryText.text(d)));
          label.ifPresent(l -> vm.put("label", InventoryText.text(l)));
          vips.add(vm);
        }
      }
      List<String> otherVips = cs.child("virtual_ipaddress").map(ConfNode::children).orElse(List.of()).stream()
          .map(ConfNode::keyword).map(x -> x.contains("/") ? x.substring(0, x.indexOf('/')) : x).toList();
      if (!new LinkedHashSet<>(otherVips).equals(new LinkedHashSet<>(bare))) {
        note(where + ".vips", "the VIPs differ: " + bare + " on " + p.name + ", " + otherVips + " on " + s.name
            + "; " + p.name + "'s are written");
      }
      vipsByInstance.put(name, bare);
      vipComments.forEach(c -> note(where + ".vips", c));
      if (!vips.isEmpty()) {
        m.put("vips", vips, vipComments, "");
      }

      // Priorities: they must differ; equal ones become one apart, keeping who wins today.
      int pp = ConfReadings.priority(ci);
      int ps = ConfReadings.priority(cs);
      boolean nopreempt = ci.has("nopreempt") || cs.has("nopreempt");
      List<String> priorityComments = new ArrayList<>();
      if (pp == ps) {
        int lower = pp > 1 ? pp - 1 : pp;
        int higher = pp > 1 ? pp : pp + 1;
        // keepalived breaks a tie by the higher address: with preemption that router wins today.
        boolean secondaryWins = !nopreempt && ConfReadings.compareAddresses(ConfReadings.own(s, iface, cs), ConfReadings.own(p, iface, ci)) > 0;
        String winner = secondaryWins ? s.name : p.name;
        String why = nopreempt
            ? "with nopreempt the MASTER keeps the role whatever the priorities; " + winner + " gets the higher"
                + " one (it holds the VIPs now, or, when neither does, it was named first)"
            : "keepalived breaks the tie by the higher address, which is " + winner + "'s, so " + winner
                + " gets the higher one and keeps winning";
        priorityComments.add("both nodes have priority " + pp + " in the files, which validate refuses"
            + " (vrrp.equal-priority): " + higher + " and " + lower + " keep today's behaviour: " + why);
        note(where + ".priority", priorityComments.get(0));
        pp = secondaryWins ? lower : higher;
        ps = secondaryWins ? higher : lower;
      }
      m.put("priority", InventoryText.map().put("primary", InventoryText.number(pp))
          .put("secondary", InventoryText.number(ps)), priorityComments, "");
      String sp = ConfReadings.state(ci);
      String ss = ConfReadings.state(cs);
      if (nopreempt && (sp.equals("MASTER") || ss.equals("MASTER"))) {
        note(where + ".state", "state MASTER with nopreempt (validate refuses it: vrrp.nopreempt-master): written"
            + " as BACKUP, which is how keepalived runs it (a nopreempt instance starts as BACKUP)");
        sp = "BACKUP";
        ss = "BACKUP";
      }
      boolean defaultStates = nopreempt ? sp.equals("BACKUP") && ss.equals("BACKUP")
          : sp.equals("MASTER") && ss.equals("BACKUP");
      if (!defaultStates) {
        m.put("state", InventoryText.map().put("primary", InventoryText.text(sp))
            .put("secondary", InventoryText.text(ss)));
      }
      advertAndVersion(m, where, p, s, ci, cs);
      authentication(m, where, name, ci, cs);
      transport(m, where, p, s, ci, cs, iface, interfaces);
      if (nopreempt) {
        if (ci.has("nopreempt") != cs.has("nopreempt")) {
          note(where + ".nopreempt", "only one node says nopreempt; the inventory says it for both");
        }
        m.put("nopreempt", InventoryText.flag(true));
      }
      int delay = Math.max(ConfReadings.integer(ci, "preempt_delay", 0), ConfReadings.integer(cs, "preempt_delay", 0));
      if (delay > 0 && !nopreempt) {
        m.put("preempt_delay", InventoryText.number(delay));
      }
      Mapping garp = InventoryText.map();
      for (String k : List.of("master_delay", "master_repeat", "master_refresh")) {
        ci.value("garp_" + k).ifPresent(v -> garp.put(k, InventoryText.number(Long.parseLong(v))));
      }
      if (!garp.isEmpty()) {
        m.put("garp", garp);
      }
      trackInterfaces(m, ci);
      List<ConfNode> trackedNodes = ci.child("track_script").map(ConfNode::children).orElse(List.of());
      for (ConfNode t : trackedNodes) {
        if (!t.args().isEmpty()) {
          note(where + ".track_scripts", "`" + t.text() + "`: the inventory tracks a script with the weight of its"
              + " vrrp_script block; put the weight there (track_scripts." + t.keyword() + ".weight)");
        }
      }
      List<String> tracked = trackedNodes.stream().map(ConfNode::keyword).filter(x -> !platformScripts.contains(x))
          .toList();
      if (!tracked.isEmpty()) {
        Sequence t = InventoryText.list();
        tracked.forEach(x -> t.add(InventoryText.text(x)));
        m.put("track_scripts", t);
      }
      routes(m, where, ci);
      for (ConfNode c : List.of(ci, cs)) {
        for (String k : List.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify")) {
          c.child(k).ifPresent(x -> notify.add(x.args().isEmpty() ? "" : x.args().get(0)));
        }
      }
      return m;
    }

    private void advertAndVersion(Mapping m, String where, NodeFiles p, NodeFiles s, ConfNode ci, ConfNode cs) {
      String ap = ci.value("advert_int").orElse("1");
      String as = cs.value("advert_int").orElse("1");
      if (new BigDecimal(ap).compareTo(new BigDecimal(as)) != 0) {
        note(where + ".advert_int", "advert_int differs (" + ap + " and " + as + "), which validate refuses; "
            + p.name + "'s is written");
      }
      m.put("advert_int", InventoryText.decimal(new BigDecimal(ap).stripTrailingZeros().toPlainString()));
      int vp = ConfReadings.version(p, ci);
      int vs = ConfReadings.version(s, cs);
      if (vp != vs) {
        note(where + ".version", "the VRRP versions differ (" + vp + " and " + vs + "); " + p.name + "'s is written");
      }
      m.put("version", InventoryText.number(vp));
    }

    private void authentication(Mapping m, String where, String name, ConfNode ci, ConfNode cs) {
      Optional<ConfNode> auth = ci.child("authentication");
      if (auth.isEmpty()) {
        if (cs.has("authentication")) {
          note(where + ".authentication", "only one node authenticates its adverts; the inventory says none");
        }
        return;
      }
      String type = auth.get().value("auth_type").orElse("PASS").toUpperCase(Locale.ROOT);
      String pass = auth.get().value("auth_pass").orElse("");
      String other = cs.child("authentication").flatMap(x -> x.value("auth_pass")).orElse("");
      String variable = passwordVariable(pair, name);
      List<String> comments = new ArrayList<>();
      String what = "the auth_pass of instance " + name + " in keepalived.conf";
      if (pass.length() > 8) {
        what = "the first 8 characters of the auth_pass of instance " + name + " (keepalived uses only those)";
        comments.add("the password in the files is longer than 8 characters; keepalived uses only the first 8"
            + " (validate refuses longer: vrrp.auth-too-long), so set " + variable + " to those 8");
        note(where + ".authentication", comments.get(0));
      }
      if (!ConfReadings.truncated(pass).equals(ConfReadings.truncated(other))) {
        note(where + ".authentication", "the nodes' passwords differ (values not shown), so their adverts are"
            + " refused by each other today; set " + variable + " to the one both should use");
      }
      secrets.add(new SecretVariable(variable, what));
      m.put("authentication", InventoryText.map().put("type", InventoryText.text(type))
          .put("password", InventoryText.env(variable)), comments, "");
    }

    private void transport(Mapping m, String where, NodeFiles p, NodeFiles s, ConfNode ci, ConfNode cs, String iface,
        Map<String, Mapping> interfaces) {
      Optional<String> ownP = ConfReadings.own(p, iface, ci);
      Optional<String> ownS = ConfReadings.own(s, iface, cs);
      ownP.ifPresent(x -> ConfReadings.putOnce(interfaces.get(p.name), iface, x));
      ownS.ifPresent(x -> ConfReadings.putOnce(interfaces.get(s.name), iface, x));
      if (ownP.isEmpty() || ownS.isEmpty()) {
        note("nodes.interfaces." + iface, "no address of its own found on " + iface + " on "
            + (ownP.isEmpty() ? p.name : s.name) + "; write it under the node's interfaces");
      }
      List<String> peersP = ConfReadings.peers(ci);
      List<String> peersS = ConfReadings.peers(cs);
      if (peersP.isEmpty() && peersS.isEmpty()) {
        return; // multicast, the default
      }
      String srcP = ci.value("unicast_src_ip").orElse(ownP.map(ConfReadings::bareAddress).orElse(""));
      String srcS = cs.value("unicast_src_ip").orElse(ownS.map(ConfReadings::bareAddress).orElse(""));
      if (peersP.equals(List.of(srcS)) && peersS.equals(List.of(srcP))
          && ownP.map(ConfReadings::bareAddress).orElse("").equals(srcP) && ownS.map(ConfReadings::bareAddress).orElse("").equals(srcS)) {
        m.put("unicast", InventoryText.flag(true), "adverts straight to the peer's address, as today");
        return;
      }
      Sequence lp = InventoryText.list();
      peersP.forEach(x -> lp.add(InventoryText.text(x)));
      Sequence ls = InventoryText.list();
      peersS.forEach(x -> ls.add(InventoryText.text(x)));
      m.put("unicast", InventoryText.map()
          .put("source", InventoryText.map().put("primary", InventoryText.text(srcP))
              .put("secondary", InventoryText.text(srcS)))
          .put("peers", InventoryText.map().put("primary", lp).put("secondary", ls)));
    }

    private void trackInterfaces(Mapping m, ConfNode ci) {
      List<ConfNode> t = ci.child("track_interface").map(ConfNode::children).orElse(List.of());
      if (t.isEmpty()) {
        return;
      }
      Sequence seq = InventoryText.list();
      for (ConfNode x : t) {
        Map<String, String> opts = ConfReadings.pairs(x.args());
        if (opts.containsKey("weight")) {
          seq.add(InventoryText.map().put("interface", InventoryText.text(x.keyword()))
              .put("weight", InventoryText.number(Long.parseLong(opts.get("weight")))));
        } else {
          seq.add(InventoryText.text(x.keyword()));
        }
      }
      m.put("track_interfaces", seq);
    }

    private void routes(Mapping m, String where, ConfNode ci) {
      List<ConfNode> r = ci.child("virtual_routes").map(ConfNode::children).orElse(List.of());
      if (r.isEmpty()) {
        return;
      }
      Sequence seq = InventoryText.list();
      for (ConfNode x : r) {
        List<String> words = new ArrayList<>(x.args());
        String to = x.keyword();
        if (to.equals("to") && !words.isEmpty()) {
          to = words.remove(0);
        } else if (to.equals("default")) {
          to = "0.0.0.0/0";
        }
        Map<String, String> opts = ConfReadings.pairs(words);
        Mapping rm = InventoryText.map().put("to", InventoryText.text(to));
        for (String k : List.of("via", "dev", "src")) {
          String v = opts.remove(k);
          if (v != null) {
            rm.put(k, InventoryText.text(v));
          }
        }
        opts.forEach((k, v) -> note(where + ".virtual_routes", "route " + x.text() + ": `" + k + " " + v
            + "` has no inventory key; left out"));
        seq.add(rm);
      }
      m.put("virtual_routes", seq);
    }

    private Sequence scripts(NodeFiles p, NodeFiles s) {
      Sequence out = InventoryText.list();
      Map<String, ConfNode> sp = ConfReadings.blocks(p, "vrrp_script");
      Map<String, ConfNode> ss = ConfReadings.blocks(s, "vrrp_script");
      for (Map.Entry<String, ConfNode> e : sp.entrySet()) {
        if (platformScripts.contains(e.getKey())) {
          continue;
        }
        ConfNode c = e.getValue();
        String where = "vrrp.track_scripts." + e.getKey();
        ConfNode other = ss.get(e.getKey());
        if (other == null) {
          note(where, "script " + e.getKey() + " is defined on " + p.name + " only; the inventory runs it on both");
        } else if (!c.value("script").equals(other.value("script"))) {
          note(where, "the script's command differs between the nodes; " + p.name + "'s is written");
        }
        Mapping m = InventoryText.map().put("name", InventoryText.text(e.getKey()))
            .put("script", InventoryText.text(c.value("script").orElse("")));
        for (String k : List.of("interval", "timeout", "weight", "fall", "rise")) {
          c.value(k).ifPresent(v -> m.put(k, v.matches("-?[0-9]+") ? InventoryText.number(Long.parseLong(v))
              : InventoryText.decimal(v)));
        }
        for (ConfNode k : c.children()) {
          if (!SCRIPT_KEYS.contains(k.keyword())) {
            note(where, "`" + k.text() + "` has no inventory key; left out");
          }
        }
        out.add(m);
      }
      return out;
    }

    private Optional<Mapping> syncGroup(NodeFiles p, NodeFiles s, List<String> names) {
      Map<String, ConfNode> gp = ConfReadings.blocks(p, "vrrp_sync_group");
      if (gp.isEmpty()) {
        return Optional.empty();
      }
      if (gp.size() > 1) {
        note("vrrp.sync_group", p.file + " on " + p.name + " has " + gp.size() + " sync groups; the inventory has"
            + " one per pair: the first is written");
      }
      Map.Entry<String, ConfNode> first = gp.entrySet().iterator().next();
      ConfNode g = first.getValue();
      Mapping m = InventoryText.map().put("name", InventoryText.text(first.getKey()));
      Sequence members = InventoryText.list();
      g.child("group").map(ConfNode::children).orElse(List.of()).stream().map(ConfNode::keyword)
          .filter(names::contains).forEach(x -> members.add(InventoryText.text(x)));
      m.put("instances", members);
      List<String> tracked = g.child("track_script").map(ConfNode::children).orElse(List.of()).stream()
          .map(ConfNode::keyword).toList();
      if (!tracked.isEmpty()) {
        Sequence t = InventoryText.list();
        tracked.forEach(x -> t.add(InventoryText.text(x)));
        m.put("track_scripts", t);
      }
      for (NodeFiles n : List.of(p, s)) {
        for (ConfNode grp : ConfReadings.blocks(n, "vrrp_sync_group").values()) {
          for (String k : List.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify")) {
            grp.child(k).ifPresent(x -> notify.add(x.args().isEmpty() ? "" : x.args().get(0)));
          }
        }
      }
      if (!ConfReadings.blocks(s, "vrrp_sync_group").containsKey(first.getKey())) {
        note("vrrp.sync_group", "sync group " + first.getKey() + " is on " + p.name + " only; the inventory puts it"
            + " on both");
      }
      return Optional.of(m);
    }

    private void globals(NodeFiles n) {
      for (ConfNode g : n.conf) {
        if (g.keyword().equals("global_defs")) {
          for (ConfNode k : g.children()) {
            if (!GLOBAL_KEYS.contains(k.keyword())) {
              note("global_defs", n.file + " on " + n.name + " line " + k.line() + ": `" + k.text()
                  + "` has no inventory key; ha-provision's keepalived.conf will not have it");
            }
          }
          g.value("router_id").filter(r -> !r.equals(n.name)).ifPresent(r -> note("nodes." + n.name,
              "router_id " + r + " becomes " + n.name + " (ha-provision uses the node's name)"));
        } else if (g.keyword().equals("include")) {
          note("global_defs", n.file + " on " + n.name + " line " + g.line() + ": `" + g.text() + "` was not"
              + " followed: import reads one file; look at what it includes");
        } else if (!List.of("vrrp_instance", "vrrp_script", "vrrp_sync_group").contains(g.keyword())) {
          note("keepalived", n.file + " on " + n.name + " line " + g.line() + ": `" + g.keyword() + " "
              + String.join(" ", g.args()) + "` block has no inventory key; ha-provision's keepalived.conf will not"
              + " have it");
        }
      }
    }

    private boolean holdsVips(NodeFiles n, Map<String, ConfNode> instances, List<String> names) {
      for (String name : names) {
        for (ConfNode v : instances.get(name).child("virtual_ipaddress").map(ConfNode::children).orElse(List.of())) {
          String dev = ConfReadings.pairs(v.args()).getOrDefault("dev", instances.get(name).value("interface").orElse(""));
          if (n.addresses.hasAddress(dev, ConfReadings.bareAddress(v.keyword()))) {
            return true;
          }
        }
      }
      return false;
    }

    private void note(String where, String text) {
      notes.add(new Note(where, text));
    }
  }

}
