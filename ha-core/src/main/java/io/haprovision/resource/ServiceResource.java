package io.haprovision.resource;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Comparison.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A daemon's boot and run status, and the handlers that reload or restart it. Naming the
 * handlers here lets the planner see that a reload and a restart of the same daemon were
 * both triggered (the restart covers the reload) and drop handlers of a daemon the plan
 * starts anyway or leaves stopped.
 *
 * @param name the service (init script or unit) name, e.g. {@code keepalived}
 * @param enabled should start at boot
 * @param running should run now
 * @param reloadHandler the handler that reloads it in place, if it can be reloaded
 * @param restartHandler the handler that restarts it, if any
 */
public record ServiceResource(
    String name, boolean enabled, boolean running, Optional<String> reloadHandler, Optional<String> restartHandler)
    implements Resource {

  /** The kind in {@link ResourceId}s of services. */
  public static final String KIND = "service";

  /** Rejects a blank name. */
  public ServiceResource {
    Objects.requireNonNull(reloadHandler, "reloadHandler");
    Objects.requireNonNull(restartHandler, "restartHandler");
    if (name == null || name.isBlank() || name.contains(" ")) {
      throw new InternalException("service name must be one non-blank word, got '" + name + "'");
    }
  }

  /** Enabled at boot and running, no handlers. */
  public static ServiceResource enabledAndRunning(String name) {
    return new ServiceResource(name, true, true, Optional.empty(), Optional.empty());
  }

  /** Disabled at boot and stopped, no handlers. */
  public static ServiceResource disabledAndStopped(String name) {
    return new ServiceResource(name, false, false, Optional.empty(), Optional.empty());
  }

  /** The same service with the names of its reload and restart handlers (either may be null). */
  public ServiceResource withHandlers(String reload, String restart) {
    return new ServiceResource(name, enabled, running, Optional.ofNullable(reload), Optional.ofNullable(restart));
  }

  /** The names of the handlers that act on this daemon: reload first, then restart. */
  public List<String> handlerNames() {
    List<String> names = new ArrayList<>();
    reloadHandler.ifPresent(names::add);
    restartHandler.ifPresent(names::add);
    return names;
  }

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, name);
  }

  @Override
  public String describe() {
    return "service " + name + " (" + (enabled ? "enabled" : "disabled") + ", " + (running ? "running" : "stopped") + ")";
  }

  @Override
  public Comparison compare(Optional<ResourceState> current) {
    // A service the node does not report is neither enabled nor running (not installed yet).
    ServiceState now = ResourceState.expect(current, ServiceState.class, id()).orElse(new ServiceState(false, false));
    List<String> steps = new ArrayList<>();
    if (now.enabled() != enabled) {
      steps.add(enabled ? "enable" : "disable");
    }
    if (now.running() != running) {
      steps.add(running ? "start" : "stop");
    }
    if (steps.isEmpty()) {
      return Comparison.none("service " + name + " is " + (enabled ? "enabled" : "disabled") + " and "
          + (running ? "running" : "stopped"));
    }
    return Comparison.of(Action.UPDATE, String.join(" and ", steps) + " service " + name);
  }
}
