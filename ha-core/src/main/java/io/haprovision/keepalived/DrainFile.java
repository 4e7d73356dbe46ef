package io.haprovision.keepalived;

import java.util.OptionalInt;

/**
 * The file through which ha-provision takes a node out of service on purpose (drain) and
 * puts it back (undrain), as keepalived tracks it: a {@code track_file} of weight 1 that every
 * instance tracks, created with {@code 0} when keepalived starts and the file is missing
 * ({@code init_file}, never overwriting), so a drain survives a keepalived restart and, the
 * file living on persistent storage, a reboot.
 *
 * <p>What keepalived does with the number in it (keepalived.conf(5), "Track files", checked
 * against keepalived 2.2.7 in the lab): the value times the weight is added to each
 * instance's priority, the result kept within 1..254, and below -253 the instance goes to
 * FAULT. So {@link #IN_SERVICE} changes nothing, {@link #DRAINED} is FAULT (a MASTER resigns
 * at once with a priority-0 advert and the node claims no VIP until the file changes), and
 * {@link #TAKING_OVER} lifts the peer to priority 254 while a drain hands over, which makes
 * its skew time (how long a BACKUP waits after a priority-0 advert) about 8 ms. Inside a sync
 * group keepalived ignores a tracked weight unless the group says
 * {@code sync_group_tracking_weight} (it warns otherwise, which fails {@code keepalived -t}), so
 * the group says it: every member tracks the same file with the same weight.
 *
 * @param path where the file lives on the node (persistent storage, kept across upgrades)
 */
public record DrainFile(String path) {
  /** The {@code track_file} block's name. */
  public static final String TRACK_NAME = "ha_provision_drain";
  /** In service: the priority is the configured one. */
  public static final int IN_SERVICE = 0;
  /** Drained: every instance in FAULT (below keepalived's -253). */
  public static final int DRAINED = -254;
  /** The peer of a node being drained, for the handover only: priority 254. */
  public static final int TAKING_OVER = 253;

  /** Checks the path's syntax. */
  public DrainFile {
    ConfSyntax.command(path, "drain file path");
    if (!path.startsWith("/")) {
      throw new io.haprovision.error.InternalException("drain file path " + path + " is not absolute");
    }
  }

  /** Whether {@code value}, read from the file, means drained; an absent or unreadable value does not. */
  public static boolean drained(OptionalInt value) {
    return value.isPresent() && value.getAsInt() < -253;
  }
}
