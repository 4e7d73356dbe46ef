/**
 * The Multapplied bonder platform ({@code platform: bonder}): two Debian-based bonders
 * running keepalived over their private link; when one becomes MASTER its notify program
 * moves the floating routing objects (connected IPs, routes, CPE NAT IPs) to its own bond
 * through the management server's REST API. The pair's {@code bonder:} section
 * ({@link io.haprovision.bonder.BonderSection}), its checks, and each bonder's files,
 * packages and service ({@link io.haprovision.bonder.BonderDesiredState}); the
 * management API read from the control host for the preflight (API reachable, credentials
 * accepted, every id known, before any bonder is touched), the {@code api-state} check and
 * the {@code drill api-failover}; found by the core through
 * {@link io.haprovision.bonder.BonderTarget}.
 */
package io.haprovision.bonder;
