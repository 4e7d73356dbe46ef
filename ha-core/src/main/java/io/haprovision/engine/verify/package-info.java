/**
 * Verification results and what verification needs from outside the pair: a
 * {@link io.haprovision.engine.verify.ProbeHost} that pings VIPs from the LAN, the
 * {@link io.haprovision.engine.verify.VerifyOptions} of a run, and the
 * {@link io.haprovision.engine.verify.VerifyReport} with its measured figures, rendered as
 * text, JSON and JUnit XML.
 */
package io.haprovision.engine.verify;
