/**
 * RouterOS configuration as ha-provision models it: one {@link
 * io.haprovision.mikrotik.routeros.RouterOsEntry} per menu entry it manages (a VRRP
 * interface, an address, a script), compared property by property with what the router
 * prints ({@link io.haprovision.mikrotik.routeros.RouterOsEntryState}), turned into CLI
 * command lines, and laid out as a reviewable {@code .rsc} script
 * ({@link io.haprovision.mikrotik.routeros.RscScript}). Pure: nothing here talks to a router.
 */
package io.haprovision.mikrotik.routeros;
