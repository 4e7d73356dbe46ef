package io.haprovision.mikrotik.device;

import io.haprovision.facts.VrrpWire;
import io.haprovision.mikrotik.Heartbeat;
import io.haprovision.mikrotik.routeros.RouterOsValues;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the heartbeat puts on the HA link, wanted and as a router runs it: its VRID, VRRP
 * version and advert interval (it uses no authentication; unicast is not compared).
 */
public final class HeartbeatWire {
  private HeartbeatWire() {}

  /** What the inventory's heartbeat is to put on the wire. */
  public static VrrpWire of(Heartbeat hb) {
    return new VrrpWire(hb.vrid(), hb.version(), Optional.of(hb.interval()), VrrpWire.AUTH_NONE, Optional.empty(),
        Optional.empty());
  }

  /** What {@code printed} (the heartbeat as {@code /interface vrrp print} shows it) puts on the wire. */
  static VrrpWire of(PrintedEntry printed) {
    int vrid = parse(printed.get("vrid"));
    int version = parse(printed.get("version"));
    String i = printed.get("interval").strip();
    // A bare number is seconds; otherwise a RouterOS time value (1s, 100ms).
    Optional<BigDecimal> interval = i.matches("[0-9]+(\\.[0-9]+)?") ? Optional.of(new BigDecimal(i))
        : RouterOsValues.millis(i).map(ms -> BigDecimal.valueOf(ms).movePointLeft(3));
    String auth = printed.get("authentication");
    int authType = auth.isEmpty() ? VrrpWire.AUTH_UNKNOWN : auth.equals("none") ? VrrpWire.AUTH_NONE
        : auth.equals("ah") ? VrrpWire.AUTH_AH : VrrpWire.AUTH_PASS;
    return new VrrpWire(vrid, version, interval, authType, Optional.empty(), Optional.empty());
  }

  private static int parse(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
