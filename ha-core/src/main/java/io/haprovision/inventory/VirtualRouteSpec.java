package io.haprovision.inventory;

import java.util.Optional;

/** A route installed while the node is MASTER ({@code virtual_routes}); {@code to} is a CIDR. */
public record VirtualRouteSpec(String to, Optional<String> via, Optional<String> dev, Optional<String> src) {}
