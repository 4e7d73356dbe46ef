package io.haprovision.mikrotik.device;

import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.mikrotik.MikrotikSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a MikroTik pair from its routers' VRRP interfaces and ethernet ports: the health
 * gate after a change, and the checks of {@code verify}. Pure.
 */
public final class PairHealth {
  private PairHealth() {}

  /** The router that is master of the heartbeat, when exactly one is. */
  public static Optional<String> active(MikrotikSection section, Map<String, RouterFacts> routers) {
    List<String> masters = routers.entrySet().stream()
        .filter(e -> e.getValue().vrrp(section.heartbeat().name()).map(PrintedEntry::master).orElse(false))
        .map(Map.Entry::getKey).toList();
    return masters.size() == 1 ? Optional.of(masters.get(0)) : Optional.empty();
  }

  /**
   * The routers drained on purpose ({@code provision action drain}): their heartbeat is
   * disabled, so they cannot become active; it stays so across reboots (the startup guard
   * leaves a disabled heartbeat disabled) and no plan enables it (role state is not planned).
   */
  public static List<String> drained(MikrotikSection section, Map<String, RouterFacts> routers) {
    return routers.entrySet().stream()
        .filter(e -> e.getValue().vrrp(section.heartbeat().name()).map(PrintedEntry::disabled).orElse(false))
        .map(Map.Entry::getKey).toList();
  }

  /**
   * What is wrong with the heartbeat: missing, invalid or without a role on a router, or not
   * one master. A disabled heartbeat is a drained router, not a problem, as long as the other
   * router is master.
   */
  public static List<String> heartbeat(MikrotikSection section, Map<String, RouterFacts> routers, List<String> required) {
    String hb = section.heartbeat().name();
    List<String> problems = new ArrayList<>();
    List<String> masters = new ArrayList<>();
    for (Map.Entry<String, RouterFacts> e : routers.entrySet()) {
      Optional<PrintedEntry> v = e.getValue().vrrp(hb);
      if (v.isEmpty()) {
        if (required.contains(e.getKey())) {
          problems.add(e.getKey() + " has no VRRP interface " + hb);
        }
        continue;
      }
      if (v.get().disabled()) {
        continue;
      } else if (v.get().flags().contains('I')) {
        problems.add(hb + " is invalid on " + e.getKey() + " (its interface is missing or down)");
      } else if (!v.get().master() && !v.get().backup()) {
        problems.add(hb + " is neither master nor backup on " + e.getKey());
      }
      if (v.get().master()) {
        masters.add(e.getKey());
      }
    }
    if (masters.isEmpty()) {
      List<String> drained = drained(section, routers);
      problems.add("no router is master of " + hb + (drained.isEmpty() ? ""
          : " (" + String.join(" and ", drained) + (drained.size() == 1 ? " is" : " are") + " drained: "
              + hb + " disabled)"));
    } else if (masters.size() > 1) {
      problems.add("both " + String.join(" and ", masters) + " are master of " + hb + " (split brain)");
    }
    return problems;
  }

  /** With preemption, the router whose heartbeat priority is higher must be master. */
  public static List<String> preferredIsMaster(MikrotikSection section, Map<String, RouterFacts> routers) {
    String hb = section.heartbeat().name();
    List<String> names = new ArrayList<>(routers.keySet());
    if (names.size() != 2) {
      return List.of();
    }
    Optional<PrintedEntry> a = routers.get(names.get(0)).vrrp(hb);
    Optional<PrintedEntry> b = routers.get(names.get(1)).vrrp(hb);
    if (a.isEmpty() || b.isEmpty() || a.get().disabled() || b.get().disabled()
        || !"yes".equals(a.get().get("preemption-mode")) && !"yes".equals(b.get().get("preemption-mode"))) {
      return List.of();
    }
    int pa = priority(a.get());
    int pb = priority(b.get());
    if (pa == pb) {
      return List.of();
    }
    String higher = pa > pb ? names.get(0) : names.get(1);
    PrintedEntry h = pa > pb ? a.get() : b.get();
    return h.master() ? List.of() : List.of(higher + " has the higher " + hb + " priority (" + Math.max(pa, pb)
        + " over " + Math.min(pa, pb) + ") and preempts, but is not master yet");
  }

  /** Every service VRRP instance: master on the active router only. */
  public static List<String> services(PairSpec pair, Map<String, RouterFacts> routers, Optional<String> active) {
    List<String> problems = new ArrayList<>();
    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      List<String> masters = new ArrayList<>();
      boolean anywhere = false;
      for (Map.Entry<String, RouterFacts> e : routers.entrySet()) {
        Optional<PrintedEntry> v = e.getValue().vrrp(instance.name());
        anywhere |= v.isPresent();
        if (v.map(PrintedEntry::master).orElse(false)) {
          masters.add(e.getKey());
        }
      }
      if (!anywhere) {
        continue;
      }
      if (masters.size() != 1) {
        problems.add("VRRP interface " + instance.name() + " is master on " + (masters.isEmpty() ? "no router"
            : String.join(" and ", masters)));
      } else if (active.isPresent() && !masters.get(0).equals(active.get())) {
        problems.add("VRRP interface " + instance.name() + " is master on " + masters.get(0) + " but the heartbeat's"
            + " master is " + active.get());
      }
    }
    return problems;
  }

  /**
   * The standby's traffic ports: every ethernet port but the HA port and ports commented
   * {@code HA_RESCUE} must be disabled on the router that is not active.
   */
  public static List<String> standbyPorts(MikrotikSection section, String standby, RouterFacts facts) {
    List<String> enabled = new ArrayList<>();
    for (PrintedEntry port : facts.ethernet()) {
      String name = port.get("name");
      if (name.equals(section.haLink().interfaceName()) || port.get("comment").equals(MikrotikSection.RESCUE_COMMENT)) {
        continue;
      }
      if (!port.disabled()) {
        enabled.add(name);
      }
    }
    return enabled.isEmpty() ? List.of() : List.of("the standby " + standby + " has traffic ports enabled: "
        + String.join(", ", enabled));
  }

  /** Everything the health gate requires after {@code touched} was changed. */
  public static List<String> gate(PairSpec pair, MikrotikSection section, Map<String, RouterFacts> routers,
      String touched) {
    List<String> problems = new ArrayList<>(heartbeat(section, routers, List.of(touched)));
    problems.addAll(preferredIsMaster(section, routers));
    Optional<String> active = active(section, routers);
    problems.addAll(services(pair, routers, active));
    if (active.isPresent()) {
      for (Map.Entry<String, RouterFacts> e : routers.entrySet()) {
        boolean configured = e.getValue().vrrp(section.heartbeat().name()).isPresent();
        if (!e.getKey().equals(active.get()) && configured) {
          problems.addAll(standbyPorts(section, e.getKey(), e.getValue()));
        }
      }
    }
    return problems;
  }

  private static int priority(PrintedEntry e) {
    try {
      return Integer.parseInt(e.get("priority"));
    } catch (NumberFormatException ex) {
      return 100;
    }
  }
}
