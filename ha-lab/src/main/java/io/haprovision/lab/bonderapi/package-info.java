/**
 * A LAB STAND-IN for the Multapplied management server's REST API, as far as bonder
 * failover uses it: HTTPS with a self-signed certificate, Basic auth, bonds holding
 * connected IPs, routes and CPE NAT IPs, {@code GET} and {@code PATCH {"enabled": ...}}
 * on {@code /api/v3/bonds/{bond}/{kind}/{id}/}, a call log and fault injection
 * (5xx answers, slow answers). Entry point: {@link io.haprovision.lab.bonderapi.ManagementApiSimulator}.
 * It is not the real server and is not shaped after its code, only after FACTS.md.
 */
package io.haprovision.lab.bonderapi;
