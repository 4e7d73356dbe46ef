package io.haprovision.spi;

import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
   */
  public record Instance(
      String name,
      String interfaceName,
      int virtualRouterId,
      List<Vip> vips,
      Map<String, Integer> priorities,
      BigDecimal advertInt,
      boolean preempt) {
    /** Copies the collections; rejects nulls. */
    public Instance {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(interfaceName, "interfaceName");
      vips = List.copyOf(vips);
      priorities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(priorities));
      Objects.requireNonNull(advertInt, "advertInt");
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
      BigDecimal advert = BigDecimal.ZERO;
      for (NodeRole role : NodeRole.values()) {
        NodeSpec node = pair.node(role);
        priorities.put(node.name(), i.nodes().of(role).priority());
        advert = advert.max(i.nodes().of(role).advertInt().value());
      }
      out.add(new Instance(i.name(), i.interfaceName(), i.virtualRouterId(), vips, priorities, advert,
          !i.nopreempt()));
    }
    return new VrrpExpectations(out);
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
