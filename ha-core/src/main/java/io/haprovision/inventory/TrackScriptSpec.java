package io.haprovision.inventory;

import java.util.Optional;

/**
 * A {@code vrrp_script}: {@code script} runs every {@code interval} seconds; after
 * {@code fall} failures the priority changes by {@code weight} (or the instance faults
 * when weight is 0), after {@code rise} successes it is restored.
 */
public record TrackScriptSpec(
    String name, String script, int interval, Optional<Integer> timeout, int weight, int fall, int rise, String path) {}
