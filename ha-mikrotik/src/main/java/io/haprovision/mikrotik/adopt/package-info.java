/**
 * {@code provision import mikrotik}: reads a pair built with ha-mikrotik's {@code HA_init.rsc}
 * (read-only, no secret crosses the wire) into the inventory's {@code mikrotik:} section.
 */
package io.haprovision.mikrotik.adopt;
