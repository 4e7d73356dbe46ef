/**
 * A RouterOS stand-in for tests: simulated MikroTik routers that speak the subset of the
 * RouterOS CLI ha-provision uses, over a real SSH server (Apache MINA SSHD) on loopback.
 *
 * <p>This is a lab stand-in, not RouterOS. It models what /work/shared/FACTS.md (MikroTik
 * part) and the platform contract say: menus with their defaults, {@code /export terse},
 * {@code print terse} and {@code print as-value}, RouterOS-style syntax and runtime errors in
 * a v6 and a v7 dialect, the scripting subset the role hooks and the startup guard use, the
 * scheduler against a simulated clock, and a VRRP election between the two routers of a
 * {@link io.haprovision.lab.routeros.RouterOsLab} that runs the on-master/on-backup scripts.
 * Entry points: {@link io.haprovision.lab.routeros.RouterOsLab#start} and
 * {@link io.haprovision.lab.routeros.SimulatedRouter}.
 */
package io.haprovision.lab.routeros;
