package io.haprovision.inventory;

/** How the adverts of an instance travel: {@link Unicast} to the peer or {@link Multicast}. */
public sealed interface VrrpTransport permits Unicast, Multicast {}
