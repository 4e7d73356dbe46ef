/**
 * The {@code openwrt} lab personality: OpenWrt's files and lab stand-ins for its tools
 * ({@code uci}, {@code opkg}, procd init scripts) on a Debian-based lab node.
 */
package io.haprovision.lab.openwrt;
