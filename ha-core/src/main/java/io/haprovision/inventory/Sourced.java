package io.haprovision.inventory;

/**
 * A value and the key path it came from after inheritance (for example
 * {@code defaults.vrrp.advert_int} or {@code pairs[0].nodes[1].vrrp.advert_int}), so a
 * mismatch between the nodes can name both origins. A value nobody wrote carries the
 * path where it would have been written; {@link Problems#describe(String)} tells the two apart.
 */
public record Sourced<T>(T value, String path) {}
