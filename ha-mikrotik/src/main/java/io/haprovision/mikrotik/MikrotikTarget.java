package io.haprovision.mikrotik;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.mikrotik.routeros.RscScript;
import io.haprovision.resource.DesiredNode;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.Target;
import io.haprovision.spi.VerificationDefaults;
import io.haprovision.spi.VrrpExpectations;
import java.util.List;

/**
 * The MikroTik RouterOS platform, {@code platform: mikrotik}: binds and checks the
 * {@code mikrotik:} section and gives each router its RouterOS entries. Stateless and
 * thread-safe; found through {@link java.util.ServiceLoader}.
 */
public final class MikrotikTarget implements Target {
  /** The platform's name in inventories. */
  public static final String PLATFORM = "mikrotik";

  /** For {@link java.util.ServiceLoader}. */
  public MikrotikTarget() {}

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public PlatformSection bindSection(SectionReader section, Problems problems) {
    return MikrotikSectionBinder.bind(section);
  }

  @Override
  public void validatePair(PairSpec pair, Problems problems) {
    MikrotikPairValidator.validate(pair, problems);
  }

  @Override
  public DesiredNode desired(PairSpec pair, NodeSpec node) {
    return MikrotikDesiredState.forNode(pair, node);
  }

  /**
   * The heartbeat on the HA link makes a RouterOS pair highly available: the standby's ports
   * are disabled, so a pair built the ha-mikrotik way (addresses equal on both routers, no
   * service VRRP) needs no {@code vrrp.instances}.
   */
  @Override
  public boolean requiresVrrpInstances() {
    return false;
  }

  /** RouterOS runs no keepalived: the core's keepalived gate and checks do not apply. */
  @Override
  public VrrpExpectations vrrpExpectations(PairSpec pair) {
    return VrrpExpectations.none();
  }

  /**
   * The heartbeat is what the two routers must hear from each other: a change of its VRID,
   * version or interval is one they cannot both speak while one changes.
   */
  @Override
  public java.util.Map<String, java.util.Map<String, io.haprovision.facts.VrrpWire>> vrrpWires(PairSpec pair) {
    Heartbeat hb = pair.platformSection(MikrotikSection.class).heartbeat();
    io.haprovision.facts.VrrpWire wire = io.haprovision.mikrotik.device.HeartbeatWire.of(hb);
    java.util.Map<String, io.haprovision.facts.VrrpWire> byNode = new java.util.LinkedHashMap<>();
    pair.nodes().forEach(n -> byNode.put(n.name(), wire));
    return java.util.Map.of(hb.name(), byNode);
  }

  /**
   * None of the core's keepalived checks apply to RouterOS; the platform's own checks
   * (one heartbeat master, standby ports disabled) come with its verification.
   */
  @Override
  public VerificationDefaults verificationDefaults(PairSpec pair) {
    return new VerificationDefaults(false, false, false, 1);
  }

  /**
   * The whole desired configuration of {@code node} as a {@code .rsc} script for review
   * (what {@code provision render} shows for a router): each entry as the command that
   * would create it, secrets as {@code ******}. ha-provision itself applies only the
   * differences, entry by entry.
   */
  public String reviewScript(PairSpec pair, NodeSpec node) {
    MikrotikSection section = pair.platformSection(MikrotikSection.class);
    DesiredNode desired = desired(pair, node);
    return RscScript.render(List.of(
        "ha-provision: desired RouterOS configuration, for review",
        "pair " + pair.name() + ", router " + node.name() + " (" + node.role().yamlName() + ", identity "
            + section.nodeIdentity(pair.name(), node.role()) + "), RouterOS " + section.routerOs(),
        "ha-provision applies only what differs, entry by entry; entries it does not manage are left alone.",
        "Secrets show as ******: this file is not meant to be imported as it is."), desired.resources());
  }

  /** Routers are read and changed with RouterOS scripts, not POSIX probes. */
  @Override
  public java.util.Optional<io.haprovision.spi.NodeProtocol> nodeProtocol(PairSpec pair) {
    return java.util.Optional.of(new io.haprovision.mikrotik.device.MikrotikProtocol(pair));
  }

  /** One check that reads both routers and reports versions, heartbeat, masters, standby ports and shared config. */
  @Override
  public List<io.haprovision.spi.PlatformCheck> extraChecks(PairSpec pair) {
    return List.of(new io.haprovision.mikrotik.device.MikrotikChecks(pair));
  }

  /** {@code sync-standby}, {@code switch-role} and {@code bootstrap-script}. */
  @Override
  public List<io.haprovision.spi.PlatformAction> actions() {
    List<io.haprovision.spi.PlatformAction> out = new java.util.ArrayList<>(List.of(
        new io.haprovision.mikrotik.device.SyncStandby(), new io.haprovision.mikrotik.device.SwitchRole(),
        new io.haprovision.mikrotik.device.BootstrapScript()));
    out.addAll(io.haprovision.mikrotik.device.DrainRouter.actions());
    return List.copyOf(out);
  }

  /** Reads a pair built with ha-mikrotik's HA_init.rsc ({@code provision import mikrotik}). */
  @Override
  public java.util.Optional<io.haprovision.spi.PlatformImporter> importer() {
    return java.util.Optional.of(new io.haprovision.mikrotik.adopt.MikrotikImporter());
  }

  /** The {@link #reviewScript} as {@code NODE.rsc}, which {@code provision render} writes under review/. */
  @Override
  public java.util.Map<String, String> reviewFiles(PairSpec pair, NodeSpec node) {
    return java.util.Map.of(node.name() + ".rsc", reviewScript(pair, node));
  }
}
