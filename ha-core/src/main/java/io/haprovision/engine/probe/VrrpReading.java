package io.haprovision.engine.probe;

import io.haprovision.facts.VrrpRole;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.spi.VrrpExpectations.Instance;
import io.haprovision.spi.VrrpExpectations.Vip;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The VRRP role of one node, per instance and overall, decided from what was read on it.
 *
 * <p>The VIPs bound on the node are the truth (FACTS.md: the simplest cross-platform one):
 * all of an instance's VIPs bound means MASTER, none means BACKUP (or FAULT when keepalived's
 * state dump says so). keepalived's state dump, when readable, is the cross-check; where the
 * two disagree the reading records a conflict. Instances without VIPs (bonders) take the
 * dump's state. Without a running keepalived every instance is UNKNOWN (a VIP still bound
 * then is a conflict).
 *
 * @param node the node's name
 * @param running keepalived runs
 * @param instances one reading per expected instance, in expectation order
 * @param role the node's overall role: FAULT if any instance is, MASTER if any instance is
 *     (a node holding some VIPs is changed last), BACKUP if all are, else UNKNOWN
 */
public record VrrpReading(String node, boolean running, List<InstanceReading> instances, VrrpRole role) {
  /** Copies the list. */
  public VrrpReading {
    Objects.requireNonNull(node, "node");
    instances = List.copyOf(instances);
    Objects.requireNonNull(role, "role");
  }

  /**
   * One instance on one node.
   *
   * @param instance the instance name
   * @param role MASTER, BACKUP, FAULT or UNKNOWN on this node
   * @param vipsBound how many of its VIPs are bound here
   * @param vipsExpected how many VIPs it has
   * @param dumpState the state keepalived's dump gives, when readable and listed
   * @param basePriority the configured priority the dump gives, when readable
   * @param conflict what does not add up (VIP bound but the dump says BACKUP...), if anything
   */
  public record InstanceReading(
      String instance, VrrpRole role, int vipsBound, int vipsExpected, Optional<String> dumpState,
      Optional<Integer> basePriority, Optional<String> conflict) {
    /** One line for humans: {@code LAN MASTER (2/2 VIPs bound; keepalived says MASTER)}. */
    public String describe() {
      String vips = vipsExpected == 0 ? "no VIPs" : vipsBound + "/" + vipsExpected + " VIPs bound";
      return instance + " " + role + " (" + vips + dumpState.map(s -> "; keepalived says " + s).orElse("")
          + ")" + conflict.map(c -> ": " + c).orElse("");
    }
  }

  /** The reading of the instance named {@code name}, if expected. */
  public Optional<InstanceReading> instance(String name) {
    return instances.stream().filter(i -> i.instance().equals(name)).findFirst();
  }

  /** Every conflict found, one line each, prefixed with the instance. */
  public List<String> conflicts() {
    List<String> out = new ArrayList<>();
    for (InstanceReading i : instances) {
      i.conflict().ifPresent(c -> out.add(node + " " + i.instance() + ": " + c));
    }
    return out;
  }

  /** Reads the role of {@code node} against {@code expectations}. */
  public static VrrpReading read(String node, VrrpExpectations expectations, KeepalivedProcess keepalived,
      AddressTable addresses, Optional<StateDump> dump) {
    boolean running = keepalived.running();
    List<InstanceReading> readings = new ArrayList<>();
    for (Instance instance : expectations.instances()) {
      readings.add(readInstance(instance, running, addresses, running ? dump : Optional.empty()));
    }
    if (expectations.isEmpty() && running && dump.isPresent()) {
      // The platform expects nothing in particular: take keepalived's word for each instance.
      for (InstanceState s : dump.get().instances()) {
        readings.add(new InstanceReading(s.name(), roleOf(s.state()), 0, 0, Optional.of(s.state()),
            Optional.of(s.basePriority()), Optional.empty()));
      }
    }
    return new VrrpReading(node, running, readings, overall(readings));
  }

