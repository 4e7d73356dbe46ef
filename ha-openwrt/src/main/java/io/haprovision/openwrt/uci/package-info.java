/**
 * UCI, OpenWrt's configuration store, as resources: {@link io.haprovision.openwrt.uci.UciOption}
 * (one option or list of a section) and {@link io.haprovision.openwrt.uci.UciSection} (a
 * section and its type), with the states a probe reads ({@link
 * io.haprovision.openwrt.uci.UciOptionState}, {@link io.haprovision.openwrt.uci.UciSectionState}),
 * the parser of {@code uci show} output that produces them ({@link
 * io.haprovision.openwrt.uci.UciShow}), and the {@code uci} command lines that apply them.
 *
 * <p>These kinds plug into the core planner through {@link io.haprovision.resource.Resource#compare};
 * the core knows nothing about UCI.
 */
package io.haprovision.openwrt.uci;
