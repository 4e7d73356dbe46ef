package io.haprovision.mikrotik.adopt;

import io.haprovision.adopt.InventoryText;
import io.haprovision.adopt.InventoryText.Mapping;
import io.haprovision.adopt.InventoryText.Sequence;
import io.haprovision.adopt.KeepalivedAdoption;
import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.adopt.KeepalivedAdoption.SecretVariable;
import io.haprovision.mikrotik.HaMikrotik;
import io.haprovision.mikrotik.adopt.MikrotikImporter.RouterReading;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.mikrotik.routeros.RouterOsValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service VRRP interfaces of an adopted RouterOS pair (every {@code /interface vrrp} but the
 * heartbeat) as the inventory's {@code vrrp.instances}: interface, VRID, each router's priority,
 * interval, version, preemption, authentication (the password as an environment variable), and
 * the VIPs (the addresses on the VRRP interface). Each router's own address on the instance's
 * interface goes to its {@code interfaces}.
 */
final class ServiceVrrps {
  private static final String MENU = "/interface vrrp";

  private ServiceVrrps() {}

  /**
   * The {@code vrrp:} section, or empty when the routers have no service VRRP.
   *
   * @param interfaces each node's {@code interfaces:}, filled here
   * @param notes receives what could not be expressed and the choices made
   * @param secrets receives the variables the inventory refers to
   */
  static Optional<Mapping> adopt(String pair, RouterReading a, RouterReading b, String heartbeat,
      Map<String, Mapping> interfaces, List<Note> notes, List<SecretVariable> secrets) {
    Map<String, Map<String, String>> onA = services(a, heartbeat);
    Map<String, Map<String, String>> onB = services(b, heartbeat);
    Sequence instances = InventoryText.list();
    for (Map.Entry<String, Map<String, String>> e : onA.entrySet()) {
      String name = e.getKey();
      String where = "vrrp.instances." + name;
      Map<String, String> va = e.getValue();
      Map<String, String> vb = onB.get(name);
      if (vb == null) {
        notes.add(new Note("vrrp.instances", "VRRP interface " + name + " is on " + a.node() + " only; it is left out:"
            + " add it to the inventory for both routers if it should follow the heartbeat"));
        continue;
      }
      Mapping m = InventoryText.map();
      m.put("name", InventoryText.text(name));
      String iface = va.get("interface");
      m.put("interface", InventoryText.text(iface));
      m.put("virtual_router_id", InventoryText.number(Long.parseLong(va.get("vrid"))));
      m.put("vips", vips(a, name, where, b, notes));
      int pa = Integer.parseInt(va.get("priority"));
      int pb = Integer.parseInt(vb.get("priority"));
      List<String> above = new ArrayList<>();
      if (pa == pb) {
        // A standby's ports are down, so only the active router's VRRP ever runs: the tie
        // breaks nothing today; the primary gets the higher one, which validate wants.
        int higher = Math.min(254, pa + 1);
        above.add("both routers have priority " + pa + " (the standby's copy of the active's configuration),"
            + " which validate refuses (vrrp.equal-priority): the primary gets " + higher
            + "; only the active router's VRRP runs, so nothing changes today");
        notes.add(new Note(where + ".priority", above.get(0)));
        pa = higher;
        if (pa == pb) {
          pb = pa - 1;
        }
      }
      m.put("priority", InventoryText.map().put("primary", InventoryText.number(pa))
          .put("secondary", InventoryText.number(pb)), above, "");
      m.put("advert_int", InventoryText.decimal(RouterOsValues.seconds(va.get("interval"), BigDecimal.ONE)
          .toPlainString()));
      m.put("version", InventoryText.number(Long.parseLong(va.get("version"))));
      if ("no".equals(va.get("preemption-mode"))) {
        m.put("nopreempt", InventoryText.flag(true));
      }
      for (String p : List.of("interface", "vrid", "interval", "version", "preemption-mode", "authentication")) {
        if (!RouterOsValues.same(va.get(p), vb.get(p))) {
          notes.add(new Note(where, p + " differs (" + a.node() + ": " + va.get(p) + ", " + b.node() + ": " + vb.get(p)
              + "); " + a.node() + "'s is written"));
        }
      }
      String auth = va.get("authentication");
      if (!"none".equals(auth)) {
        String variable = KeepalivedAdoption.passwordVariable(pair, name);
        secrets.add(new SecretVariable(variable, "the password of VRRP interface " + name
            + " (/interface vrrp print detail where name=" + name + ", with a user allowed to see secrets)"));
        m.put("authentication", InventoryText.map().put("type", InventoryText.text(auth.equals("ah") ? "AH" : "PASS"))
            .put("password", InventoryText.env(variable)));
      }
      String group = va.getOrDefault("group-authority", va.getOrDefault("group-master", ""));
      if (!group.isEmpty() && !group.equals("none") && !group.equals(heartbeat)) {
        notes.add(new Note(where, name + " is grouped under " + group + " (group-authority): ha-provision groups every"
            + " service VRRP under the heartbeat " + heartbeat + " instead, so they all follow the active router"));
      }
      for (String hook : List.of("on-master", "on-backup", "on-fail")) {
        if (!va.getOrDefault(hook, "").isEmpty()) {
          notes.add(new Note(where, hook + "=" + va.get(hook) + " on " + name + " is not expressed: ha-provision runs"
              + " hooks on the heartbeat only; apply leaves the property as it is"));
        }
      }
      own(a, iface, interfaces.get(a.node()), where, notes);
      own(b, iface, interfaces.get(b.node()), where, notes);
      instances.add(m);
    }
    for (String name : onB.keySet()) {
      if (!onA.containsKey(name)) {
        notes.add(new Note("vrrp.instances", "VRRP interface " + name + " is on " + b.node() + " only; it is left out"));
      }
    }
    return instances.isEmpty() ? Optional.empty() : Optional.of(InventoryText.map().put("instances", instances));
  }

