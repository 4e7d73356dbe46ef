package io.haprovision.spi;

import io.haprovision.facts.VrrpWire;
import io.haprovision.inventory.AuthType;
import io.haprovision.inventory.InstanceNodeSettings;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.Unicast;
import io.haprovision.inventory.VrrpAuth;
import io.haprovision.inventory.VrrpInstanceSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a healthy pair looks like to keepalived: its VRRP instances, the addresses each
 * instance binds on its MASTER, and each node's configured priority. The health gate after
 * each node of an apply, {@code facts} (which node is MASTER now) and {@code verify} read
 * the nodes against it. Platforms get {@link #of(PairSpec)} by default and override
 * {@link Target#vrrpExpectations} when keepalived there binds no addresses (bonders move
 * their floating addresses through an API: {@link Instance#vips()} empty).
 *
 * @param instances the pair's instances, in inventory order; empty when the platform runs no
 *     keepalived (then the gate and the VRRP checks are skipped)
 */
public record VrrpExpectations(List<Instance> instances) {
  /** Copies the list. */
  public VrrpExpectations {
    instances = List.copyOf(instances);
  }

  /**
   * One VRRP instance as both nodes should run it.
   *
   * @param name the instance name ({@code vrrp_instance NAME})
   * @param interfaceName the interface it runs on
   * @param virtualRouterId its VRID
   * @param vips the addresses the MASTER binds (empty when keepalived binds none)
   * @param priorities the configured (base) priority per node name
   * @param advertInt the advert interval in seconds (the larger of the two nodes')
   * @param preempt whether a higher-priority node takes the addresses back ({@code nopreempt}
   *     off)
   * @param wires what each node's instance is to put on the wire, by node name (empty when
   *     the platform does not say)
   */
  public record Instance(
      String name,
      String interfaceName,
      int virtualRouterId,
      List<Vip> vips,
      Map<String, Integer> priorities,
      BigDecimal advertInt,
      boolean preempt,
      Map<String, VrrpWire> wires) {
    /** Copies the collections; rejects nulls. */
    public Instance {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(interfaceName, "interfaceName");
      vips = List.copyOf(vips);
      priorities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(priorities));
      Objects.requireNonNull(advertInt, "advertInt");
      wires = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(wires));
    }

    /** An instance whose wire the platform does not describe. */
    public Instance(String name, String interfaceName, int virtualRouterId, List<Vip> vips,
        Map<String, Integer> priorities, BigDecimal advertInt, boolean preempt) {
      this(name, interfaceName, virtualRouterId, vips, priorities, advertInt, preempt, Map.of());
    }

    /** The configured priority of {@code node}, or 0 when the node is not part of this instance. */
    public int priorityOf(String node) {
      return priorities.getOrDefault(node, 0);
    }
  }

  /**
   * A virtual address as keepalived binds it.
   *
   * @param address the address in canonical text form
   * @param prefix its prefix length
   * @param device the interface it is bound to
   */
  public record Vip(String address, int prefix, String device) {
    /** {@code address/prefix}. */
    public String cidr() {
      return address + "/" + prefix;
    }
  }

  /** No keepalived instances: nothing for the gate and the VRRP checks to look at. */
  public static VrrpExpectations none() {
    return new VrrpExpectations(List.of());
  }

  /**
   * The expectations of a keepalived pair rendered from the inventory as the core renders it:
   * every instance with its VIPs (on their {@code device}, or the instance's interface), the
   * priority of each node and the larger advert interval.
   */
  public static VrrpExpectations of(PairSpec pair) {
    List<Instance> out = new ArrayList<>();
    for (VrrpInstanceSpec i : pair.vrrp().instances()) {
      List<Vip> vips = new ArrayList<>();
      for (VipSpec v : i.vips()) {
        vips.add(new Vip(v.address(), v.prefix(), v.device().orElse(i.interfaceName())));
      }
      Map<String, Integer> priorities = new LinkedHashMap<>();
      Map<String, VrrpWire> wires = new LinkedHashMap<>();
      BigDecimal advert = BigDecimal.ZERO;
      for (NodeRole role : NodeRole.values()) {
        NodeSpec node = pair.node(role);
        InstanceNodeSettings settings = i.nodes().of(role);
        priorities.put(node.name(), settings.priority());
        advert = advert.max(settings.advertInt().value());
        Optional<VrrpAuth> auth = settings.auth().value();
        wires.put(node.name(), new VrrpWire(i.virtualRouterId(), settings.version().value(),
            Optional.of(settings.advertInt().value()),
            auth.map(a -> a.type() == AuthType.AH ? VrrpWire.AUTH_AH : VrrpWire.AUTH_PASS).orElse(VrrpWire.AUTH_NONE),
            auth.map(VrrpAuth::password), Optional.of(i.transport() instanceof Unicast)));
      }
      out.add(new Instance(i.name(), i.interfaceName(), i.virtualRouterId(), vips, priorities, advert,
          !i.nopreempt(), wires));
    }
    return new VrrpExpectations(out);
  }

  /** What each instance is to put on the wire, by instance name, then node name. */
  public Map<String, Map<String, VrrpWire>> wires() {
    Map<String, Map<String, VrrpWire>> out = new LinkedHashMap<>();
    for (Instance i : instances) {
      if (!i.wires().isEmpty()) {
        out.put(i.name(), i.wires());
      }
    }
    return out;
  }

  /** True when there is no instance to check. */
  public boolean isEmpty() {
    return instances.isEmpty();
  }

  /** The largest advert interval of any instance, in seconds; 1 when there is none. */
  public BigDecimal maxAdvertInt() {
    return instances.stream().map(Instance::advertInt).reduce(BigDecimal::max).orElse(BigDecimal.ONE);
  }
}
