package io.haprovision.spi;

import io.haprovision.engine.verify.CheckResult;

/**
 * A drill a platform adds to {@code verify --drills} for its own pairs, where the core's
 * drills (which watch VIPs) cannot see what moves: bonders, whose floating objects move
 * through the management server's API. Returned by {@link Target#drills}; the verifier runs
 * them after the core's drills, one at a time, in the order given.
 *
 * <p>Unlike a {@link PlatformCheck}, a drill may change the nodes (stop keepalived on the
 * MASTER, say) and must put them back as it found them before it returns, whatever happened.
 * A drill that throws does not end the run: the verifier turns it into a FAILED result named
 * {@link #name()} with the exception's message (secrets redacted).
 */
public interface PlatformDrill {

  /** The drill's name in reports ({@code drill api-failover}); also the name of the FAILED result when it throws. */
  String name();

  /**
   * Runs the drill against one pair.
   *
   * @param context the pair, which node is MASTER now (read just before this drill), the
   *     nodes, keepalived's commands there and a clock
   * @return the result, usually named {@link #name()}, with measured figures
   */
  CheckResult run(PairDrillContext context);
}
