package io.haprovision.inventory;

import java.util.List;

/**
 * One {@code vrrp_instance} of a pair, resolved for both nodes: per-node priority,
 * state and inherited timers/auth in {@code nodes}, the rest shared by both.
 * {@code segment} is the name of the layer-2 segment VRIDs must be unique on: the
 * inventory's {@code segment} key, or else the network of the primary's interface
 * address (such as {@code 192.168.1.0/24}).
 */
public record VrrpInstanceSpec(
    String name,
    String interfaceName,
    int virtualRouterId,
    String segment,
    List<VipSpec> vips,
    PerNode<InstanceNodeSettings> nodes,
    VrrpTransport transport,
    boolean nopreempt,
    int preemptDelay,
    GarpSpec garp,
    List<TrackInterfaceSpec> trackInterfaces,
    List<String> trackScripts,
    List<VirtualRouteSpec> virtualRoutes,
    NotifySpec notifications,
    String path) {

  /** Copies the lists. */
  public VrrpInstanceSpec {
    vips = List.copyOf(vips);
    trackInterfaces = List.copyOf(trackInterfaces);
    trackScripts = List.copyOf(trackScripts);
    virtualRoutes = List.copyOf(virtualRoutes);
  }
}
