package io.haprovision.bonder;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.resource.DesiredNode;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.PlatformCheck;
import io.haprovision.spi.PlatformDrill;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.PreflightProblem;
import io.haprovision.spi.Target;
import java.util.List;

/**
 * The Multapplied bonder platform, {@code platform: bonder}: binds and checks the
 * {@code bonder:} section, gives each bonder its packages, files and service, checks the
 * management API from the control host before a run touches a bonder (preflight), and
 * verifies that the API agrees with keepalived ({@code api-state}) and follows a failover
 * ({@code drill api-failover}). Stateless and thread-safe; found through
 * {@link java.util.ServiceLoader}.
 */
public final class BonderTarget implements Target {
  /** The platform's name in inventories. */
  public static final String PLATFORM = "bonder";

  /** For {@link java.util.ServiceLoader}. */
  public BonderTarget() {}

  @Override
  public String platform() {
    return PLATFORM;
  }

  /** Bonder keepalived moves no address itself: the floating objects move through the API. */
  @Override
  public boolean requiresVips() {
    return false;
  }

  @Override
  public PlatformSection bindSection(SectionReader section, Problems problems) {
    return BonderSectionBinder.bind(section);
  }

  @Override
  public void validatePair(PairSpec pair, Problems problems) {
    BonderPairValidator.validate(pair, problems);
  }

  @Override
  public DesiredNode desired(PairSpec pair, NodeSpec node) {
    return BonderDesiredState.forNode(pair, node);
  }

  /**
   * Bonders are Debian with systemd: {@code systemctl reload|stop|start keepalived}; nodes are
   * drained through {@link BonderPaths#DRAIN_FILE}.
   */
  @Override
  public KeepalivedControl keepalivedControl() {
    return KeepalivedControl.systemd().withDrainFile(new io.haprovision.keepalived.DrainFile(BonderPaths.DRAIN_FILE));
  }

  /** Reads a pair built from the swap-active-bond guide ({@code provision import bonder}). */
  @Override
  public java.util.Optional<io.haprovision.spi.PlatformImporter> importer() {
    return java.util.Optional.of(new io.haprovision.bonder.adopt.BonderImporter());
  }

  /** {@code drain} and {@code undrain} (planned maintenance through keepalived's drain file). */
  @Override
  public List<io.haprovision.spi.PlatformAction> actions() {
    return io.haprovision.engine.KeepalivedDrain.actions(this);
  }

  /**
   * The management API from the control host: reachable, the credentials accepted, both
   * bonds and every object id known. Skipped when {@code bonder.api.preflight} is false.
   */
  @Override
  public List<PreflightProblem> preflight(PairSpec pair) {
    BonderSection section = pair.platformSection(BonderSection.class);
    if (!section.api().preflight()) {
      return List.of();
    }
    return BonderPreflight.check(pair, ApiClient.forControlHost(section.api()));
  }

  /** {@code api-state}: the MASTER's bond carries the objects in the API, the other's none. */
  @Override
  public List<PlatformCheck> extraChecks(PairSpec pair) {
    return List.of(new ApiStateCheck());
  }

  /** {@code drill api-failover}: stop keepalived on the MASTER and time the swap in the API. */
  @Override
  public List<PlatformDrill> drills(PairSpec pair) {
    return List.of(new ApiFailoverDrill());
  }
}
