/**
 * {@code provision import openwrt}: reading an OpenWrt pair built by hand from the guides into
 * an inventory ({@link io.haprovision.openwrt.adopt.OpenWrtImporter}), read-only.
 */
package io.haprovision.openwrt.adopt;
