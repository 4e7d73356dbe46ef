package io.haprovision.spi;

/**
 * Which checks {@code verify} runs on a pair of this platform unless the run says otherwise
 * (the inventory will be able to override them per pair).
 *
 * @param keepalivedRunning keepalived runs on both nodes
 * @param singleMaster every instance has exactly one MASTER (its VIPs bound on exactly one
 *     node, and keepalived's own state dump agrees)
 * @param vipAnswers every VIP answers ping from the pair's probe host (skipped when the run
 *     names none)
 * @param pingCount echo requests per VIP
 */
public record VerificationDefaults(
    boolean keepalivedRunning, boolean singleMaster, boolean vipAnswers, int pingCount) {
  /** Rejects a ping count below 1. */
  public VerificationDefaults {
    if (pingCount < 1) {
      throw new IllegalArgumentException("pingCount must be at least 1, got " + pingCount);
    }
  }

  /** Every check on, three pings per VIP. */
  public static VerificationDefaults standard() {
    return new VerificationDefaults(true, true, true, 3);
  }
}
