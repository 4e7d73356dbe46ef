package io.haprovision.spi;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import java.util.List;

/** The {@code drain} and {@code undrain} actions of a platform, from its {@link Drainer}. */
public final class DrainActions {
  private DrainActions() {}

  /** Both actions, for {@link Target#actions()}. */
  public static List<PlatformAction> of(Drainer drainer) {
    return List.of(new Action(drainer, true), new Action(drainer, false));
  }

  private record Action(Drainer drainer, boolean drain) implements PlatformAction {
    @Override
    public String name() {
      return drain ? "drain" : "undrain";
    }

    @Override
    public String usage() {
      return "NODE";
    }

    @Override
    public String description() {
      return drain
          ? "move everything NODE serves to its peer without an outage and keep it there (across restarts and"
              + " reboots) until undrain"
          : "put a drained NODE back in service (it takes over again only where it is preferred and preempts)";
    }

    @Override
    public void checkArguments(PairSpec pair, List<String> args) {
      node(pair, args);
    }

    @Override
    public ActionResult run(ActionContext context, List<String> args) {
      NodeSpec node = node(context.pair(), args);
      String peer = context.pair().peerOf(node).name();
      return drain ? drainer.drain(context, node.name(), peer) : drainer.undrain(context, node.name(), peer);
    }

    private NodeSpec node(PairSpec pair, List<String> args) {
      String nodes = String.join(" and ", pair.nodes().stream().map(NodeSpec::name).toList());
      if (args.size() != 1) {
        throw new IllegalArgumentException(name() + " takes one node after the pair: " + name() + " " + pair.name()
            + " NODE (one of " + nodes + ")");
      }
      return pair.nodes().stream().filter(n -> n.name().equals(args.get(0))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("pair " + pair.name() + " has no node " + args.get(0)
              + "; its nodes are " + nodes));
    }
  }
}
