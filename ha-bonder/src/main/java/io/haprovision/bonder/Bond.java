package io.haprovision.bonder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One bonder's bond on the management server and the floating objects it carries while
 * its bonder is MASTER ({@code bonder.bonds.primary} / {@code .secondary}). Ids are the
 * API's numeric ids, as text.
 *
 * @param id the bond id
 * @param connectedIps connected-IP ids (may be empty)
 * @param routes route ids (may be empty)
 * @param cpeNatIps CPE NAT IP ids (may be empty)
 * @param hookConnectedIp with {@code keepalived_start: connected-ip-hook}, the connected IP
 *     whose hook starts and stops keepalived: the private link's, enabled on its bond at all
 *     times, never one of the floating {@code connectedIps} (on the BACKUP's bond those are
 *     disabled, so their hook would stop keepalived there)
 */
public record Bond(
    String id, List<String> connectedIps, List<String> routes, List<String> cpeNatIps, Optional<String> hookConnectedIp) {
  /** Copies the lists. */
  public Bond {
    connectedIps = List.copyOf(connectedIps);
    routes = List.copyOf(routes);
    cpeNatIps = List.copyOf(cpeNatIps);
  }

  /** Every object id of this bond, by kind, as {@code connected_ips/101}. */
  public List<String> objects() {
    List<String> out = new ArrayList<>();
    connectedIps.forEach(i -> out.add(ObjectKind.CONNECTED_IPS.path() + "/" + i));
    routes.forEach(i -> out.add(ObjectKind.ROUTES.path() + "/" + i));
    cpeNatIps.forEach(i -> out.add(ObjectKind.CPE_NAT_IPS.path() + "/" + i));
    return out;
  }

  /** The ids of one kind. */
  public List<String> ids(ObjectKind kind) {
    return switch (kind) {
      case CONNECTED_IPS -> connectedIps;
      case ROUTES -> routes;
      case CPE_NAT_IPS -> cpeNatIps;
    };
  }


}
