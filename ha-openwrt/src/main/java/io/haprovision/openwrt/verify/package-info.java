/**
 * OpenWrt's own verification checks ({@code conntrackd-sync}, {@code dhcp-master-only},
 * {@code sysupgrade-keeps}), contributed to {@code verify} through
 * {@link io.haprovision.spi.Target#extraChecks}. Parsing and judging are pure
 * ({@link io.haprovision.openwrt.verify.ConntrackdStats},
 * {@link io.haprovision.openwrt.verify.SysupgradeConf},
 * {@link io.haprovision.openwrt.verify.DhcpServing}); the checks only run commands.
 */
package io.haprovision.openwrt.verify;
