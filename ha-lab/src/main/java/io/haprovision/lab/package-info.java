/**
 * The lab: HA router pairs made of Linux network namespaces on the machine that
 * runs the tests, each node with its own overlay root, PID and mount namespace,
 * a real sshd and real daemons (keepalived, conntrackd, dnsmasq).
 *
 * <p>{@link io.haprovision.lab.Lab#up(LabSpec)} builds a lab and
 * {@link io.haprovision.lab.Lab#down(String)} removes every trace of it; all state
 * lives under {@code /run/ha-provision-lab/RUNID/} so another process can find and
 * remove it. {@link io.haprovision.lab.AddressPlan} documents the addresses.
 * Needs root and network namespaces.
 */
package io.haprovision.lab;
