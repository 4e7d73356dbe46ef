/**
 * Reading nodes in one round trip: {@link io.haprovision.engine.probe.Framing} joins the
 * probe snippets of every resource and of the node itself into one POSIX {@code sh} script
 * whose output is framed per section, and cuts the output back apart;
 * {@link io.haprovision.engine.probe.NodeProbes} holds the node-level snippets (system,
 * keepalived process, addresses, keepalived's state dump) and their parsers;
 * {@link io.haprovision.engine.probe.VrrpReading} decides each instance's role from the
 * bound VIPs, cross-checked with the state dump.
 */
package io.haprovision.engine.probe;
