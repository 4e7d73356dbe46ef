package io.haprovision.openwrt;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.openwrt.config.OpenWrtSection;
import io.haprovision.openwrt.config.OpenWrtSectionBinder;
import io.haprovision.openwrt.uci.UciOptionDriver;
import io.haprovision.openwrt.uci.UciSectionDriver;
import io.haprovision.resource.DesiredNode;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.spi.Target;
import java.util.List;

/**
 * The OpenWrt platform ({@code platform: openwrt}): keepalived from UCI's
 * {@code alt_config_file}, conntrackd on a sync link, DHCP served by the MASTER only,
 * a role hook, and every managed path kept across sysupgrade. Found through
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class OpenWrtTarget implements Target {
  /** The platform's name in inventories. */
  public static final String PLATFORM = "openwrt";

  /** For {@link java.util.ServiceLoader}. */
  public OpenWrtTarget() {}

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public PlatformSection bindSection(SectionReader section, Problems problems) {
    return OpenWrtSectionBinder.bind(section, problems);
  }

  @Override
  public void validatePair(PairSpec pair, Problems problems) {
    OpenWrtPairRules.check(pair, pair.platformSection(OpenWrtSection.class), problems);
  }

  @Override
  public DesiredNode desired(PairSpec pair, NodeSpec node) {
    return OpenWrtDesired.of(pair, node);
  }

  /**
   * {@code conntrackd-sync} and {@code dhcp-master-only} when the pair manages them, and
   * {@code sysupgrade-keeps}: see {@link io.haprovision.openwrt.verify.OpenWrtChecks}.
   */
  @Override
  public List<io.haprovision.spi.PlatformCheck> extraChecks(PairSpec pair) {
    return io.haprovision.openwrt.verify.OpenWrtChecks.forPair(pair);
  }

  /**
   * {@code drill connection-failover} when the pair's inventory sets
   * {@code openwrt.connection_drill}: see {@link io.haprovision.openwrt.verify.ConnectionDrill}.
   */
  @Override
  public List<io.haprovision.spi.PlatformDrill> drills(PairSpec pair) {
    OpenWrtSection s = pair.platformSection(OpenWrtSection.class);
    return s.connectionDrill().enabled()
        ? List.of(new io.haprovision.openwrt.verify.ConnectionDrill(s.connectionDrill()))
        : List.of();
  }

  /** Drivers for UCI options and sections; files, lines, packages and services are the core's. */
  @Override
  public List<ResourceDriver<?>> resourceDrivers() {
    return List.of(new UciSectionDriver(), new UciOptionDriver());
  }

  /** procd's init script or systemd, decided on the node; nodes are drained through {@link OpenWrtPaths#DRAIN_FILE}. */
  @Override
  public io.haprovision.spi.KeepalivedControl keepalivedControl() {
    return io.haprovision.spi.KeepalivedControl.auto()
        .withDrainFile(new io.haprovision.keepalived.DrainFile(OpenWrtPaths.DRAIN_FILE));
  }

  /** {@code drain} and {@code undrain} (planned maintenance through keepalived's drain file). */
  @Override
  public List<io.haprovision.spi.PlatformAction> actions() {
    return io.haprovision.engine.KeepalivedDrain.actions(this);
  }

  /** Reads a pair built by hand from the OpenWrt guides ({@code provision import openwrt}). */
  @Override
  public java.util.Optional<io.haprovision.spi.PlatformImporter> importer() {
    return java.util.Optional.of(new io.haprovision.openwrt.adopt.OpenWrtImporter());
  }
}
