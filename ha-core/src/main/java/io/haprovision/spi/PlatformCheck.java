package io.haprovision.spi;

import io.haprovision.engine.verify.CheckResult;
import java.util.List;

/**
 * A verification check a platform adds to {@code verify} for its own pairs (conntrackd in
 * sync, DHCP served by the MASTER only...), without the core knowing the platform. Returned
 * by {@link Target#extraChecks}; the verifier runs them after its own checks (keepalived
 * running, single master, VIPs answering) and before any drill, in the order given.
 *
 * <p>A check reads the nodes only (it must not change them: verify is read-only apart
 * from the drills) through {@link PairCheckContext#run}. It returns one or more
 * {@link CheckResult}s, usually one named {@link #name()}. A check that throws does not end
 * the run: the verifier turns it into a FAILED result named {@link #name()} with the
 * exception's message (secrets redacted).
 */
public interface PlatformCheck {

  /** The check's name in reports ({@code conntrackd-sync}); also the name of the FAILED result when it throws. */
  String name();

  /**
   * Runs the check against one pair.
   *
   * @param context the pair, which node is MASTER (as the core's single-master check found
   *     it) and read access to both nodes
   * @return the results, never null; an empty list reports nothing
   */
  List<CheckResult> run(PairCheckContext context);
}
