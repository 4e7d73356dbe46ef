package io.haprovision.engine.driver;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Resource;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.spi.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver of each resource on one platform: the platform's own drivers
 * ({@link Target#resourceDrivers()}) first, then the core's for files, lines, packages and
 * services. The driver whose type is the resource's class wins; otherwise the first whose
 * type the resource is an instance of.
 */
public final class Drivers {
  private final String platform;
  private final List<ResourceDriver<?>> drivers;

  private Drivers(String platform, List<ResourceDriver<?>> drivers) {
    this.platform = platform;
    this.drivers = List.copyOf(drivers);
  }

  /** The core drivers: files, lines, packages and services, detecting the tools on the node. */
  public static List<ResourceDriver<?>> core() {
    return List.of(new FileDriver(), new LineDriver(), PackageDriver.auto(), ServiceDriver.auto());
  }

  /** The drivers for {@code target}'s nodes. */
  public static Drivers forTarget(Target target) {
    List<ResourceDriver<?>> all = new ArrayList<>(target.resourceDrivers());
    all.addAll(core());
    return new Drivers(target.platform(), all);
  }

  /** Exactly these drivers, in this order of preference (tests). */
  public static Drivers of(String platform, List<ResourceDriver<?>> drivers) {
    return new Drivers(platform, drivers);
  }

  /**
   * The driver for {@code resource}.
   *
   * @throws InternalException when no driver handles its class: the platform produced a
   *     resource kind without registering a driver for it
   */
  @SuppressWarnings("unchecked")
  public <R extends Resource> ResourceDriver<R> of(R resource) {
    for (ResourceDriver<?> d : drivers) {
      if (d.type() == resource.getClass()) {
        return (ResourceDriver<R>) d;
      }
    }
    for (ResourceDriver<?> d : drivers) {
      if (d.type().isInstance(resource)) {
        return (ResourceDriver<R>) d;
      }
    }
    throw new InternalException("platform " + platform + " has no driver for resource kind "
        + resource.id().kind() + " (" + resource.getClass().getName() + "); register one in"
        + " Target.resourceDrivers()");
  }
}
