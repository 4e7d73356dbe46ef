package io.haprovision.mikrotik;

import java.util.Optional;

/**
 * The RouterOS versions a pair may run, written {@code LOW..HIGH} where each bound is a
 * version prefix and both are inclusive: {@code 6.44..6.49} takes 6.44.0 up to every
 * 6.49.x, {@code 7.12..7} every 7.x from 7.12 on.
 *
 * @param lowest the lowest version allowed
 * @param highest the highest version prefix allowed
 */
public record VersionRange(RouterOsVersion lowest, RouterOsVersion highest) {
  /** What ha-provision is tested with on RouterOS 6: 6.44.x to 6.49.x. */
  public static final VersionRange SUPPORTED_V6 = parse("6.44..6.49").orElseThrow();
  /** Every RouterOS 7 release, the default for {@code routeros: 7}. */
  public static final VersionRange ALL_V7 = parse("7.1..7").orElseThrow();

  /** The range in {@code text} ({@code 7.12..7.16}, or one prefix such as {@code 7.15}); empty when malformed. */
  public static Optional<VersionRange> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] bounds = text.strip().split("\\.\\.", -1);
    if (bounds.length > 2 || !bounds[0].strip().matches("[0-9]+(\\.[0-9]+){0,2}")
        || !bounds[bounds.length - 1].strip().matches("[0-9]+(\\.[0-9]+){0,2}")) {
      return Optional.empty();
    }
    RouterOsVersion low = RouterOsVersion.parse(bounds[0].strip()).orElseThrow();
    RouterOsVersion high = RouterOsVersion.parse(bounds[bounds.length - 1].strip()).orElseThrow();
    return Optional.of(new VersionRange(low, high));
  }

  /** The default range for a dialect: {@link #SUPPORTED_V6} or {@link #ALL_V7}. */
  public static VersionRange defaultFor(int routerOs) {
    return routerOs == 6 ? SUPPORTED_V6 : ALL_V7;
  }

  /** True when {@code version} lies in this range. */
  public boolean contains(RouterOsVersion version) {
    return version.compareTo(lowest) >= 0 && version.truncate(highest.parts().size()).compareTo(highest) <= 0;
  }

  /** True when every version of {@code other} lies in this range. */
  public boolean covers(VersionRange other) {
    if (other.lowest.compareTo(lowest) < 0) {
      return false;
    }
    int mine = highest.parts().size();
    int theirs = other.highest.parts().size();
    // A shorter high bound allows everything under that prefix: 6 allows 6.99 too.
    return theirs >= mine
        ? other.highest.truncate(mine).compareTo(highest) <= 0
        : highest.truncate(theirs).compareTo(other.highest) > 0;
  }

  /** True when the range holds no version at all (its high bound is below its low one). */
  public boolean empty() {
    return lowest.truncate(highest.parts().size()).compareTo(highest) > 0;
  }

  /** The range as written: {@code 6.44..6.49}. */
  @Override
  public String toString() {
    return lowest.numbers() + ".." + highest.numbers();
  }
}
