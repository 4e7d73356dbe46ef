package io.haprovision.resource;

import java.util.Objects;
import java.util.Optional;

/**
 * A package as the node's package manager reports it.
 *
 * @param installed whether it is installed
 * @param version the installed version, when installed and known
 */
public record PackageState(boolean installed, Optional<String> version) implements ResourceState {
  /** Rejects null; an uninstalled package has no version. */
  public PackageState {
    Objects.requireNonNull(version, "version");
    if (!installed) {
      version = Optional.empty();
    }
  }

  /** Installed at {@code version}. */
  public static PackageState installed(String version) {
    return new PackageState(true, Optional.of(version));
  }

  /** Not installed. */
  public static PackageState missing() {
    return new PackageState(false, Optional.empty());
  }

  @Override
  public String fingerprint() {
    return installed ? "package installed " + version.orElse("?") : "package missing";
  }
}
