package io.haprovision.facts;

import io.haprovision.secret.Secret;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one VRRP instance puts on the wire, as far as its peer must speak the same to hear it:
 * its VRID, VRRP version, advert interval, authentication and whether it sends unicast. Two
 * nodes whose instances differ in any of these do not hear each other's adverts, and each
 * takes the VIPs after its master-down interval (split brain). Read from what keepalived runs
 * (its state dump) and from what the inventory asks for.
 *
 * @param virtualRouterId the VRID; 0 when unknown
 * @param version the VRRP version (2 or 3); 0 when unknown
 * @param advertInt the advert interval in seconds; empty when unknown
 * @param authType {@link #AUTH_NONE}, {@link #AUTH_PASS}, {@link #AUTH_AH}, or
 *     {@link #AUTH_UNKNOWN}
 * @param password the password of {@link #AUTH_PASS} or {@link #AUTH_AH}, when known
 * @param unicast whether the adverts go to unicast peers; empty when unknown
 */
public record VrrpWire(
    int virtualRouterId, int version, Optional<BigDecimal> advertInt, int authType, Optional<Secret> password,
    Optional<Boolean> unicast) {
  /** The authentication type is not known. */
  public static final int AUTH_UNKNOWN = -1;
  /** No authentication (keepalived's {@code auth_type} 0). */
  public static final int AUTH_NONE = 0;
  /** A plain password in each advert (keepalived's {@code auth_type} 1, {@code PASS}). */
  public static final int AUTH_PASS = 1;
  /** IPsec AH (keepalived's {@code auth_type} 2, {@code AH}). */
  public static final int AUTH_AH = 2;

  /** Normalizes the interval (1.0 and 1 are the same); rejects nulls. */
  public VrrpWire {
    advertInt = Objects.requireNonNull(advertInt, "advertInt").map(BigDecimal::stripTrailingZeros);
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(unicast, "unicast");
  }

  /**
   * What differs between this (what runs) and {@code wanted}, in words an operator reads
   * ({@code "advert_int 1 s -> 2 s"}); only fields both sides know count. Never prints a
   * password: a changed one reads {@code "the authentication password"}.
   */
  public List<String> differences(VrrpWire wanted) {
    List<String> out = new ArrayList<>();
    if (virtualRouterId > 0 && wanted.virtualRouterId > 0 && virtualRouterId != wanted.virtualRouterId) {
      out.add("VRID " + virtualRouterId + " -> " + wanted.virtualRouterId);
    }
    if (version > 0 && wanted.version > 0 && version != wanted.version) {
      out.add("VRRP version " + version + " -> " + wanted.version);
    }
    if (advertInt.isPresent() && wanted.advertInt.isPresent()
        && advertInt.get().compareTo(wanted.advertInt.get()) != 0) {
      out.add("advert_int " + advertInt.get().toPlainString() + " s -> " + wanted.advertInt.get().toPlainString()
          + " s");
    }
    if (authType != AUTH_UNKNOWN && wanted.authType != AUTH_UNKNOWN) {
      if (authType != wanted.authType) {
        out.add("authentication " + authName(authType) + " -> " + authName(wanted.authType));
      } else if (authType != AUTH_NONE && password.isPresent() && wanted.password.isPresent()
          && !onTheWire(password.get()).equals(onTheWire(wanted.password.get()))) {
        out.add("the authentication password");
      }
    }
    if (unicast.isPresent() && wanted.unicast.isPresent() && !unicast.get().equals(wanted.unicast.get())) {
      out.add((unicast.get() ? "unicast" : "multicast") + " -> " + (wanted.unicast.get() ? "unicast" : "multicast"));
    }
    return out;
  }

  // An advert carries 8 octets of password; keepalived keeps no more.
  private static String onTheWire(Secret password) {
    String p = password.reveal();
    return p.length() > 8 ? p.substring(0, 8) : p;
  }

  /**
   * True when the change re-creates the instance on a reload, so its MASTER gives the VIPs up
   * until its master-down interval has passed: a new VRID (another virtual router), or a switch
   * between unicast and multicast (measured in the lab: keepalived 2.2.7 drops the VIPs on such a
   * reload for about one master-down interval).
   */
  public boolean movesVips(VrrpWire wanted) {
    boolean vrid = virtualRouterId > 0 && wanted.virtualRouterId > 0 && virtualRouterId != wanted.virtualRouterId;
    boolean transport = unicast.isPresent() && wanted.unicast.isPresent() && !unicast.get().equals(wanted.unicast.get());
    return vrid || transport;
  }

  /**
   * The fields for a facts digest. The password goes in as it is: the digest is keyed
   * (see {@code DigestKey}), so it shows only that the password changed.
   */
  public String fingerprint() {
    return "vrid=" + virtualRouterId + " version=" + version + " advert_int="
        + advertInt.map(BigDecimal::toPlainString).orElse("?") + " auth=" + authType + " password="
        + password.map(Secret::reveal).orElse("?") + " unicast=" + unicast.map(String::valueOf).orElse("?");
  }

  /** keepalived's name for an authentication type. */
  public static String authName(int type) {
    return switch (type) {
      case AUTH_NONE -> "none";
      case AUTH_PASS -> "PASS";
      case AUTH_AH -> "AH";
      default -> "unknown";
    };
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "VrrpWire[vrid=" + virtualRouterId + ", version=" + version + ", advert_int="
        + advertInt.map(BigDecimal::toPlainString).orElse("?") + ", auth=" + authName(authType)
        + (password.isPresent() ? ", password " + Secret.MASK : "") + ", unicast="
        + unicast.map(String::valueOf).orElse("?") + "]";
  }
}
