package io.haprovision.lab;

/**
 * Where every lab address comes from. Only documentation and benchmarking ranges
 * are used, and only the management subnet is ever routed on the host (through the
 * lab's one host veth); all other segments exist only inside the lab's namespaces,
 * so concurrent labs may reuse them.
 *
 * <pre>
 * management (per lab, slot S = 1..254, unique among running labs and host routes)
 *   198.18.S.0/24      host veth 198.18.S.1, node A of pair P 198.18.S.(100+P),
 *                      node B 198.18.S.(200+P), LAN client of pair P 198.18.S.(50+P)
 * LAN of pair P (1..50): 198.19.P.0/24
 *                      VIP .1, node A .2, node B .3, client .100 (default route via VIP)
 * WAN of pair P:       203.0.113.(8(P-1))/29 for P 1..32, 192.0.2.(8(P-33))/29 for P 33..50
 *                      upstream +1, node A +2, node B +3, VIP +4
 * sync link of pair P: 198.51.100.(4(P-1))/30, node A +1, node B +2
 * </pre>
 */
public final class AddressPlan {
  /** Most pairs one lab holds. */
  public static final int MAX_PAIRS = 50;
  /** Lowest management slot. */
  public static final int MIN_SLOT = 1;
  /** Highest management slot. */
  public static final int MAX_SLOT = 254;

  private AddressPlan() {}

  /** The lab's management subnet, {@code 198.18.S.0/24}. */
  public static String managementSubnet(int slot) {
    checkSlot(slot);
    return "198.18." + slot + ".0/24";
  }

  /** The host's own address on the management bridge, {@code 198.18.S.1}. */
  public static String hostAddress(int slot) {
    checkSlot(slot);
    return "198.18." + slot + ".1";
  }

  /** Management (SSH) address of node A ({@code secondary == false}) or B of pair {@code pair}. */
  public static String managementAddress(int slot, int pair, boolean secondary) {
    checkSlot(slot);
    checkPair(pair);
    return "198.18." + slot + "." + ((secondary ? 200 : 100) + pair);
  }

  /** Management (SSH) address of the LAN client of pair {@code pair}, {@code 198.18.S.(50+P)}. */
  public static String clientManagementAddress(int slot, int pair) {
    checkSlot(slot);
    checkPair(pair);
    return "198.18." + slot + "." + (50 + pair);
  }

  /** The LAN subnet of a pair, {@code 198.19.P.0/24}. */
  public static String lanSubnet(int pair) {
    checkPair(pair);
    return "198.19." + pair + ".0/24";
  }

  /** An address in the LAN of a pair, with its prefix: host part {@code host}. */
  public static String lan(int pair, int host) {
    checkPair(pair);
    return "198.19." + pair + "." + host + "/24";
  }

  /** The WAN subnet of a pair, {@code 203.0.113.(8(P-1))/29}. */
  public static String wanSubnet(int pair) {
    checkPair(pair);
    return wanBase(pair) + "/29";
  }

  /** An address in the WAN of a pair with its prefix; {@code offset} 1..6 from the subnet base. */
  public static String wan(int pair, int offset) {
    checkPair(pair);
    String base = wanBase(pair);
    int dot = base.lastIndexOf('.');
    return base.substring(0, dot + 1) + (Integer.parseInt(base.substring(dot + 1)) + offset) + "/29";
  }

  /** The sync link subnet of a pair, {@code 198.51.100.(4(P-1))/30}. */
  public static String syncSubnet(int pair) {
    checkPair(pair);
    return "198.51.100." + (4 * (pair - 1)) + "/30";
  }

  /** An address on the sync link of a pair with its prefix; {@code offset} 1 (A) or 2 (B). */
  public static String sync(int pair, int offset) {
    checkPair(pair);
    return "198.51.100." + (4 * (pair - 1) + offset) + "/30";
  }

  /** The address part of {@code a.b.c.d/n}. */
  public static String withoutPrefix(String cidr) {
    int slash = cidr.indexOf('/');
    return slash < 0 ? cidr : cidr.substring(0, slash);
  }

  // TEST-NET-3 holds 32 /29s; the pairs past the 32nd take theirs from TEST-NET-1.
  private static String wanBase(int pair) {
    return pair <= 32 ? "203.0.113." + (8 * (pair - 1)) : "192.0.2." + (8 * (pair - 33));
  }

  private static void checkSlot(int slot) {
    if (slot < MIN_SLOT || slot > MAX_SLOT) {
      throw new IllegalArgumentException("lab slot " + slot + " is outside " + MIN_SLOT + ".." + MAX_SLOT);
    }
  }

  private static void checkPair(int pair) {
    if (pair < 1 || pair > MAX_PAIRS) {
      throw new IllegalArgumentException("pair " + pair + " is outside 1.." + MAX_PAIRS);
    }
  }
}
