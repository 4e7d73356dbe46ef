package io.haprovision.spi;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.resource.DesiredNode;
import java.util.List;

/**
 * What every platform (OpenWrt, RouterOS, bonder, ...) implements so the core can load,
 * validate and converge its pairs without knowing it. Implementations are found through
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.haprovision.spi.Target}. They need a public no-argument
 * constructor, hold no per-run state and are safe to call from several threads.
 *
 * <p>Loading an inventory calls, for each pair whose {@code platform} is
 * {@link #platform()}: {@link #bindSection} while the pair is read, then, once the pair
 * bound without structural problems and the core's own checks ran,
 * {@link #validatePair}. Problems go into the {@link Problems} given, never thrown, so
 * one run reports everything wrong with the file. After a successful load,
 * {@link #desired} turns each node into resources.
 *
 * <p>The engine (facts, apply, verify) asks a platform through default methods, so a
 * platform overrides only what differs from a POSIX keepalived router: drivers for its own
 * resource kinds ({@link #resourceDrivers}), what its keepalived pair looks like
 * ({@link #vrrpExpectations}), how keepalived is controlled there
 * ({@link #keepalivedControl}) and which checks verify runs ({@link #verificationDefaults}) and which it adds
 * ({@link #extraChecks}).
 * A platform whose nodes are no POSIX systems brings its own {@link #nodeProtocol}; operations
 * beyond converge and verify (role switch, standby sync) come as {@link #actions()}.
 */
public interface Target {

  /**
   * The platform's name as written in a pair's {@code platform:} key and as the key of
   * its own section ({@code openwrt}, {@code mikrotik}, {@code bonder}). Lower case,
   * unique among installed platforms.
   */
  String platform();

  /**
   * Binds the pair's platform section (the map under the key named {@link #platform()})
   * into the platform's own record. {@code section} reads it with the same error quality
   * as the core ({@link SectionReader#allowOnly}, typed getters, secrets); when the pair
   * has no such key, it is an empty reader ({@link SectionReader#present()} is false)
   * and the platform decides whether that is allowed. Report every problem into
   * {@code problems} (the same object {@code section.problems()} returns) and still
   * return a record (with defaults where values were wrong); never throw for bad input.
   *
   * @return the bound section, never null
   */
  PlatformSection bindSection(SectionReader section, Problems problems);

  /**
   * Checks what only this platform knows about a whole pair (its section against the
   * nodes and VRRP instances: interface names the platform has, features a version
   * lacks...). Called once per pair after the core's own checks; the pair is
   * structurally whole (two nodes, one primary and one secondary, every required field
   * present) but may have broken core rules already, which are reported separately.
   * Report problems with {@link Problems#add(String, String, String, String)} at key
   * paths under {@link PairSpec#path()}, with rule ids prefixed by the platform name
   * ({@code openwrt.uci-interface-unknown}).
   */
  void validatePair(PairSpec pair, Problems problems);

  /**
   * Whether every VRRP instance of this platform's pairs must list at least one virtual
   * address ({@code vips}). Asked while a pair is bound; a pair whose platform is not
   * installed is not asked (its {@code platform} is already refused). Default: true, since
   * moving addresses is what keepalived does on a router, and an instance that moves
   * nothing is usually a forgotten {@code vips}. A platform whose keepalived moves no
   * address itself (Multapplied bonders: the floating objects move through the
   * management server's API) returns false; the inventory then accepts an instance
   * without {@code vips} or with an empty list, and its {@link
   * io.haprovision.inventory.VrrpInstanceSpec#vips()} is empty.
   *
   * @return false when instances without virtual addresses are normal on this platform
   */
  default boolean requiresVips() {
    return true;
  }

  /**
   * Whether a pair must describe at least one VRRP instance ({@code vrrp.instances}). True
   * where VRRP instances are what makes the pair highly available. A platform whose own
   * section carries the pair's heartbeat (RouterOS: the VRRP on the HA link decides the roles
   * and the standby's ports are disabled, so a pair built the ha-mikrotik way has no service
   * VRRP at all) returns false; the inventory then accepts a pair without {@code vrrp:} or
   * with an empty {@code instances} list.
   *
   * @return false when a pair without service VRRP instances is normal on this platform
   */
  default boolean requiresVrrpInstances() {
    return true;
  }

  /**
   * Everything {@code node} (one node of {@code pair}) should have: files, packages,
   * services, platform-specific resources, in apply order, and their handlers. Pure: no
   * I/O, same input same output. Only called for pairs of a fully valid inventory.
   */
  DesiredNode desired(PairSpec pair, NodeSpec node);

  /**
   * Drivers for this platform's own resource kinds (UCI options...), and replacements for
   * core drivers where the platform differs (a {@code PackageResource} driver that only knows
   * {@code opkg}). A driver here wins over a core driver for the same resource class. The
   * core handles {@code FileResource}, {@code LineInFile}, {@code PackageResource} (opkg, apk
   * or apt, detected on the node) and {@code ServiceResource} (procd init scripts, systemd or
   * SysV, detected on the node). Default: none.
   */
  default List<ResourceDriver<?>> resourceDrivers() {
    return List.of();
  }

