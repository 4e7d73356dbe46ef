package io.haprovision.spi;

import io.haprovision.secret.Secret;
import java.util.List;

/**
 * A platform's own section of a pair (the map under the key named after the platform,
 * such as {@code openwrt:}), bound by {@link Target#bindSection} into the platform's
 * own record that implements this interface.
 */
public interface PlatformSection {
  /** Every secret the section holds (API passwords...), so they are masked everywhere. */
  default List<Secret> secrets() {
    return List.of();
  }
}
