package io.haprovision.bonder;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.resource.DesiredNode;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.Target;

/**
 * The Multapplied bonder platform, {@code platform: bonder}: binds and checks the
 * {@code bonder:} section and gives each bonder its packages, files and service.
 * Stateless and thread-safe; found through {@link java.util.ServiceLoader}.
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
}
