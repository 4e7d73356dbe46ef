package io.haprovision.inventory;

import io.haprovision.spi.VerificationDefaults;
import java.util.Objects;
import java.util.Optional;

/**
 * A pair's {@code verify} section after inheritance (top {@code defaults.verify}, pair
 * {@code defaults.verify}, pair {@code verify}): the probe host the VIPs are pinged from, and
 * the checks that differ from the platform's {@link VerificationDefaults}. An empty value keeps
 * the platform's choice.
 *
 * @param probe the probe host, if the inventory names one
 * @param keepalivedRunning {@code keepalived_running}
 * @param singleMaster {@code single_master}
 * @param vipAnswers {@code vip_answers}
 * @param pingCount {@code ping_count}, 1 or more
 */
public record VerifySpec(
    Optional<ProbeSpec> probe,
    Optional<Boolean> keepalivedRunning,
    Optional<Boolean> singleMaster,
    Optional<Boolean> vipAnswers,
    Optional<Integer> pingCount) {
  private static final VerifySpec EMPTY =
      new VerifySpec(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Rejects nulls. */
  public VerifySpec {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(keepalivedRunning, "keepalivedRunning");
    Objects.requireNonNull(singleMaster, "singleMaster");
    Objects.requireNonNull(vipAnswers, "vipAnswers");
    Objects.requireNonNull(pingCount, "pingCount");
  }

  /** No probe host, every check as the platform says. */
  public static VerifySpec empty() {
    return EMPTY;
  }

  /** This section with {@code host} as its probe host. */
  public VerifySpec withProbe(ProbeSpec host) {
    return new VerifySpec(Optional.of(host), keepalivedRunning, singleMaster, vipAnswers, pingCount);
  }

  /** {@code platform}'s checks with every value this section sets put over them. */
  public VerificationDefaults over(VerificationDefaults platform) {
    return new VerificationDefaults(
        keepalivedRunning.orElse(platform.keepalivedRunning()),
        singleMaster.orElse(platform.singleMaster()),
        vipAnswers.orElse(platform.vipAnswers()),
        pingCount.orElse(platform.pingCount()));
  }
}
