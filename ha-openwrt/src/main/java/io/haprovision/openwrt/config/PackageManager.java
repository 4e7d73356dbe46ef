package io.haprovision.openwrt.config;

/** Which package manager installs packages on the nodes ({@code package_manager:}). */
public enum PackageManager {
  /** Detect on the node: {@code apk} on OpenWrt 25.x and later, {@code opkg} before. */
  AUTO,
  /** {@code opkg} (OpenWrt up to 24.10). */
  OPKG,
  /** {@code apk} (OpenWrt 25.x and later). */
  APK
}
