/**
 * A simulated fleet for measuring the control host at scale: one Apache MINA SSHD process
 * serving up to a thousand pairs on loopback addresses, each node answering the facts probe
 * with real output recorded once from a converged lab pair, renamed and readdressed for that
 * node ({@link io.haprovision.lab.fleet.FleetRecorder}, {@link io.haprovision.lab.fleet.Renaming},
 * {@link io.haprovision.lab.fleet.ProbeReplay}, {@link io.haprovision.lab.fleet.FleetSimulator}).
 *
 * <p>The replay is text substitution over the recording, never the engine's own probe code: a
 * script that differs from the recorded one (after renaming) is refused with the first line
 * that differs, so a probe that changes makes the fleet say so instead of answering wrongly.
 */
package io.haprovision.lab.fleet;
