/**
 * The pair's {@code openwrt:} section: the records it binds into ({@link
 * io.haprovision.openwrt.config.OpenWrtSection} and its parts), the binder that reads
 * them from the inventory with the core's error quality ({@link
 * io.haprovision.openwrt.config.OpenWrtSectionBinder}), and the rules that check the
 * section against the pair's nodes and VRRP instances ({@link
 * io.haprovision.openwrt.config.OpenWrtPairRules}).
 */
package io.haprovision.openwrt.config;
