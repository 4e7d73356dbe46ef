package io.haprovision.lab.routeros;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The two RouterOS command-line dialects the simulator speaks. They differ where
 * ha-provision notices: BGP menu ({@code peer} vs {@code connection}), {@code group-master} on
 * VRRP (v7 only), secrets in {@code /export} (v6 shows them unless {@code hide-sensitive}, v7
 * hides them unless {@code show-sensitive}) and the date format.
 */
public enum RouterOsDialect {
  /** RouterOS 6.x (baseline 6.44.6). */
  V6,
  /** RouterOS 7.x. */
  V7;

  private static final DateTimeFormatter V6_DATE = DateTimeFormatter.ofPattern("MMM/dd/yyyy", Locale.ROOT);
  private static final DateTimeFormatter V7_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /**
   * The minor number of a version ({@code 7.12.1} gives 12); 0 when there is none. RouterOS 7
   * changed formats at 7.10: dates print ISO and VRRP's {@code group-master} is exported as
   * {@code group-authority} (FACTS.md).
   */
  public static int minor(String version) {
    String[] parts = version.strip().split("[.\\s]");
    return parts.length > 1 && parts[1].matches("[0-9]+") ? Integer.parseInt(parts[1]) : 0;
  }

  /** True when a router of this dialect at {@code version} prints dates ISO ({@code 2026-11-22}): from 7.10. */
  public boolean isoDates(String version) {
    return this == V7 && minor(version) >= 10;
  }

  /**
   * The name under which a router at {@code version} exports and prints VRRP grouping: null on
   * 6 (no groups), {@code group-master} on 7.0-7.9, {@code group-authority} from 7.10 (where
   * {@code group-master} stays accepted as a write-only alias).
   */
  public String vrrpGroupName(String version) {
    return this == V6 ? null : minor(version) >= 10 ? "group-authority" : "group-master";
  }

  /** A date as a router of this dialect at {@code version} prints it: {@code nov/22/2026} or {@code 2026-11-22}. */
  public String date(LocalDate date, String version) {
    return isoDates(version) ? V7_DATE.format(date) : V6_DATE.format(date).toLowerCase(Locale.ROOT);
  }

  /** A date and time as in the export header: {@code nov/22/2026 05:20:11}. */
  public String dateTime(LocalDateTime time, String version) {
    return date(time.toLocalDate(), version) + " " + TIME.format(time);
  }

  /** The BGP menu of this dialect: {@code routing bgp peer} (v6), {@code routing bgp connection} (v7). */
  public String bgpMenu() {
    return this == V6 ? "/routing bgp peer" : "/routing bgp connection";
  }
}
