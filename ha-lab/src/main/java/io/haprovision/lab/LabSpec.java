package io.haprovision.lab;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What lab to build.
 *
 * @param pairs       number of HA pairs, 1..{@value AddressPlan#MAX_PAIRS}
 * @param personality what the nodes look like: {@code openwrt} or {@code debian} ({@link Personality#names()})
 * @param runId       the run id to use (1..8 of {@code [a-z0-9]}), or empty for a random one
 */
public record LabSpec(int pairs, String personality, Optional<String> runId) {

  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{1,8}");

  /** Checks the values; throws {@link IllegalArgumentException} naming the bad one. */
  public LabSpec {
    if (pairs < 1 || pairs > AddressPlan.MAX_PAIRS) {
      throw new IllegalArgumentException(
          "a lab has 1.." + AddressPlan.MAX_PAIRS + " pairs, not " + pairs);
    }
    Personality.named(personality);
    runId.ifPresent(id -> {
      if (!RUN_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "run id '" + id + "' must be 1 to 8 lowercase letters or digits");
      }
    });
  }

  /** {@code pairs} OpenWrt pairs with a random run id. */
  public static LabSpec openwrt(int pairs) {
    return new LabSpec(pairs, "openwrt", Optional.empty());
  }

  /** {@code pairs} Debian pairs (such as Multapplied bonder pairs) with a random run id. */
  public static LabSpec debian(int pairs) {
    return new LabSpec(pairs, "debian", Optional.empty());
  }

  /** This spec with a fixed run id. */
  public LabSpec withRunId(String id) {
    return new LabSpec(pairs, personality, Optional.of(id));
  }

  /** True when {@code id} is a well-formed run id. */
  public static boolean isRunId(String id) {
    return id != null && RUN_ID.matcher(id).matches();
  }
}
