/**
 * The OpenWrt platform: {@link io.haprovision.openwrt.OpenWrtTarget} (registered for
 * {@link java.util.ServiceLoader}), the rules that check a pair's {@code openwrt:}
 * section against its nodes ({@link io.haprovision.openwrt.OpenWrtPairRules}), and what
 * each node gets: keepalived.conf with the role hook as notify command, the role hook
 * ({@link io.haprovision.openwrt.RoleHookScript}), conntrackd's file and its scratch-start
 * check ({@link io.haprovision.openwrt.ConntrackdConf}), DHCP options and static leases in
 * UCI, lease sync ({@link io.haprovision.openwrt.LeaseSync}), and the lines of
 * {@code /etc/sysupgrade.conf}. Where things go on the node: {@link
 * io.haprovision.openwrt.OpenWrtPaths}.
 */
package io.haprovision.openwrt;
