package io.haprovision.secret;

import java.util.Objects;

/**
 * A secret value from the inventory (VRRP password, API password, ...). It prints as
 * {@code ******} everywhere: {@link #toString()}, Jackson (through {@link Redactor}),
 * FreeMarker unless {@link #reveal()} is called on purpose. Only code that writes the
 * secret to its destination (a 0600 file on the router) calls {@link #reveal()}.
 *
 * <p>Not a record on purpose: a record's generated {@code toString} would print the value.
 */
public final class Secret {
  /** What every rendering shows instead of a secret. */
  public static final String MASK = "******";

  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * A secret read from {@code origin}, which names where it came from without
   * holding it ({@code env:VRRP_PASS}, {@code file:/etc/ha/pass}, {@code literal}).
   */
  public static Secret of(String value, String origin) {
    return new Secret(value, origin);
  }

  /** The value itself. Call only to write it where it belongs; never log it. */
  public String reveal() {
    return value;
  }

  /** Where it came from: {@code env:NAME}, {@code file:PATH} or {@code literal}. Safe to print. */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return MASK;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
