package io.haprovision.plan;

import java.util.List;
import java.util.Objects;

/**
 * A change of what VRRP puts on the wire (authentication, advert interval, VRRP version, VRID,
 * unicast or multicast) that the pair's two nodes cannot both speak during the rollout: once
 * the first node runs it, the nodes no longer hear each other's adverts and both would take
 * the VIPs (split brain). The rollout therefore holds the first node out of VRRP (its
 * keepalived stopped, or on RouterOS its heartbeat disabled) while the other node changes, and
 * lets it back in only when the other speaks the same.
 *
 * @param held the node held out of VRRP (the BACKUP, first in rollout order)
 * @param changedWhileHeld the node changed while it is held (the MASTER)
 * @param changes what changes, per instance ({@code "LAN: advert_int 1 s -> 2 s"})
 * @param vipsMove the instances whose change re-creates them (a new VRID, unicast to multicast
 *     or back), and those of a sync group that gains a member: their VIPs go while the MASTER
 *     waits a master-down interval, whatever the rollout does
 * @param withoutStandbyMillis about how long the pair runs without a standby, in milliseconds
 * @param withoutVipsMillis about how long the instances in {@code vipsMove} have no VIPs, in
 *     milliseconds (0 when none)
 */
public record WireChange(
    String held, String changedWhileHeld, List<String> changes, List<String> vipsMove, long withoutStandbyMillis,
    long withoutVipsMillis) {

  /** Copies the lists; rejects nulls. */
  public WireChange {
    Objects.requireNonNull(held, "held");
    Objects.requireNonNull(changedWhileHeld, "changedWhileHeld");
    changes = List.copyOf(changes);
    vipsMove = List.copyOf(vipsMove);
    if (withoutStandbyMillis < 0 || withoutVipsMillis < 0) {
      throw new IllegalArgumentException("negative durations in a wire change");
    }
  }

  /** What {@code plan} tells the operator, one sentence per fact. */
  public List<String> warnings() {
    List<String> out = new java.util.ArrayList<>();
    out.add("changes what VRRP puts on the wire (" + String.join("; ", changes) + "), which " + held + " and "
        + changedWhileHeld + " cannot both speak: " + held + " is held out of VRRP (keepalived stopped, or its"
        + " heartbeat disabled) while " + changedWhileHeld + " changes, so the pair runs without a standby for about "
        + seconds(withoutStandbyMillis) + " s");
    if (!vipsMove.isEmpty()) {
      out.add("moves the VIPs of " + String.join(", ", vipsMove) + ": expect about " + seconds(withoutVipsMillis)
          + " s without them (a new VRID, or a switch between unicast and multicast, re-creates an instance,"
          + " and a new member makes its sync group start over: they take the VIPs only after a master-down"
          + " interval)");
    }
    return out;
  }

  private static String seconds(long millis) {
    long tenths = (millis + 50) / 100;
    return tenths % 10 == 0 ? String.valueOf(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
  }
}
