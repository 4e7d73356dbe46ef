/**
 * {@code provision rehearse}: a change tried on a replica of the live pairs first. Entry point
 * {@link io.haprovision.lab.rehearse.Rehearsal#run}. Where replicas run: lab pairs of network
 * namespaces for OpenWrt and bonder pairs ({@code NamespaceReplicas}, with {@code ReplicaSeeder}
 * copying the routers' files, packages and services, and a management-API simulator for a
 * bonder pair), simulated routers for RouterOS ({@code SimulatedReplicas}, seeded from the
 * export). A {@link io.haprovision.lab.rehearse.ReplicaMap} turns real addresses into the
 * replica's ({@link io.haprovision.lab.rehearse.AddressMap}; hardware addresses for RouterOS);
 * the {@link io.haprovision.lab.rehearse.RehearsalReport} is what the user reads.
 */
package io.haprovision.lab.rehearse;
