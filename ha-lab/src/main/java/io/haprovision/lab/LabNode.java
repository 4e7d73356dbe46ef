package io.haprovision.lab;

/**
 * One router of a lab pair.
 *
 * @param name              node name, also its host name and keepalived router_id ({@code p1-a})
 * @param role              {@code primary} (node A) or {@code secondary} (node B)
 * @param namespace         its network namespace ({@code hpl-RUNID-p1-a})
 * @param managementAddress SSH address on the management bridge (no prefix)
 * @param lanAddress        address of its {@code br-lan} link, with prefix
 * @param wanAddress        address of its {@code wan} link, with prefix
 * @param syncAddress       address of its {@code sync} link, with prefix
 */
public record LabNode(
    String name,
    String role,
    String namespace,
    String managementAddress,
    String lanAddress,
    String wanAddress,
    String syncAddress) {}
