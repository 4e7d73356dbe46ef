package io.haprovision.lab;

/**
 * One HA pair of a lab with its segments: a LAN with a client, a WAN with an
 * upstream host, and a dedicated sync link between the two nodes.
 *
 * @param index           1-based pair number
 * @param name            pair name ({@code p1})
 * @param a               node A, the primary
 * @param b               node B, the secondary
 * @param client          name of the LAN client namespace ({@code p1-client}) for {@link Lab#exec}
 * @param upstream        name of the WAN upstream namespace ({@code p1-upstream})
 * @param lanSubnet       LAN subnet
 * @param lanVip          the LAN VIP with prefix (the client's default gateway)
 * @param clientAddress   the client's LAN address with prefix
 * @param wanSubnet       WAN subnet
 * @param wanVip          the WAN VIP with prefix
 * @param upstreamAddress the upstream host's WAN address with prefix (the nodes' default gateway)
 * @param syncSubnet      subnet of the sync link
 * @param clientManagementAddress the client's SSH address on the management bridge (no prefix)
 */
public record LabPair(
    int index,
    String name,
    LabNode a,
    LabNode b,
    String client,
    String upstream,
    String lanSubnet,
    String lanVip,
    String clientAddress,
    String wanSubnet,
    String wanVip,
    String upstreamAddress,
    String syncSubnet,
    String clientManagementAddress) {

  /** The LAN VIP without prefix, e.g. for ping. */
  public String lanVipAddress() {
    return AddressPlan.withoutPrefix(lanVip);
  }

  /** The WAN VIP without prefix. */
  public String wanVipAddress() {
    return AddressPlan.withoutPrefix(wanVip);
  }

  /** Both nodes, A first. */
  public java.util.List<LabNode> nodes() {
    return java.util.List.of(a, b);
  }
}
