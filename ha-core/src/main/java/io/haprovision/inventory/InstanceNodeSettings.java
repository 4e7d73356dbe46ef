package io.haprovision.inventory;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The settings of one VRRP instance on one node after inheritance (top defaults, pair
 * defaults, node {@code vrrp}, then the instance itself). Inherited values are
 * {@link Sourced} so a difference between the nodes can name where each came from.
 */
public record InstanceNodeSettings(
    int priority,
    VrrpState state,
    Sourced<BigDecimal> advertInt,
    Sourced<Integer> version,
    Sourced<Optional<VrrpAuth>> auth) {}
