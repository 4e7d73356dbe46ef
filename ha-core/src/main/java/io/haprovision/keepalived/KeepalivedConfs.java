package io.haprovision.keepalived;

import io.haprovision.error.InternalException;
import io.haprovision.inventory.GarpSpec;
import io.haprovision.inventory.InstanceNodeSettings;
import io.haprovision.inventory.Multicast;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.NotifySpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.SyncGroupSpec;
import io.haprovision.inventory.TrackInterfaceSpec;
import io.haprovision.inventory.TrackScriptSpec;
import io.haprovision.inventory.Unicast;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VirtualRouteSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.inventory.VrrpSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a pair of the inventory into the keepalived.conf of one of its nodes. Pure: no
 * I/O. The inventory is expected to be validated; what validation should have refused
 * surfaces as an {@link InternalException} from the model.
 */
public final class KeepalivedConfs {
  private KeepalivedConfs() {}

  /**
   * The keepalived.conf model of {@code node} (one of {@code pair}'s nodes): router id =
   * node name; per instance this node's priority, state, advert interval, version and
   * authentication, its unicast source and peers; the pair's track scripts and sync group;
   * then the platform's {@code options} applied.
   */
  public static KeepalivedConf forNode(PairSpec pair, NodeSpec node, KeepalivedOptions options) {
    if (!pair.nodes().contains(node)) {
      throw new InternalException("node " + node.name() + " is not a node of pair " + pair.name());
    }
    VrrpSpec vrrp = pair.vrrp();
    Optional<SyncGroupSpec> groupSpec = vrrp.syncGroup();
    Set<String> grouped = groupSpec.map(g -> Set.copyOf(g.instances())).orElse(Set.of());
    List<String> extraScriptNames = options.extraScripts().stream().map(VrrpScript::name).toList();

    List<VrrpScript> scripts = new ArrayList<>();
    vrrp.trackScripts().stream().map(KeepalivedConfs::script).forEach(scripts::add);
    scripts.addAll(options.extraScripts());

    List<VrrpInstance> instances = new ArrayList<>();
    for (VrrpInstanceSpec spec : vrrp.instances()) {
      boolean inGroup = grouped.contains(spec.name());
      Notify notify = options.notifyCommands()
          .map(platform -> inGroup ? Notify.NONE : platform)
          .orElseGet(() -> notify(spec.notifications()));
      List<String> trackScripts = new ArrayList<>(spec.trackScripts());
      if (!inGroup) {
        trackScripts.addAll(extraScriptNames);
      }
      instances.add(instance(pair, node, spec, options.dropVips(), trackScripts, notify));
    }

    Optional<SyncGroup> syncGroup = groupSpec.map(g -> {
      List<String> trackScripts = new ArrayList<>(g.trackScripts());
      trackScripts.addAll(extraScriptNames);
      Notify notify = options.notifyCommands().orElseGet(() -> notify(g.notifications()));
      return new SyncGroup(g.name(), g.instances(), trackScripts, notify);
    });

    GlobalDefs global = new GlobalDefs(node.name(), multicastGroup(pair, false), multicastGroup(pair, true),
        options.reloadCheckConfig());
    return new KeepalivedConf(global, scripts, instances, syncGroup, options.drainFile());
  }

  private static VrrpInstance instance(
      PairSpec pair, NodeSpec node, VrrpInstanceSpec spec, boolean dropVips, List<String> trackScripts,
      Notify notify) {
    InstanceNodeSettings settings = spec.nodes().of(node.role());
    VrrpInstance.Builder b = VrrpInstance.builder(spec.name(), spec.interfaceName(), spec.virtualRouterId())
        .state(VrrpState.valueOf(settings.state().name()))
        .priority(settings.priority())
        .advertInt(settings.advertInt().value())
        .version(settings.version().value())
        .nopreempt(spec.nopreempt())
        .authentication(settings.auth().value().map(a ->
            new Authentication(Authentication.AuthType.valueOf(a.type().name()), a.password())))
        .virtualIps(dropVips ? List.of() : spec.vips().stream().map(KeepalivedConfs::vip).toList())
        .trackInterfaces(spec.trackInterfaces().stream().map(KeepalivedConfs::trackInterface).toList())
        .trackScripts(trackScripts)
        .virtualRoutes(spec.virtualRoutes().stream().map(KeepalivedConfs::route).toList())
        .garp(garp(spec.garp()))
        .notifyCommands(notify);
    if (spec.preemptDelay() > 0) {
      b.preemptDelay(spec.preemptDelay());
    }
    if (spec.transport() instanceof Unicast unicast) {
      b.unicast(Optional.of(unicast.source().of(node.role())), unicast.peers().of(node.role()));
    } else if (!(spec.transport() instanceof Multicast)) {
      throw new InternalException("pair " + pair.name() + " instance " + spec.name() + " has no VRRP transport");
    }
    return b.build();
  }

  /**
   * keepalived has one multicast group per address family for the whole daemon, so every
   * multicast instance of the pair must use the same one; rendered whenever any instance
   * uses multicast.
   */
  private static Optional<String> multicastGroup(PairSpec pair, boolean ipv6) {
    Set<String> groups = new TreeSet<>();
    for (VrrpInstanceSpec spec : pair.vrrp().instances()) {
      if (spec.transport() instanceof Multicast m && m.group().contains(":") == ipv6) {
        groups.add(m.group());
      }
    }
    if (groups.size() > 1) {
      throw new InternalException("pair " + pair.name() + " uses multicast groups " + groups
          + " but keepalived takes one group per address family; the inventory validation should have"
          + " refused this");
    }
    return groups.stream().findFirst();
  }

  private static VrrpScript script(TrackScriptSpec t) {
    return new VrrpScript(t.name(), t.script(), t.interval(),
        optionalInt(t.timeout()),
        t.weight() == 0 ? OptionalInt.empty() : OptionalInt.of(t.weight()),
        OptionalInt.of(t.fall()), OptionalInt.of(t.rise()));
  }

  private static VirtualIp vip(VipSpec v) {
    return new VirtualIp(v.cidr(), v.device(), v.label());
  }

  private static TrackInterface trackInterface(TrackInterfaceSpec t) {
    return new TrackInterface(t.interfaceName(), t.weight().map(OptionalInt::of).orElse(OptionalInt.empty()));
  }

  private static VirtualRoute route(VirtualRouteSpec r) {
    return new VirtualRoute(r.to(), r.via(), r.dev(), r.src());
  }

  private static Garp garp(GarpSpec g) {
    return new Garp(optionalInt(g.masterDelay()), optionalInt(g.masterRepeat()), optionalInt(g.masterRefresh()));
  }

  private static OptionalInt optionalInt(Optional<Integer> value) {
    return value.map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  private static Notify notify(NotifySpec n) {
    return new Notify(n.master(), n.backup(), n.fault(), n.stop(), Optional.empty());
  }
}
