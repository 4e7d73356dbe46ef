package io.haprovision.inventory;

import io.haprovision.error.InternalException;
import io.haprovision.spi.PlatformSection;
import java.util.List;

/**
 * A router pair: two nodes (one {@link NodeRole#PRIMARY}, one
 * {@link NodeRole#SECONDARY}), its VRRP setup, and its platform's own section as bound
 * by that platform. {@code path} is its key path ({@code pairs[0]}). {@code verify} is its
 * {@code verify} section after inheritance ({@link VerifySpec#empty()} when none is written).
 */
public record PairSpec(String name, String platform, List<NodeSpec> nodes, VrrpSpec vrrp, PlatformSection platformSection,
    String path, VerifySpec verify, RolloutSpec rollout) {
  /** Copies the node list; a null {@code verify} or {@code rollout} is the default section. */
  public PairSpec {
    nodes = List.copyOf(nodes);
    verify = verify == null ? VerifySpec.empty() : verify;
    rollout = rollout == null ? RolloutSpec.defaults() : rollout;
  }

  /** A pair with the default {@code rollout} section. */
  public PairSpec(String name, String platform, List<NodeSpec> nodes, VrrpSpec vrrp, PlatformSection platformSection,
      String path, VerifySpec verify) {
    this(name, platform, nodes, vrrp, platformSection, path, verify, RolloutSpec.defaults());
  }

  /** This pair with {@code section} as its verify section. */
  public PairSpec withVerify(VerifySpec section) {
    return new PairSpec(name, platform, nodes, vrrp, platformSection, path, section, rollout);
  }

  /** This pair with {@code section} as its rollout section. */
  public PairSpec withRollout(RolloutSpec section) {
    return new PairSpec(name, platform, nodes, vrrp, platformSection, path, verify, section);
  }

  /** The primary node. */
  public NodeSpec primary() {
    return node(NodeRole.PRIMARY);
  }

  /** The secondary node. */
  public NodeSpec secondary() {
    return node(NodeRole.SECONDARY);
  }

  /** The node with this role; a loaded inventory always has exactly one of each. */
  public NodeSpec node(NodeRole role) {
    return nodes.stream()
        .filter(n -> n.role() == role)
        .findFirst()
        .orElseThrow(() -> new InternalException("pair " + name + " has no " + role.yamlName() + " node"));
  }

  /** The other node of the pair. */
  public NodeSpec peerOf(NodeSpec node) {
    return node(node.role().other());
  }

  /** The section of the platform, cast to the type the platform binds it to. */
  public <S extends PlatformSection> S platformSection(Class<S> type) {
    if (!type.isInstance(platformSection)) {
      throw new InternalException("pair " + name + ": platform section is "
          + (platformSection == null ? "absent" : platformSection.getClass().getName()) + ", not " + type.getName());
    }
    return type.cast(platformSection);
  }
}
