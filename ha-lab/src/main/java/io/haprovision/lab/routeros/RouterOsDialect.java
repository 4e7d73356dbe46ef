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

  /** A date as this dialect prints it: {@code nov/22/2026} (v6) or {@code 2026-11-22} (v7). */
  public String date(LocalDate date) {
    return this == V6 ? V6_DATE.format(date).toLowerCase(Locale.ROOT) : V7_DATE.format(date);
  }

  /** A date and time as in the export header: {@code nov/22/2026 05:20:11}. */
  public String dateTime(LocalDateTime time) {
    return date(time.toLocalDate()) + " " + TIME.format(time);
  }

  /** The BGP menu of this dialect: {@code routing bgp peer} (v6), {@code routing bgp connection} (v7). */
  public String bgpMenu() {
    return this == V6 ? "/routing bgp peer" : "/routing bgp connection";
  }
}
