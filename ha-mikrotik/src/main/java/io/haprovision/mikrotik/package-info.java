/**
 * The MikroTik RouterOS platform ({@code platform: mikrotik}): the pair's {@code mikrotik:}
 * section ({@link io.haprovision.mikrotik.MikrotikSection}), its validation, and each
 * router's desired configuration ({@link io.haprovision.mikrotik.MikrotikDesiredState}):
 * a dedicated HA link bridged as {@code bridge-ether8}, the {@code HA_VRRP} heartbeat on
 * it, one VRRP interface per service instance, role hooks that enable or disable the
 * traffic ports, and a startup guard. Found by the core through
 * {@link io.haprovision.mikrotik.MikrotikTarget}.
 */
package io.haprovision.mikrotik;
