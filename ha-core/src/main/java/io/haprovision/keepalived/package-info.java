/**
 * keepalived.conf for one node, shared by every platform that runs keepalived (OpenWrt,
 * bonders): an inventory-independent model ({@link io.haprovision.keepalived.KeepalivedConf}
 * and its parts), the mapping from a pair of the inventory to that model
 * ({@link io.haprovision.keepalived.KeepalivedConfs}) and the FreeMarker rendering
 * ({@link io.haprovision.keepalived.KeepalivedRenderer}).
 *
 * <p>The model refuses, when it is built, every value that would break the file's syntax
 * (newlines, quotes, braces, comment characters) and the combinations that make
 * {@code keepalived -t} fail on 2.2.x (a one-instance sync group, weighted tracking inside
 * a sync group, authentication with VRRPv3, ...). The inventory's validation is meant to
 * catch those first; reaching the model with one is a bug, hence
 * {@link io.haprovision.error.InternalException}.
 */
package io.haprovision.keepalived;
