package io.haprovision.bonder;

import io.haprovision.inventory.InterfaceAddress;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.Unicast;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.yaml.YamlPath;
import java.util.Optional;

/**
 * What a bonder pair needs beyond the core's VRRP rules: unicast adverts on the private
 * link, priority 10 on the primary and 1..9 on the secondary, no notify of the inventory's
 * own (the notify program owns that hook), and a private link that is not a direct cable.
 */
final class BonderPairValidator {
  /** The MASTER bonder's priority in the bonder design. */
  static final int MASTER_PRIORITY = 10;

  private BonderPairValidator() {}

  static void validate(PairSpec pair, Problems problems) {
    if (!(pair.platformSection() instanceof BonderSection section)) {
      return;
    }
    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      String path = instance.path();
      int primary = instance.nodes().primary().priority();
      int secondary = instance.nodes().secondary().priority();
      if (primary != MASTER_PRIORITY || secondary < 1 || secondary > MASTER_PRIORITY - 1) {
        problems.add(YamlPath.child(path, "priority"), "bonder.priority", "instance " + instance.name()
            + " has priority " + primary + " on the primary and " + secondary + " on the secondary; bonder pairs"
            + " run 10 on the master bonder and 1..9 on the backup",
            "set `priority: { primary: 10, secondary: 5 }` (any 1..9 for the secondary)");
      }
      if (!(instance.transport() instanceof Unicast unicast)) {
        problems.add(path, "bonder.vrrp-multicast", "instance " + instance.name()
            + " uses multicast; bonders speak VRRP by unicast over their private link",
            "add `unicast: true` (each bonder's address on " + instance.interfaceName() + " becomes the other's peer)");
      } else {
        privateLink(pair, section, instance, unicast, problems);
      }
      if (!instance.notifications().isEmpty()) {
        problems.add(YamlPath.child(path, "notify"), "bonder.notify-replaced", "on bonders keepalived's notify runs"
            + " ha-provision's notify program, which moves the routing objects through the API",
            "remove `notify`; the program logs every change through syslog");
      }
    }
    pair.vrrp().syncGroup().filter(g -> !g.notifications().isEmpty()).ifPresent(g ->
        problems.add(YamlPath.child(g.path(), "notify"), "bonder.notify-replaced", "on bonders the sync group's"
            + " notify runs ha-provision's notify program", "remove `notify` from the sync group"));
  }

  /**
   * A /30 or /31 between the two bonders looks like a cable from one to the other: a lost
   * carrier then puts keepalived in FAULT on both instead of failing over (FACTS). Refused
   * unless the inventory confirms a switch in between.
   */
  private static void privateLink(PairSpec pair, BonderSection section, VrrpInstanceSpec instance, Unicast unicast,
      Problems problems) {
    if (section.privateLinkSwitched()) {
      return;
    }
    for (NodeSpec node : pair.nodes()) {
      Optional<InterfaceAddress> own = node.address(instance.interfaceName());
      if (own.isEmpty()) {
        continue;
      }
      int pointToPoint = own.get().isIpv4() ? 30 : 126;
      String peer = unicast.source().of(node.role().other());
      if (own.get().prefix() >= pointToPoint && own.get().contains(peer)) {
        problems.add(YamlPath.child(YamlPath.child(node.path(), "interfaces"), instance.interfaceName()),
            "bonder.private-link-direct-cable", "the private link " + own.get() + " between " + node.name()
                + " and " + pair.peerOf(node).name() + " looks like a direct cable: if it lost carrier, keepalived"
                + " would go to FAULT on both bonders instead of failing over",
            "connect both bonders' private ports through a switch; if they already are, set "
                + section.path() + ".private_link_switched: true");
        return; // once per instance is enough
      }
    }
  }
}
