/**
 * How ha-provision talks to MikroTik routers: one RouterOS script per read
 * ({@link io.haprovision.mikrotik.device.RouterScripts}), the facts parsed from it
 * ({@link io.haprovision.mikrotik.device.RouterFacts}), the changes of a router sent as one
 * framed script behind a {@link io.haprovision.mikrotik.device.Revert scheduled revert}
 * ({@link io.haprovision.mikrotik.device.MikrotikProtocol}), the pair's health
 * ({@link io.haprovision.mikrotik.device.PairHealth}, {@link io.haprovision.mikrotik.device.MikrotikChecks})
 * and the operations {@code sync-standby}, {@code switch-role} and {@code bootstrap-script}.
 */
package io.haprovision.mikrotik.device;
