package io.haprovision.keepalived;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@code vrrp_script} block: a command keepalived runs every {@code interval} seconds;
 * its failure changes the priority of the instances that track it by {@code weight}, or
 * puts them in FAULT when the weight is 0 or absent.
 *
 * @param name referenced by {@code track_script} blocks
 * @param script absolute path and arguments, rendered inside double quotes
 * @param interval seconds between runs, at least 1
 * @param timeout seconds before a run counts as failed
 * @param weight -254..254
 * @param fall failed runs before the script counts as down
 * @param rise successful runs before the script counts as up again
 */
public record VrrpScript(
    String name, String script, int interval, OptionalInt timeout, OptionalInt weight,
    OptionalInt fall, OptionalInt rise) {
  /** Checks the name, the command and every bound; throws {@link io.haprovision.error.InternalException}. */
  public VrrpScript {
    ConfSyntax.name(name, "vrrp_script name");
    ConfSyntax.command(script, "script of vrrp_script " + name);
    ConfSyntax.range(interval, 1, 86_400, "interval of vrrp_script " + name);
    ConfSyntax.range(Objects.requireNonNull(timeout, "timeout"), 1, 86_400, "timeout of vrrp_script " + name);
    ConfSyntax.range(Objects.requireNonNull(weight, "weight"), -254, 254, "weight of vrrp_script " + name);
    ConfSyntax.range(Objects.requireNonNull(fall, "fall"), 1, 1_000, "fall of vrrp_script " + name);
    ConfSyntax.range(Objects.requireNonNull(rise, "rise"), 1, 1_000, "rise of vrrp_script " + name);
  }

  /** A script with only its command and interval (no weight: a failure means FAULT). */
  public static VrrpScript of(String name, String script, int interval) {
    return new VrrpScript(name, script, interval, OptionalInt.empty(), OptionalInt.empty(),
        OptionalInt.empty(), OptionalInt.empty());
  }

  /** True when a failure changes the priority rather than forcing FAULT. */
  public boolean weighted() {
    return weight.isPresent() && weight.getAsInt() != 0;
  }
}
