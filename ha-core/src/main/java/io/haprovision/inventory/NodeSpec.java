package io.haprovision.inventory;

import java.util.Map;
import java.util.Optional;

/**
 * One router of a pair: its name (keepalived's {@code router_id}), role, SSH address
 * and settings, and its own address on each VRRP interface. {@code path} is its key
 * path ({@code pairs[0].nodes[1]}).
 */
public record NodeSpec(String name, NodeRole role, String host, SshSpec ssh, Map<String, InterfaceAddress> interfaces, String path) {
  /** Copies the map, keeping its order. */
  public NodeSpec {
    interfaces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interfaces));
  }

  /** The node's address on {@code interfaceName}, if the inventory gives one. */
  public Optional<InterfaceAddress> address(String interfaceName) {
    return Optional.ofNullable(interfaces.get(interfaceName));
  }
}
