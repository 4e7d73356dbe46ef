package io.haprovision.inventory;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A node's own address on an interface, with its prefix ({@code 192.168.1.2/24},
 * {@code 2001:db8::2/64}). The address is kept in canonical form.
 */
public record InterfaceAddress(String address, int prefix) {

  /** Checks the address and prefix; canonicalizes the address. */
  public InterfaceAddress {
    InetAddress ip = InetAddresses.forString(address);
    int max = maxPrefix(ip);
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix /" + prefix + " is outside 0.." + max + " for " + address);
    }
    address = InetAddresses.toAddrString(ip);
  }

  /**
   * Parses {@code address/prefix}; empty when the text is not one (no prefix, not an
   * IP address, prefix out of range).
   */
  public static Optional<InterfaceAddress> parse(String cidr) {
    if (cidr == null) {
      return Optional.empty();
    }
    int slash = cidr.indexOf('/');
    if (slash < 0 || !InetAddresses.isInetAddress(cidr.substring(0, slash))) {
      return Optional.empty();
    }
    String bits = cidr.substring(slash + 1);
    if (!bits.matches("[0-9]{1,3}")) {
      return Optional.empty();
    }
    InetAddress ip = InetAddresses.forString(cidr.substring(0, slash));
    int prefix = Integer.parseInt(bits);
    if (prefix > maxPrefix(ip)) {
      return Optional.empty();
    }
    return Optional.of(new InterfaceAddress(cidr.substring(0, slash), prefix));
  }

  /** {@code address/prefix}. */
  public String cidr() {
    return address + "/" + prefix;
  }

  /** True when {@code ip} (same family) lies in this address's network. */
  public boolean contains(String ip) {
    if (ip == null || !InetAddresses.isInetAddress(ip)) {
      return false;
    }
    byte[] mine = InetAddresses.forString(address).getAddress();
    byte[] theirs = InetAddresses.forString(ip).getAddress();
    if (mine.length != theirs.length) {
      return false;
    }
    return equalPrefix(mine, theirs, prefix);
  }

  /** The network in CIDR form: {@code 192.168.1.0/24} for {@code 192.168.1.2/24}. */
  public String network() {
    byte[] bytes = InetAddresses.forString(address).getAddress();
    for (int bit = prefix; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(bytes)) + "/" + prefix;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("an address of " + bytes.length + " bytes is always valid", e);
    }
  }

  /** True for an IPv4 address. */
  public boolean isIpv4() {
    return InetAddresses.forString(address) instanceof Inet4Address;
  }

  private static int maxPrefix(InetAddress ip) {
    return ip instanceof Inet4Address ? 32 : 128;
  }

  private static boolean equalPrefix(byte[] a, byte[] b, int bits) {
    for (int bit = 0; bit < bits; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return cidr();
  }
}
