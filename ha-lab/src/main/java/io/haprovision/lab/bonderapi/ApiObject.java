package io.haprovision.lab.bonderapi;

/**
 * A routing object as the simulator holds it right now.
 *
 * @param kind    connected IP, route or CPE NAT IP
 * @param bond    the bond it belongs to
 * @param id      its id (unique per kind across bonds, as on the real server)
 * @param address its address or network
 * @param enabled whether it is enabled
 */
public record ApiObject(ObjectKind kind, int bond, int id, String address, boolean enabled) {}
