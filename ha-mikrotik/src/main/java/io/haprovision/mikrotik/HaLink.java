package io.haprovision.mikrotik;

import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PerNode;

/**
 * The dedicated link between the two routers that carries the heartbeat
 * ({@code mikrotik.ha_link}).
 *
 * @param interfaceName the port cabled to the peer, {@code ether8} by default
 * @param bridge the bridge the port is put in, {@code bridge-ether8} by default
 * @param network the link's network, {@code 169.254.23.0/24} by default
 * @param address each router's address on the bridge (A = primary {@code .1}, B = secondary {@code .2})
 * @param mac each router's {@code orig-mac-address} of {@code interfaceName}, upper case,
 *     which tells the routers apart before anything is changed
 */
public record HaLink(
    String interfaceName, String bridge, InterfaceAddress network, PerNode<String> address, PerNode<String> mac) {

  /** Default HA port. */
  public static final String DEFAULT_INTERFACE = "ether8";
  /** Default HA network. */
  public static final String DEFAULT_NETWORK = "169.254.23.0/24";

  /** {@code role}'s address with the link's prefix, as put on the bridge. */
  public String addressCidr(NodeRole role) {
    return address.of(role) + "/" + network.prefix();
  }
}
