package io.haprovision.lab.rehearse;

import io.haprovision.engine.LiveCopy;
import io.haprovision.inventory.PairSpec;
import java.util.List;
import java.util.Optional;

/**
 * Where the replicas of one rehearsal run: lab pairs of network namespaces for POSIX routers
 * ({@link NamespaceReplicas}), simulated routers for RouterOS ({@link SimulatedReplicas}). Pair
 * {@code index} (0-based) is the rehearsal's pair of that index.
 */
sealed interface Replicas extends AutoCloseable permits NamespaceReplicas, SimulatedReplicas {
  /** A name for the replicas: the lab's run id. */
  String id();

  /** Whether the replicas outlive the rehearsal when asked to ({@code --keep-lab}). */
  boolean canBeKept();

  /**
   * How pair {@code index}'s real values become its replica's.
   *
   * @param texts the pair's inventory YAML and every copied text, to find more values in
   */
  ReplicaMap map(int index, PairSpec pair, List<LiveCopy> copies, List<String> texts);

  /**
   * Pair {@code index}'s mapped inventory ({@code yaml}) with what lives outside the routers
   * pointed at the replica's stand-in for it (a bonder pair's management server); unchanged
   * when there is none.
   */
  String retarget(int index, String yaml);

  /** {@code mapped}, the pair loaded from its mapped inventory, made to reach its replica. */
  PairSpec reach(int index, PairSpec mapped);

  /**
   * Seeds the replica of {@code replica} with the routers' copies, {@code map} applied.
   *
   * @return what could not be copied, one line each (empty: everything)
   */
  List<String> seed(int index, PairSpec replica, ReplicaMap map, List<LiveCopy> copies);

  /** A client behind pair {@code index} pinging its LAN VIP, when the replica has a client and the pair a LAN VIP. */
  Optional<ClientPing> ping(int index, PairSpec replica);

  /** Stops the replicas (unless kept) and removes what they made. */
  @Override
  void close();
}