  /** The VRRP interfaces but the heartbeat, by name, with defaults filled in. */
  private static Map<String, Map<String, String>> services(RouterReading r, String heartbeat) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (RouterOsExport.Entry e : r.config().of(MENU)) {
      String name = e.properties().getOrDefault("name", "");
      if (e.added() && !name.equals(heartbeat)) {
        out.put(name, RouterOsExport.withDefaults(MENU, e.properties(), r.dialect()));
      }
    }
    return out;
  }

  private static Sequence vips(RouterReading a, String vrrp, String where, RouterReading b, List<Note> notes) {
    Sequence out = InventoryText.list();
    List<String> onA = addresses(a, vrrp);
    if (!onA.equals(addresses(b, vrrp))) {
      notes.add(new Note(where + ".vips", "the VIPs on " + vrrp + " differ between the routers; " + a.node()
          + "'s are written"));
    }
    onA.forEach(x -> out.add(InventoryText.text(x)));
    if (onA.isEmpty()) {
      notes.add(new Note(where + ".vips", vrrp + " carries no address on " + a.node() + "; write its VIP here"));
    }
    return out;
  }

  private static List<String> addresses(RouterReading r, String iface) {
    return r.addressesOn(iface).stream().map(e -> e.properties().get("address")).toList();
  }

  private static void own(RouterReading r, String iface, Mapping into, String where, List<Note> notes) {
    List<String> own = r.addressesOn(iface).stream()
        .filter(e -> !HaMikrotik.AUTO_COMMENT.equals(e.properties().get("comment")))
        .map(e -> e.properties().get("address"))
        .toList();
    if (own.isEmpty()) {
      notes.add(new Note("nodes.interfaces." + iface, "no address of its own on " + iface + " on " + r.node()
          + "; write it under the node's interfaces"));
      return;
    }
    if (own.size() > 1) {
      notes.add(new Note("nodes.interfaces." + iface, r.node() + " has " + own.size() + " addresses on " + iface
          + "; the first, " + own.get(0) + ", is written"));
    }
    into.put(iface, InventoryText.text(own.get(0)));
  }
}
