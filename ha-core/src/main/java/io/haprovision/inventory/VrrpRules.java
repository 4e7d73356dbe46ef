package io.haprovision.inventory;

import io.haprovision.yaml.YamlPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keepalived misconfigurations the provisioner refuses before touching a router
 * (see FACTS.md), checked on bound records so they hold for inventories built in code
 * too. Each rule has its own id; problems point at the key path the offending value
 * came from.
 */
public final class VrrpRules {
  /** keepalived's {@code auth_pass} uses only this many characters. */
  public static final int MAX_AUTH_PASS = 8;
  private static final BigDecimal V3_MIN = new BigDecimal("0.01");
  private static final BigDecimal V3_MAX = new BigDecimal("40.95");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private VrrpRules() {}

  /** Every rule about one pair. */
  public static void checkPair(PairSpec pair, Problems problems) {
    Map<String, String> vipOwners = new HashMap<>();
    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      checkInstance(pair, instance, problems, vipOwners);
    }
    pair.vrrp().syncGroup().ifPresent(g -> {
      if (g.instances().size() < 2) {
        String path = YamlPath.child(g.path(), "instances");
        problems.add(path, "vrrp.sync-group-single",
            "sync group " + g.name() + " has " + g.instances().size()
                + " instance(s); keepalived -t fails on a sync group with fewer than two",
            "remove `sync_group`, or give the pair a second instance to sync with");
      }
    });
  }

  /**
   * {@code vrrp.vrid-reuse}: a VRID used twice on one segment, within a pair or across
   * pairs. The segment is the instance's {@code segment}, or else the networks of both
   * nodes' addresses on its interface.
   */
  public static void checkVridReuse(List<PairSpec> pairs, Problems problems) {
    Map<String, VrrpInstanceSpec> seen = new HashMap<>();
    Map<VrrpInstanceSpec, String> pairOf = new HashMap<>();
    for (PairSpec pair : pairs) {
      for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
        pairOf.put(instance, pair.name());
        for (String segment : segments(pair, instance)) {
          VrrpInstanceSpec first = seen.putIfAbsent(segment + "#" + instance.virtualRouterId(), instance);
          if (first != null && first != instance) {
            problems.add(YamlPath.child(instance.path(), "virtual_router_id"), "vrrp.vrid-reuse",
                "virtual_router_id " + instance.virtualRouterId() + " is already used on segment " + segment
                    + " by instance " + first.name() + " of pair " + pairOf.get(first) + " ("
                    + problems.describe(YamlPath.child(first.path(), "virtual_router_id")) + ")",
                "give each instance on a segment its own virtual_router_id (1..255)");
            break;
          }
        }
      }
    }
  }

  private static Set<String> segments(PairSpec pair, VrrpInstanceSpec instance) {
    Set<String> out = new LinkedHashSet<>();
    Optional<String> primaryNetwork = pair.primary().address(instance.interfaceName()).map(InterfaceAddress::network);
    if (primaryNetwork.isPresent() && primaryNetwork.get().equals(instance.segment())) {
      out.add(primaryNetwork.get());
      pair.secondary().address(instance.interfaceName()).map(InterfaceAddress::network).ifPresent(out::add);
    } else {
      out.add(instance.segment());
    }
    return out;
  }

  private static void checkInstance(PairSpec pair, VrrpInstanceSpec i, Problems problems, Map<String, String> vipOwners) {
    String path = i.path();
    if (i.virtualRouterId() < 1 || i.virtualRouterId() > 255) {
      problems.add(YamlPath.child(path, "virtual_router_id"), "vrrp.vrid-range",
          "virtual_router_id " + i.virtualRouterId() + " is outside 1..255", "use a number from 1 to 255");
    }
    InstanceNodeSettings p = i.nodes().primary();
    InstanceNodeSettings s = i.nodes().secondary();

    if (!p.version().value().equals(s.version().value())) {
      problems.add(mostSpecific(p.version(), s.version(), problems), "vrrp.version-mismatch",
          "the nodes would run different VRRP versions: primary " + p.version().value() + " from "
              + problems.describe(p.version().path()) + ", secondary " + s.version().value() + " from "
              + problems.describe(s.version().path()),
          "use the same `version` on both nodes (set it on the instance to override the defaults)");
    }
    if (p.advertInt().value().compareTo(s.advertInt().value()) != 0) {
      problems.add(mostSpecific(p.advertInt(), s.advertInt(), problems), "vrrp.advert-int-mismatch",
          "the nodes would advertise at different intervals: primary " + p.advertInt().value().toPlainString()
              + " s from " + problems.describe(p.advertInt().path()) + ", secondary "
              + s.advertInt().value().toPlainString() + " s from " + problems.describe(s.advertInt().path())
              + " (VRRPv2 drops adverts whose interval differs)",
          "use the same `advert_int` on both nodes (set it on the instance to override the defaults)");
    }
    for (NodeRole role : NodeRole.values()) {
      checkAdvertInt(i.nodes().of(role), problems);
      checkAuth(i.nodes().of(role), problems);
    }
    checkAuthMismatch(p, s, problems);
    if (i.transport() instanceof Unicast u) {
      checkUnicast(pair, i, u, problems);
    }
    checkVips(pair, i, problems, vipOwners);
    for (NodeRole role : NodeRole.values()) {
      if (i.nopreempt() && i.nodes().of(role).state() == VrrpState.MASTER) {
        problems.add(YamlPath.child(YamlPath.child(path, "state"), role.yamlName()), "vrrp.nopreempt-master",
            "`nopreempt` works only with `state: BACKUP`, but the " + role.yamlName() + " starts as MASTER",
            "set the state of both nodes to BACKUP (the default with nopreempt), or drop nopreempt");
      }
    }
    checkPreemptDelay(pair, i, problems);
    checkTracking(pair, i, problems);
    if (p.priority() == s.priority()) {
      problems.add(YamlPath.child(path, "priority"), "vrrp.equal-priority",
          "both nodes have priority " + p.priority() + "; the election would fall to the higher IP address",
          "give the primary a higher priority than the secondary (default 150 and 100)");
    }
  }

  /**
   * {@code vrrp.preempt-delay-master} and {@code vrrp.nopreempt-preempt-delay}: keepalived
   * 2.2 ({@code -t}) refuses a preempt_delay on a node that starts as MASTER, and together
   * with nopreempt.
   */
  private static void checkPreemptDelay(PairSpec pair, VrrpInstanceSpec i, Problems problems) {
    if (i.preemptDelay() <= 0) {
      return;
    }
    String delayPath = preemptDelayPath(pair, i, problems);
    String delay = "preempt_delay " + i.preemptDelay() + " (from " + problems.describe(delayPath) + ")";
    List<String> masters = new ArrayList<>();
    for (NodeRole role : NodeRole.values()) {
      if (i.nodes().of(role).state() == VrrpState.MASTER) {
        String statePath = YamlPath.child(YamlPath.child(i.path(), "state"), role.yamlName());
        boolean written = problems.document().find(statePath).isPresent();
        masters.add("the " + role.yamlName() + " (" + pair.node(role).name() + ") starts as MASTER ("
            + (written ? "from " + problems.describe(statePath) : "the default for the " + role.yamlName()) + ")");
      }
    }
    if (!masters.isEmpty()) {
      problems.add(delayPath, "vrrp.preempt-delay-master",
          "instance " + i.name() + " has " + delay + ", but " + String.join(" and ", masters)
              + "; keepalived -t refuses preempt_delay on a node whose state is MASTER",
          "set `state: {primary: BACKUP, secondary: BACKUP}` on the instance and let priority decide"
              + " (the higher priority still becomes master, after the delay), or drop preempt_delay");
    }
    if (i.nopreempt()) {
      problems.add(YamlPath.child(i.path(), "nopreempt"), "vrrp.nopreempt-preempt-delay",
          "instance " + i.name() + " has `nopreempt` together with " + delay
              + "; keepalived -t refuses the two together (nopreempt never takes the master role back,"
              + " preempt_delay only delays taking it back)",
          "drop one of them: `preempt_delay: 0` on the instance overrides an inherited delay");
    }
  }

  /** Where the instance's preempt_delay was written: the instance, the pair's defaults, or the top defaults. */
  private static String preemptDelayPath(PairSpec pair, VrrpInstanceSpec i, Problems problems) {
    String own = YamlPath.child(i.path(), "preempt_delay");
    String pairDefault = YamlPath.child(YamlPath.child(YamlPath.child(pair.path(), "defaults"), "vrrp"), "preempt_delay");
    for (String candidate : List.of(own, pairDefault, "defaults.vrrp.preempt_delay")) {
      if (problems.document().find(candidate).isPresent()) {
        return candidate;
      }
    }
    return own; // records built in code
  }

  /**
   * {@code vrrp.track-interface-duplicate}, {@code vrrp.track-own-interface} and
   * {@code vrrp.sync-group-weighted-track}: keepalived
   * 2.2 ({@code -t}) refuses an instance tracking the interface it runs on, and weights on
   * what an instance of a sync group tracks (the group's own track scripts may be weighted).
   */
  private static void checkTracking(PairSpec pair, VrrpInstanceSpec i, Problems problems) {
    String tracked = YamlPath.child(i.path(), "track_interfaces");
    Set<String> seenTracked = new HashSet<>();
    for (int k = 0; k < i.trackInterfaces().size(); k++) {
      TrackInterfaceSpec t = i.trackInterfaces().get(k);
      if (!seenTracked.add(t.interfaceName())) {
        problems.add(YamlPath.index(tracked, k), "vrrp.track-interface-duplicate",
            "instance " + i.name() + " tracks interface " + t.interfaceName() + " twice",
            "list each interface once in track_interfaces");
      }
      if (t.interfaceName().equals(i.interfaceName())) {
        problems.add(YamlPath.index(tracked, k), "vrrp.track-own-interface",
            "instance " + i.name() + " tracks its own interface " + i.interfaceName()
                + "; keepalived -t refuses that",
            "remove " + i.interfaceName() + " from track_interfaces: keepalived already watches the interface an"
                + " instance runs on (the instance goes to FAULT when it goes down)");
      }
    }
    Optional<SyncGroupSpec> group = pair.vrrp().syncGroup().filter(g -> g.instances().contains(i.name()));
    if (group.isEmpty()) {
      return;
    }
    String groupName = group.get().name();
    for (int k = 0; k < i.trackInterfaces().size(); k++) {
      TrackInterfaceSpec t = i.trackInterfaces().get(k);
      if (t.weight().isPresent() && t.weight().get() != 0) {
        problems.add(YamlPath.child(YamlPath.index(tracked, k), "weight"), "vrrp.sync-group-weighted-track",
            "instance " + i.name() + " is in sync group " + groupName + " but tracks interface "
                + t.interfaceName() + " with weight " + t.weight().get()
                + "; keepalived -t refuses weights on what an instance of a sync group tracks",
            "drop the weight (the interface going down then faults the whole group), or take the instance out"
                + " of the sync group; a weighted script tracked by the sync group itself"
                + " (`sync_group.track_scripts`) is fine");
      }
    }
    String scriptsPath = YamlPath.child(i.path(), "track_scripts");
    for (int k = 0; k < i.trackScripts().size(); k++) {
      String name = i.trackScripts().get(k);
      Optional<TrackScriptSpec> script = pair.vrrp().trackScript(name);
      if (script.isPresent() && script.get().weight() != 0) {
        problems.add(YamlPath.index(scriptsPath, k), "vrrp.sync-group-weighted-track",
            "instance " + i.name() + " is in sync group " + groupName + " but tracks script " + name
                + " with weight " + script.get().weight() + " ("
                + problems.describe(YamlPath.child(script.get().path(), "weight")) + "); keepalived -t refuses weights on what an instance of a sync group tracks",
            "track " + name + " from the sync group instead (`sync_group.track_scripts`: a weighted script tracked by"
                + " the sync group itself is fine), or give the instance a script without weight");
      }
    }
  }

  private static void checkAdvertInt(InstanceNodeSettings n, Problems problems) {
    BigDecimal v = n.advertInt().value();
    int version = n.version().value();
    if (version == 2) {
      boolean whole = v.stripTrailingZeros().scale() <= 0;
      if (!whole || v.compareTo(BigDecimal.ONE) < 0 || v.compareTo(BigDecimal.valueOf(255)) > 0) {
        problems.add(n.advertInt().path(), "vrrp.advert-int-range",
            "advert_int " + v.toPlainString() + " is not valid for VRRPv2 (whole seconds 1..255)",
            "use a whole number of seconds from 1 to 255, or `version: 3` for sub-second adverts");
      }
    } else {
      boolean steps = v.multiply(HUNDRED).stripTrailingZeros().scale() <= 0;
      if (!steps || v.compareTo(V3_MIN) < 0 || v.compareTo(V3_MAX) > 0) {
        problems.add(n.advertInt().path(), "vrrp.advert-int-range",
            "advert_int " + v.toPlainString() + " is not valid for VRRPv3 (0.01..40.95 in steps of 0.01)",
            "use a value from 0.01 to 40.95 with at most two decimals");
      }
    }
  }

  private static void checkAuth(InstanceNodeSettings n, Problems problems) {
    Optional<VrrpAuth> auth = n.auth().value();
    if (auth.isEmpty()) {
      return;
    }
    if (n.version().value() == 3) {
      problems.add(n.auth().path(), "vrrp.auth-with-v3",
          "VRRPv3 has no authentication, but this instance runs version 3 (from "
              + problems.describe(n.version().path()) + ") with `authentication`",
          "drop `authentication` (write `authentication: none` on the instance to override defaults), or use version 2");
    }
    if (auth.get().password().reveal().length() > MAX_AUTH_PASS) {
      // Never print the password or its length: only that it is too long.
      problems.add(YamlPath.child(n.auth().path(), "password"), "vrrp.auth-too-long",
          "the VRRP password (" + auth.get().password().origin() + ") is longer than " + MAX_AUTH_PASS
              + " characters; keepalived uses only the first " + MAX_AUTH_PASS,
          "use a password of at most " + MAX_AUTH_PASS + " characters");
    }
  }

  private static void checkAuthMismatch(InstanceNodeSettings p, InstanceNodeSettings s, Problems problems) {
    Optional<VrrpAuth> a = p.auth().value();
    Optional<VrrpAuth> b = s.auth().value();
    String what;
    if (a.isPresent() != b.isPresent()) {
      what = "primary uses " + describe(a) + " from " + problems.describe(p.auth().path()) + ", secondary uses "
          + describe(b) + " from " + problems.describe(s.auth().path());
    } else if (a.isPresent() && a.get().type() != b.get().type()) {
      what = "primary uses " + describe(a) + " from " + problems.describe(p.auth().path()) + ", secondary uses "
          + describe(b) + " from " + problems.describe(s.auth().path());
    } else if (a.isPresent() && !a.get().password().equals(b.get().password())) {
      what = "the passwords differ (primary's from " + a.get().password().origin() + " at "
          + problems.describe(p.auth().path()) + ", secondary's from " + b.get().password().origin() + " at "
          + problems.describe(s.auth().path()) + ")";
    } else {
      return;
    }
    problems.add(mostSpecific(p.auth(), s.auth(), problems), "vrrp.auth-mismatch",
        "the nodes' VRRP authentication differs: " + what + "; each would drop the other's adverts",
        "use the same authentication on both nodes (set it on the instance to override the defaults)");
  }

  private static String describe(Optional<VrrpAuth> auth) {
    return auth.map(a -> a.type() + " authentication").orElse("no authentication");
  }

  private static void checkUnicast(PairSpec pair, VrrpInstanceSpec i, Unicast u, Problems problems) {
    String peersPath = YamlPath.child(YamlPath.child(i.path(), "unicast"), "peers");
    for (NodeRole role : NodeRole.values()) {
      NodeSpec node = pair.node(role);
      List<String> peers = u.peers().of(role);
      String path = YamlPath.child(peersPath, role.yamlName());
      if (peers.isEmpty()) {
        problems.add(path, "vrrp.unicast-empty",
            "the " + role.yamlName() + " (" + node.name() + ") has no unicast peer; it would advertise to nobody",
            "list the other node's address, or write `unicast: true` to derive it from `interfaces`");
        continue;
      }
      Set<String> own = new LinkedHashSet<>();
      own.add(u.source().of(role));
      node.interfaces().values().forEach(a -> own.add(a.address()));
      for (String peer : peers) {
        if (own.contains(peer)) {
          problems.add(path, "vrrp.unicast-self",
              "the " + role.yamlName() + " (" + node.name() + ") lists its own address " + peer + " as a unicast peer",
              "list the other node's address (" + u.source().of(role.other()) + ")");
        }
      }
      String otherSource = u.source().of(role.other());
      if (!peers.contains(otherSource)) {
        problems.add(path, "vrrp.unicast-not-mirrored",
            "the " + role.yamlName() + " (" + node.name() + ") sends to " + String.join(", ", peers)
                + " but the " + role.other().yamlName() + " sends from " + otherSource
                + "; the peer lists must mirror each other",
            "list " + otherSource + " among the " + role.yamlName() + "'s peers");
      }
    }
  }

  private static void checkVips(PairSpec pair, VrrpInstanceSpec i, Problems problems, Map<String, String> vipOwners) {
    for (VipSpec vip : i.vips()) {
      String first = vipOwners.putIfAbsent(vip.address(), vip.path());
      if (first != null) {
        problems.add(vip.path(), "vrrp.vip-duplicate",
            "VIP " + vip.address() + " is already listed at " + problems.describe(first),
            "list each virtual address once per pair");
      }
      List<String> owners = new ArrayList<>();
      for (NodeSpec node : pair.nodes()) {
        boolean owns = node.interfaces().values().stream().anyMatch(a -> a.address().equals(vip.address()))
            || node.host().equals(vip.address());
        if (owns) {
          owners.add(node.name());
        }
      }
      if (!owners.isEmpty()) {
        problems.add(vip.path(), "vrrp.vip-is-node-address",
            "VIP " + vip.address() + " is the own address of " + String.join(" and ", owners)
                + "; a VIP must be an address no node has",
            "use a free address of the subnet as the VIP");
        continue;
      }
      String device = vip.device().orElse(i.interfaceName());
      List<String> outside = new ArrayList<>();
      for (NodeSpec node : pair.nodes()) {
        Optional<InterfaceAddress> a = node.address(device);
        if (a.isEmpty()) {
          problems.add(YamlPath.child(vip.path(), "device"), "vrrp.interface-missing",
              "node " + node.name() + " has no address for interface `" + device + "` under `interfaces`",
              "add `" + device + ": ADDRESS/PREFIX` to " + node.path() + ".interfaces");
        } else if (!a.get().contains(vip.address())) {
          outside.add(node.name() + "'s " + device + " (" + a.get().cidr() + ")");
        }
      }
      if (!outside.isEmpty()) {
        problems.add(vip.path(), "vrrp.vip-outside-subnet",
            "VIP " + vip.cidr() + " is outside the subnet of " + String.join(" and ", outside)
                + "; it would not be reachable on the segment",
            "use an address of the interface's subnet, or name the right interface with `device`");
      }
    }
  }

  /**
   * Where to point a mismatch: the origin written in the file, the more specific one
   * (longer key path) when both are, the secondary's on a tie.
   */
  private static String mostSpecific(Sourced<?> primary, Sourced<?> secondary, Problems problems) {
    boolean p = problems.document().find(primary.path()).isPresent();
    boolean s = problems.document().find(secondary.path()).isPresent();
    if (p != s) {
      return p ? primary.path() : secondary.path();
    }
    return primary.path().length() > secondary.path().length() ? primary.path() : secondary.path();
  }
}
