package io.haprovision.engine.verify;

import io.haprovision.inventory.PairSpec;
import io.haprovision.spi.VerificationDefaults;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a verify run does beyond the platform's defaults.
 *
 * @param drills also run the drills (failover, reload-safe): they stop and reload keepalived
 *     on the MASTER, so only on request
 * @param probeHosts the probe host of each pair, winning over the one the inventory names
 *     ({@code verify.probe}); empty: the inventory's, and without one the VIP check is skipped
 * @param checks the checks to run on every pair instead of each platform's
 *     {@link io.haprovision.spi.Target#verificationDefaults} with the inventory's {@code verify}
 *     overrides; empty: those
 */
public record VerifyOptions(
    boolean drills, Function<PairSpec, Optional<ProbeHost>> probeHosts, Optional<VerificationDefaults> checks) {
  /** Rejects nulls. */
  public VerifyOptions {
    Objects.requireNonNull(probeHosts, "probeHosts");
    Objects.requireNonNull(checks, "checks");
  }

  /** The platform's checks, no drills, no probe host. */
  public static VerifyOptions defaults() {
    return new VerifyOptions(false, pair -> Optional.empty(), Optional.empty());
  }

  /** These options with drills on or off. */
  public VerifyOptions withDrills(boolean on) {
    return new VerifyOptions(on, probeHosts, checks);
  }

  /** These options with a probe host per pair. */
  public VerifyOptions withProbeHosts(Function<PairSpec, Optional<ProbeHost>> hosts) {
    return new VerifyOptions(drills, hosts, checks);
  }

  /** These options with the same checks for every pair. */
  public VerifyOptions withChecks(VerificationDefaults which) {
    return new VerifyOptions(drills, probeHosts, Optional.of(which));
  }
}