  /**
   * What a healthy pair of this platform looks like to keepalived: its instances, the VIPs
   * each binds on its MASTER and the priorities. The apply's health gate, the facts' VRRP role
   * of each node and verify read the nodes against it. Default:
   * {@link VrrpExpectations#of(PairSpec)} (keepalived binds the inventory's VIPs); return
   * instances without VIPs when keepalived binds none here, or
   * {@link VrrpExpectations#none()} when the platform runs no keepalived.
   */
  default VrrpExpectations vrrpExpectations(PairSpec pair) {
    return VrrpExpectations.of(pair);
  }

  /**
   * What each VRRP instance whose peers must hear each other is to put on the wire, by
   * instance name, then node name: the planner compares it with what each node runs and plans a
   * change the two nodes cannot both speak as such ({@link io.haprovision.plan.WireChange}).
   * Default: the wires of {@link #vrrpExpectations}.
   */
  default java.util.Map<String, java.util.Map<String, io.haprovision.facts.VrrpWire>> vrrpWires(PairSpec pair) {
    return vrrpExpectations(pair).wires();
  }

  /**
   * Where keepalived's pid file and state dumps are and how to reload, stop and start it on
   * this platform's nodes. Default: {@link KeepalivedControl#auto()} (decides on the node
   * between a procd init script, systemd and SysV init).
   */
  default KeepalivedControl keepalivedControl() {
    return KeepalivedControl.auto();
  }

  /**
   * The checks {@code verify} runs on {@code pair} unless told otherwise. Default:
   * {@link VerificationDefaults#standard()} (keepalived running, one MASTER per instance, the
   * VIPs answer ping from the probe host).
   */
  default VerificationDefaults verificationDefaults(PairSpec pair) {
    return VerificationDefaults.standard();
  }

  /**
   * The platform's own verification checks for {@code pair}, run by {@code verify} after the
   * core's checks (keepalived running, single master, VIPs answering) and before any drill:
   * conntrackd in sync, DHCP on the MASTER only, and so on. Return only checks for features
   * the pair's inventory manages. Pure: builds the checks, runs nothing. Default: none.
   */
  default List<PlatformCheck> extraChecks(PairSpec pair) {
    return List.of();
  }

  /**
   * Extra documents for people reviewing what {@code node} would get, beyond its files:
   * file name to text (a RouterOS {@code .rsc} script of the whole configuration, say).
   * {@code provision render} writes them under {@code DIR/PAIR/NODE/review/}; they are
   * never installed. Secrets must already be masked. Pure. Default: none.
   */
  default java.util.Map<String, String> reviewFiles(PairSpec pair, NodeSpec node) {
    return java.util.Map.of();
  }

  /**
   * Checks, from the control host and before any node of the run is contacted, what the
   * pair depends on outside its nodes: a management server's API reachable, the
   * inventory's credentials accepted there, every id the inventory names known to it. The
   * engine runs it for every pair when a session opens ({@code plan}, {@code apply},
   * {@code verify}, {@code facts}), before the first SSH connection; any problem stops the
   * run with a {@link io.haprovision.error.TargetException} listing them all, so no node is
   * touched. May do network I/O (bounded by the platform's own timeouts); must not change
   * anything. Messages name the key path and id, and never a secret. Default: nothing to
   * check.
   *
   * @return what is wrong; empty when the pair may go ahead
   */
  default List<PreflightProblem> preflight(PairSpec pair) {
    return List.of();
  }

  /**
   * The platform's own drills for {@code pair}, run by {@code verify --drills} after the
   * core's drills: what the core's VIP-watching drills cannot see (a bonder pair's floating
   * objects move through an API). Pure: builds the drills, runs nothing. Default: none.
   */
  default List<PlatformDrill> drills(PairSpec pair) {
    return List.of();
  }

  /**
   * A directory on the node for what ha-provision keeps between sessions until the next boot:
   * the handlers an interrupted apply still owes the node. It should be cleared by a reboot
   * (a tmpfs), since every daemon then starts from its files anyway. Default {@code
   * /var/run/ha-provision}.
   */
  default String runtimeDirectory() {
    return "/var/run/ha-provision";
  }

  /**
   * The platform's own way to read and change {@code pair}'s nodes, for nodes that are not
   * POSIX systems (a router with its own command language). Present: facts, apply and the
   * health gate go through it (see {@link NodeProtocol}); the core keeps connections, plan,
   * rollout order, reports and exit codes, and verify runs only the platform's
   * {@link #extraChecks}. Empty (the default): the node is read with POSIX {@code sh} probes
   * and changed through {@link #resourceDrivers()}.
   */
  default java.util.Optional<NodeProtocol> nodeProtocol(PairSpec pair) {
    return java.util.Optional.empty();
  }

  /**
   * Operations this platform offers on its pairs beyond converge and verify (role switch,
   * standby sync, a bootstrap script), run by {@code provision action}. Default: none.
   */
  default List<PlatformAction> actions() {
    return List.of();
  }

  /**
   * How {@code provision import} reads a pair of this platform built by hand. Default: none
   * (the platform cannot adopt a pair).
   */
  default java.util.Optional<PlatformImporter> importer() {
    return java.util.Optional.empty();
  }
}
