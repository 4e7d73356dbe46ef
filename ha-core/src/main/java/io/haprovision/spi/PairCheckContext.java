package io.haprovision.spi;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.transport.ExecResult;
import java.util.Optional;

/** What a {@link PlatformCheck} sees of the pair it verifies. */
public interface PairCheckContext {

  /** The pair as the inventory describes it. */
  PairSpec pair();

  /**
   * The node that is MASTER of every keepalived instance while its peer is BACKUP of every
   * one, as the core read the nodes before running the platform's checks. Empty when there
   * is no such node (no MASTER, split brain, keepalived down, mixed roles, no instance).
   */
  Optional<String> master();

  /** The MASTER's peer when {@link #master()} is present, else empty. */
  default Optional<String> backup() {
    return master().map(m -> pair().nodes().stream().map(NodeSpec::name).filter(n -> !n.equals(m))
        .findFirst().orElseThrow());
  }

  /**
   * Runs a shell command on {@code node} (a node name of {@link #pair()}) over the session's
   * connection, with the connection's command timeout. Read-only use only.
   *
   * @return the exit code and output; a non-zero exit is returned, not thrown
   * @throws io.haprovision.error.TargetException when the node cannot be reached
   */
  ExecResult run(String node, String command);
}
