package io.haprovision.keepalived;

import io.haprovision.error.InternalException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code vrrp_instance} block as one node runs it. Use {@link #builder} to make one.
 *
 * <p>Besides syntax, the constructor refuses what {@code keepalived -t} (2.2.x) warns
 * about, since a warning fails the check too: {@code nopreempt} or {@code preempt_delay}
 * with {@code state MASTER}, both {@code nopreempt} and {@code preempt_delay}, an advert interval the version cannot carry, authentication
 * with VRRPv3, tracking the instance's own interface, a unicast peer equal to the source.
 *
 * @param name the instance's name (also what sync groups and notify arguments use)
 * @param state initial state
 * @param interfaceName {@code interface}: where the adverts go
 * @param virtualRouterId {@code virtual_router_id}, 1..255, shared by both nodes
 * @param priority 1..255, different on the two nodes
 * @param advertInt {@code advert_int} in seconds: whole 1..255 for v2, 0.01..40.95 in
 *     0.01 steps for v3; rendered plain ({@code 1}, {@code 0.1})
 * @param version VRRP version, 2 or 3
 * @param nopreempt never take over from a lower-priority master (needs state BACKUP)
 * @param preemptDelay seconds to wait before preempting (needs state BACKUP); empty or 0: none
 * @param authentication VRRPv2 only
 * @param unicastSrcIp {@code unicast_src_ip}; empty: keepalived picks the interface's address
 * @param unicastPeers {@code unicast_peer}; empty: multicast
 * @param virtualIps {@code virtual_ipaddress}; empty (bonders): the block is left out
 * @param trackInterfaces {@code track_interface}
 * @param trackScripts {@code track_script}: names of {@link VrrpScript}s in the same file
 * @param virtualRoutes {@code virtual_routes}
 * @param garp gratuitous ARP settings
 * @param notifyCommands commands run on this instance's state changes
 */
public record VrrpInstance(
    String name, VrrpState state, String interfaceName, int virtualRouterId, int priority,
    BigDecimal advertInt, int version, boolean nopreempt, OptionalInt preemptDelay,
    Optional<Authentication> authentication, Optional<String> unicastSrcIp, List<String> unicastPeers,
    List<VirtualIp> virtualIps, List<TrackInterface> trackInterfaces, List<String> trackScripts,
    List<VirtualRoute> virtualRoutes, Garp garp, Notify notifyCommands) {

  private static final BigDecimal HUNDREDTH = new BigDecimal("0.01");
  private static final BigDecimal V3_MAX = new BigDecimal("40.95");
  private static final BigDecimal V2_MAX = new BigDecimal("255");

  /** Checks every field and the combinations listed above; copies the lists. */
  public VrrpInstance {
    ConfSyntax.name(name, "vrrp_instance name");
    String where = "vrrp_instance " + name;
    Objects.requireNonNull(state, "state");
    ConfSyntax.name(interfaceName, "interface of " + where);
    ConfSyntax.range(virtualRouterId, 1, 255, "virtual_router_id of " + where);
    ConfSyntax.range(priority, 1, 255, "priority of " + where);
    Objects.requireNonNull(advertInt, "advertInt");
    ConfSyntax.range(Objects.requireNonNull(preemptDelay, "preemptDelay"), 0, 1_000, "preempt_delay of " + where);
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(unicastSrcIp, "unicastSrcIp").ifPresent(a -> ConfSyntax.address(a, "unicast_src_ip of " + where));
    unicastPeers = ConfSyntax.addresses(unicastPeers, "unicast_peer of " + where);
    virtualIps = List.copyOf(virtualIps);
    trackInterfaces = List.copyOf(trackInterfaces);
    trackScripts = ConfSyntax.names(trackScripts, "track_script of " + where);
    virtualRoutes = List.copyOf(virtualRoutes);
    Objects.requireNonNull(garp, "garp");
    Objects.requireNonNull(notifyCommands, "notifyCommands");

    checkAdvertInt(where, version, advertInt);
    if (version == 3 && authentication.isPresent()) {
      throw new InternalException("keepalived.conf: " + where + " uses VRRPv3, which forbids authentication");
    }
    if (state == VrrpState.MASTER && nopreempt) {
      throw new InternalException("keepalived.conf: " + where + " has nopreempt with state MASTER;"
          + " keepalived ignores nopreempt then (use state BACKUP on both nodes)");
    }
    if (state == VrrpState.MASTER && preemptDelay.orElse(0) > 0) {
      throw new InternalException("keepalived.conf: " + where + " has preempt_delay with state MASTER;"
          + " keepalived clears it then (use state BACKUP)");
    }
    if (nopreempt && preemptDelay.orElse(0) > 0) {
      throw new InternalException("keepalived.conf: " + where + " has both nopreempt and preempt_delay;"
          + " keepalived resets preempt_delay then (drop one of them)");
    }
    if (unicastSrcIp.isPresent() && unicastPeers.contains(unicastSrcIp.get())) {
      throw new InternalException("keepalived.conf: " + where + " lists its own unicast_src_ip "
          + unicastSrcIp.get() + " as a unicast_peer");
    }
    if (new HashSet<>(unicastPeers).size() != unicastPeers.size()) {
      throw new InternalException("keepalived.conf: " + where + " lists a unicast_peer twice: " + unicastPeers);
    }
    List<String> tracked = trackInterfaces.stream().map(TrackInterface::name).toList();
    if (tracked.contains(interfaceName)) {
      throw new InternalException("keepalived.conf: " + where + " tracks its own interface "
          + interfaceName + "; keepalived ignores that with a warning (it already watches it)");
    }
    if (new HashSet<>(tracked).size() != tracked.size()) {
      throw new InternalException("keepalived.conf: " + where + " tracks an interface twice: " + tracked);
    }
    if (new HashSet<>(trackScripts).size() != trackScripts.size()) {
      throw new InternalException("keepalived.conf: " + where + " tracks a script twice: " + trackScripts);
    }
  }

  private static void checkAdvertInt(String where, int version, BigDecimal advertInt) {
    if (version == 2) {
      if (advertInt.signum() <= 0 || advertInt.compareTo(V2_MAX) > 0
          || advertInt.stripTrailingZeros().scale() > 0) {
        throw new InternalException("keepalived.conf: advert_int " + advertInt.toPlainString()
            + " of " + where + " must be a whole number of seconds 1..255 with VRRPv2");
      }
    } else if (version == 3) {
      if (advertInt.compareTo(HUNDREDTH) < 0 || advertInt.compareTo(V3_MAX) > 0
          || advertInt.stripTrailingZeros().scale() > 2) {
        throw new InternalException("keepalived.conf: advert_int " + advertInt.toPlainString()
            + " of " + where + " must be 0.01..40.95 seconds in 0.01 steps with VRRPv3");
      }
    } else {
      throw new InternalException("keepalived.conf: version " + version + " of " + where + " must be 2 or 3");
    }
  }

  /** True when any command runs on this instance's state changes. */
  public boolean runsScripts() {
    return notifyCommands.any();
  }

  /** A builder with the given identity and keepalived's usual defaults (BACKUP, priority 100, v2 every second). */
  public static Builder builder(String name, String interfaceName, int virtualRouterId) {
    return new Builder(name, interfaceName, virtualRouterId);
  }

  /** A builder pre-filled with this instance, to change a few fields. */
  public Builder toBuilder() {
    Builder b = new Builder(name, interfaceName, virtualRouterId);
    b.state = state;
    b.priority = priority;
    b.advertInt = advertInt;
    b.version = version;
    b.nopreempt = nopreempt;
    b.preemptDelay = preemptDelay;
    b.authentication = authentication;
    b.unicastSrcIp = unicastSrcIp;
    b.unicastPeers = new ArrayList<>(unicastPeers);
    b.virtualIps = new ArrayList<>(virtualIps);
    b.trackInterfaces = new ArrayList<>(trackInterfaces);
    b.trackScripts = new ArrayList<>(trackScripts);
    b.virtualRoutes = new ArrayList<>(virtualRoutes);
    b.garp = garp;
    b.notifyCommands = notifyCommands;
    return b;
  }

  /** Builds a {@link VrrpInstance} field by field; {@link #build()} runs every check. */
  public static final class Builder {
    private final String name;
    private final String interfaceName;
    private final int virtualRouterId;
    private VrrpState state = VrrpState.BACKUP;
    private int priority = 100;
    private BigDecimal advertInt = BigDecimal.ONE;
    private int version = 2;
    private boolean nopreempt;
    private OptionalInt preemptDelay = OptionalInt.empty();
    private Optional<Authentication> authentication = Optional.empty();
    private Optional<String> unicastSrcIp = Optional.empty();
    private List<String> unicastPeers = new ArrayList<>();
    private List<VirtualIp> virtualIps = new ArrayList<>();
    private List<TrackInterface> trackInterfaces = new ArrayList<>();
    private List<String> trackScripts = new ArrayList<>();
    private List<VirtualRoute> virtualRoutes = new ArrayList<>();
    private Garp garp = Garp.DEFAULTS;
    private Notify notifyCommands = Notify.NONE;

    private Builder(String name, String interfaceName, int virtualRouterId) {
      this.name = name;
      this.interfaceName = interfaceName;
      this.virtualRouterId = virtualRouterId;
    }

    /** Initial state. */
    public Builder state(VrrpState value) {
      this.state = value;
      return this;
    }

    /** This node's priority. */
    public Builder priority(int value) {
      this.priority = value;
      return this;
    }

    /** Advert interval in seconds. */
    public Builder advertInt(BigDecimal value) {
      this.advertInt = value;
      return this;
    }

    /** VRRP version, 2 or 3. */
    public Builder version(int value) {
      this.version = value;
      return this;
    }

    /** Never preempt a lower-priority master. */
    public Builder nopreempt(boolean value) {
      this.nopreempt = value;
      return this;
    }

    /** Seconds to wait before preempting; 0 renders nothing. */
    public Builder preemptDelay(int seconds) {
      this.preemptDelay = OptionalInt.of(seconds);
      return this;
    }

    /** The VRRPv2 authentication block, or none. */
    public Builder authentication(Optional<Authentication> value) {
      this.authentication = value;
      return this;
    }

    /** Unicast source and peers; an empty peer list means multicast. */
    public Builder unicast(Optional<String> sourceIp, List<String> peers) {
      this.unicastSrcIp = sourceIp;
      this.unicastPeers = new ArrayList<>(peers);
      return this;
    }

    /** The virtual IPs (replacing any set before). */
    public Builder virtualIps(List<VirtualIp> value) {
      this.virtualIps = new ArrayList<>(value);
      return this;
    }

    /** The tracked interfaces (replacing any set before). */
    public Builder trackInterfaces(List<TrackInterface> value) {
      this.trackInterfaces = new ArrayList<>(value);
      return this;
    }

    /** The tracked script names (replacing any set before). */
    public Builder trackScripts(List<String> value) {
      this.trackScripts = new ArrayList<>(value);
      return this;
    }

    /** The virtual routes (replacing any set before). */
    public Builder virtualRoutes(List<VirtualRoute> value) {
      this.virtualRoutes = new ArrayList<>(value);
      return this;
    }

    /** Gratuitous ARP settings. */
    public Builder garp(Garp value) {
      this.garp = value;
      return this;
    }

    /** Notify commands. */
    public Builder notifyCommands(Notify value) {
      this.notifyCommands = value;
      return this;
    }

    /** The instance; throws {@link InternalException} on any value keepalived would not take. */
    public VrrpInstance build() {
      return new VrrpInstance(name, state, interfaceName, virtualRouterId, priority, advertInt, version,
          nopreempt, preemptDelay, authentication, unicastSrcIp, unicastPeers, virtualIps,
          trackInterfaces, trackScripts, virtualRoutes, garp, notifyCommands);
    }
  }
}
