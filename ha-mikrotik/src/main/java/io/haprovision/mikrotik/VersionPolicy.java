package io.haprovision.mikrotik;

import java.util.Optional;

/**
 * Which RouterOS versions ha-provision may change on a pair. The router's version is read
 * before anything else; one outside {@code allowed} is refused unless the inventory sets
 * {@code allow_unsupported_version: true}. The major version must match the dialect the
 * inventory's {@code routeros} key chose in every case, because the commands differ.
 *
 * @param routerOs the dialect the desired state is written in: 6 or 7
 * @param allowed the versions allowed
 * @param allowUnsupported go on with a version outside {@code allowed}
 * @param path key path of the pair's {@code mikrotik} section, for messages
 */
public record VersionPolicy(int routerOs, VersionRange allowed, boolean allowUnsupported, String path) {

  /**
   * Why a router reporting {@code reported} (as {@code /system resource print} shows it)
   * must not be changed, or empty when it may. {@code router} names it in the message.
   */
  public Optional<String> refusal(String router, String reported) {
    Optional<RouterOsVersion> parsed = RouterOsVersion.parse(reported);
    if (parsed.isEmpty()) {
      return Optional.of(router + " reports RouterOS version '" + reported
          + "', which ha-provision cannot read; nothing was changed");
    }
    RouterOsVersion version = parsed.get();
    if (version.major() != routerOs) {
      return Optional.of(router + " runs RouterOS " + version + " but " + path + ".routeros says " + routerOs
          + "; set routeros: " + version.major() + " if that is intended (the commands differ between 6 and 7)");
    }
    if (allowed.contains(version) || allowUnsupported) {
      return Optional.empty();
    }
    return Optional.of(router + " runs RouterOS " + version + ", outside the versions allowed (" + allowed
        + (routerOs == 6 ? "; ha-provision is tested with 6.44.x to 6.49.x" : "")
        + "); upgrade the router, widen " + path + ".versions, or set " + path
        + ".allow_unsupported_version: true to go on at your own risk");
  }
}