  private static InstanceReading readInstance(Instance instance, boolean running, AddressTable addresses,
      Optional<StateDump> dump) {
    Optional<InstanceState> dumped = dump.flatMap(d -> d.instance(instance.name()));
    // Judge the node by what its keepalived runs, when its dump says: an untouched MASTER of a
    // rollout that adds or removes a VIP still runs (and binds) the old list.
    List<Vip> vips = dumped.map(InstanceState::vips).filter(v -> !v.isEmpty())
        .map(v -> running(v, instance)).orElse(instance.vips());
    int bound = 0;
    for (Vip vip : vips) {
      if (addresses.hasAddress(vip.device(), vip.address())) {
        bound++;
      }
    }
    int expected = vips.size();
    Optional<String> dumpState = dumped.map(InstanceState::state);
    Optional<Integer> priority = dumped.map(InstanceState::basePriority);
    if (!running) {
      Optional<String> conflict = bound > 0
          ? Optional.of(bound + " of its VIPs are bound but keepalived is not running") : Optional.empty();
      return new InstanceReading(instance.name(), VrrpRole.UNKNOWN, bound, expected, Optional.empty(),
          Optional.empty(), conflict);
    }
    List<String> conflicts = new ArrayList<>();
    if (dump.isPresent() && dumped.isEmpty()) {
      conflicts.add("keepalived runs no instance " + instance.name() + " (an older configuration?)");
    }
    VrrpRole role;
    if (expected == 0) {
      role = dumpState.map(VrrpReading::roleOf).orElse(VrrpRole.UNKNOWN);
    } else if (bound == expected) {
      role = VrrpRole.MASTER;
      dumpState.filter(s -> !s.equals("MASTER"))
          .ifPresent(s -> conflicts.add("its VIPs are bound but keepalived says " + s));
    } else if (bound > 0) {
      role = VrrpRole.MASTER;
      conflicts.add("only " + bound + " of its " + expected + " VIPs are bound");
    } else {
      boolean fault = dumpState.filter(s -> s.equals("FAULT")).isPresent();
      role = fault ? VrrpRole.FAULT : VrrpRole.BACKUP;
      dumpState.filter(s -> s.equals("MASTER"))
          .ifPresent(s -> conflicts.add("keepalived says MASTER but none of its VIPs is bound"));
    }
    if (dumpState.filter(s -> s.equals("FAULT")).isPresent() && role == VrrpRole.MASTER) {
      role = VrrpRole.FAULT;
    }
    return new InstanceReading(instance.name(), role, bound, expected, dumpState, priority,
        conflicts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", conflicts)));
  }

  /**
   * The VIPs as keepalived's dump lists them ({@code 192.0.2.254/24 dev br-lan scope global set}),
   * each on the device it names, else on the instance's interface.
   */
  private static final java.util.regex.Pattern DUMPED_VIP =
      java.util.regex.Pattern.compile("([0-9A-Fa-f:.]+)(?:/([0-9]{1,3}))?");

  static List<Vip> running(List<String> dumped, Instance instance) {
    List<Vip> out = new ArrayList<>();
    for (String entry : dumped) {
      String[] words = entry.trim().split("\\s+");
      java.util.regex.Matcher m = DUMPED_VIP.matcher(words[0]);
      if (!m.matches()) {
        continue;
      }
      String address = m.group(1);
      int prefix = m.group(2) == null ? (address.contains(":") ? 128 : 32) : Integer.parseInt(m.group(2));
      String device = instance.interfaceName();
      for (int i = 1; i + 1 < words.length; i++) {
        if (words[i].equals("dev")) {
          device = words[i + 1];
        }
      }
      out.add(new Vip(address, prefix, device));
    }
    return out;
  }

  /** keepalived's state name as a role; INIT and anything unknown are UNKNOWN. */
  static VrrpRole roleOf(String state) {
    switch (state) {
      case "MASTER":
        return VrrpRole.MASTER;
      case "BACKUP":
        return VrrpRole.BACKUP;
      case "FAULT":
        return VrrpRole.FAULT;
      default:
        return VrrpRole.UNKNOWN;
    }
  }

  private static VrrpRole overall(List<InstanceReading> readings) {
    if (readings.isEmpty()) {
      return VrrpRole.UNKNOWN;
    }
    if (readings.stream().anyMatch(r -> r.role() == VrrpRole.FAULT)) {
      return VrrpRole.FAULT;
    }
    if (readings.stream().anyMatch(r -> r.role() == VrrpRole.MASTER)) {
      return VrrpRole.MASTER;
    }
    if (readings.stream().allMatch(r -> r.role() == VrrpRole.BACKUP)) {
      return VrrpRole.BACKUP;
    }
    return VrrpRole.UNKNOWN;
  }
}
