package io.haprovision.resource;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Comparison.Action;
import java.util.Objects;
import java.util.Optional;

/**
 * A package by name. Which package manager installs it (opkg, apk, apt) is the platform's
 * business at apply time; the plan only says install or remove.
 *
 * @param name the package name
 * @param ensure present (install) or absent (remove)
 */
public record PackageResource(String name, Ensure ensure) implements Resource {
  /** The kind in {@link ResourceId}s of packages. */
  public static final String KIND = "package";

  /** Rejects a blank name. */
  public PackageResource {
    Objects.requireNonNull(ensure, "ensure");
    if (name == null || name.isBlank() || name.contains(" ")) {
      throw new InternalException("package name must be one non-blank word, got '" + name + "'");
    }
  }

  /** The package must be installed. */
  public static PackageResource installed(String name) {
    return new PackageResource(name, Ensure.PRESENT);
  }

  /** The package must not be installed. */
  public static PackageResource removed(String name) {
    return new PackageResource(name, Ensure.ABSENT);
  }

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, name);
  }

  @Override
  public String describe() {
    return "package " + name + (ensure == Ensure.ABSENT ? " (absent)" : "");
  }

  @Override
  public Comparison compare(Optional<ResourceState> current) {
    PackageState now = ResourceState.expect(current, PackageState.class, id()).orElse(PackageState.missing());
    String version = now.version().map(v -> " (" + v + ")").orElse("");
    if (ensure == Ensure.PRESENT) {
      return now.installed()
          ? Comparison.none("package " + name + " is installed" + version)
          : Comparison.of(Action.CREATE, "install package " + name);
    }
    return now.installed()
        ? Comparison.of(Action.DELETE, "remove package " + name + version)
        : Comparison.none("package " + name + " is not installed");
  }
}
