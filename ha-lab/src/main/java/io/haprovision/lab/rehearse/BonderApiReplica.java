package io.haprovision.lab.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.haprovision.facts.VrrpRole;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.lab.Lab;
import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import io.haprovision.lab.bonderapi.ObjectKind;
import io.haprovision.secret.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The management server of a replica of a bonder pair: the lab's management-API simulator on
 * the lab host's address and the real server's port, its address mapped from the real
 * server's, its CA given to the replica's bonders where the inventory's {@code ca_file} says (or
 * into their system store), with the inventory's API user and password. It holds every object
 * the inventory names for the two bonds, enabled on the bond of the bonder that is MASTER in the
 * real pair (all disabled when neither is; the rehearsal does not read the real management
 * server, whose objects follow the MASTER when the pair is healthy), and each bond's
 * {@code hook_connected_ip} (the private link's), always enabled.
 */
final class BonderApiReplica implements AutoCloseable {
  /** Where a Debian node takes extra CAs into its system store from ({@code update-ca-certificates}). */
  static final String SYSTEM_CA = "/usr/local/share/ca-certificates/ha-provision-rehearse-api.crt";

  private final ManagementApiSimulator api;
  private final String caOnNodes;

  private BonderApiReplica(ManagementApiSimulator api, String caOnNodes) {
    this.api = api;
    this.caOnNodes = caOnNodes;
  }

  /** True when {@code yaml} (one pair's inventory) is a bonder pair's. */
  static boolean isBonderPair(String yaml) {
    return section(read(yaml)).isObject();
  }

  /**
   * Starts the simulator for pair {@code real}, whose inventory is {@code yaml}.
   *
   * @param realRoles the real nodes' VRRP roles, by {@code pair/node}
   */
  static BonderApiReplica start(Lab lab, PairSpec real, String yaml, Map<String, VrrpRole> realRoles) {
    JsonNode bonder = section(read(yaml));
    Secret password = real.platformSection().secrets().stream().findFirst()
        .orElseThrow(() -> new Misfit(real.path() + ".bonder.api.password", "pair " + real.name()
            + " has no API password", "give bonder.api a password"));
    // The real port on the lab host's address (unique to the lab): the bonders' copied notify
    // configuration then needs only its host address mapped, as every other address is.
    ManagementApiSimulator api = ManagementApiSimulator.start(ManagementApiSimulator.Spec
        .loopback(bonder.path("api").path("user").asText("ha-failover"), password)
        .withBindAddress(lab.hostAddress()).withPort(bonder.path("api").path("port").asInt(443)));
    try {
      int n = 0;
      for (NodeRole role : NodeRole.values()) {
        JsonNode bond = bonder.path("bonds").path(role.yamlName());
        boolean enabled = realRoles.get(real.name() + "/" + real.node(role).name()) == VrrpRole.MASTER;
        ManagementApiSimulator.Bond b = api.bond(bond.path("bond").asInt());
        for (ObjectKind kind : ObjectKind.values()) {
          for (JsonNode id : bond.path(kind.pathSegment())) {
            n++;
            // Placeholders: the notify program moves objects by id; their addresses are not read.
            b.object(kind, id.asInt(), kind == ObjectKind.ROUTES ? "198.18.255." + (4 * (n % 60)) + "/30"
                : "198.18.255." + (4 * (n % 60) + 1), enabled);
          }
        }
        // The private link's connected IP, whose hook starts keepalived: enabled on both bonds.
        JsonNode hook = bond.path("hook_connected_ip");
        if (hook.isIntegralNumber() || hook.isTextual()) {
          n++;
          b.object(ObjectKind.CONNECTED_IPS, Integer.parseInt(hook.asText().strip()), "198.18.255." + (4 * (n % 60) + 1),
              true);
        }
      }
      String ca = bonder.path("api").path("ca_file").asText("");
      return new BonderApiReplica(api, ca.isEmpty() ? SYSTEM_CA : ca);
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** The management server's host as the inventory names it. */
  static String apiHost(String yaml) {
    return section(read(yaml)).path("api").path("host").asText("");
  }

  /**
   * Where the replica's bonders get the simulator's CA: where the inventory's {@code ca_file}
   * says, else {@link #SYSTEM_CA} (their system store, as the real ones trust theirs).
   */
  String caOnNodes() {
    return caOnNodes;
  }

  /** True when the CA goes into the bonders' system store ({@code update-ca-certificates}). */
  boolean inSystemStore() {
    return caOnNodes.equals(SYSTEM_CA);
  }

  /**
   * {@code yaml} with the pair's API at this simulator: its host when the inventory names the
   * server (an address is mapped like any other), and this host's copy of the simulator's CA
   * ({@code control_ca_file}, used only from the control host).
   */
  String retarget(String yaml) {
    JsonNode root = read(yaml);
    ObjectNode apiNode = (ObjectNode) section(root).path("api");
    apiNode.put("host", api.host());
    apiNode.put("control_ca_file", api.caPemFile().toString());
    try {
      return new YAMLMapper().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the replica's inventory", e);
    }
  }

  /** The simulator's address. */
  String host() {
    return api.host();
  }

  /** The simulator's CA certificate, for the bonders. */
  String caPem() {
    return api.caPem();
  }

  @Override
  public void close() {
    api.close();
  }

  private static JsonNode read(String yaml) {
    try {
      return new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pair's inventory again", e);
    }
  }

  private static JsonNode section(JsonNode root) {
    return root.path("pairs").path(0).path("bonder");
  }
}
