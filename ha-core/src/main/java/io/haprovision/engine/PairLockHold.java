package io.haprovision.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The pair lock held on every node of one pair for one run (an apply, an action, the drills):
 * taken node by node, given back node by node, a stale one broken only when asked. What apply,
 * actions and drills share, so each says "busy" the same way.
 */
final class PairLockHold implements AutoCloseable {
  private final PairLock lock = PairLock.forThisProcess();
  private final PairContext pair;
  private final Consumer<String> failures;
  private final List<String> taken = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private PairLockHold(PairContext pair, Consumer<String> failures) {
    this.pair = pair;
    this.failures = failures;
  }

  /**
   * Takes the pair's lock on {@code nodes} in order for {@code what}.
   *
   * @param breakLock break a stale lock first (and say so in {@link #notes()})
   * @param failures told when a lock could not be given back at the end
   * @return the hold, or the refusal ("pair p1 is busy: apply by ...") when a node's lock is held
   */
  static Result take(PairContext pair, List<String> nodes, String what, boolean breakLock,
      Consumer<String> failures) {
    PairLockHold hold = new PairLockHold(pair, failures);
    if (LockStore.of(pair, nodes.get(0)).isEmpty()) {
      return new Result(Optional.of(hold), Optional.empty(), List.of()); // the platform keeps none
    }
    String path = pair.protocol.isPresent() ? "the " + pair.target.platform() + " lock record" : pair.lockPath();
    for (String node : nodes) {
      LockStore store = LockStore.of(pair, node).orElseThrow();
      Optional<Map<String, String>> holder = hold.lock.acquire(store, what);
      if (holder.isPresent() && breakLock) {
        Optional<String> stale = hold.lock.stale(holder.get(), Instant.now());
        if (stale.isPresent()) {
          PairLock.breakIt(store);
          hold.notes.add("broke the pair lock on " + node + " of " + PairLock.describe(holder.get()) + " ("
              + stale.get() + ")");
          holder = hold.lock.acquire(store, what);
        }
      }
      if (holder.isPresent()) {
        hold.close();
        return new Result(Optional.empty(), Optional.of("pair " + pair.name() + " is busy: "
            + PairLock.describe(holder.get()) + " holds its lock on " + node + " (" + path + "). Wait for that run"
            + " to end; if it is gone, run again with --break-lock (breaks a lock whose process is gone or that is"
            + " older than " + PairLock.STALE_AFTER.toMinutes() + " minutes)"), hold.notes);
      }
      hold.taken.add(node);
    }
    return new Result(Optional.of(hold), Optional.empty(), hold.notes);
  }

  /**
   * What {@link #take} gave.
   *
   * @param hold the hold, when every node's lock was taken
   * @param busy why not, when a node's lock is held by another run
   * @param notes locks broken on the way
   */
  record Result(Optional<PairLockHold> hold, Optional<String> busy, List<String> notes) {}

  /** Locks broken while taking this one. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  /** Gives the lock back on every node it was taken on; marks the run ended. */
  @Override
  public void close() {
    lock.end();
    for (String node : taken) {
      try {
        lock.release(LockStore.of(pair, node).orElseThrow());
      } catch (RuntimeException e) {
        // The session may be what broke (a cut, a change to the management path the node has
        // since reverted): a new connection can still give the lock back.
        try (io.haprovision.transport.Connection fresh = pair.reopen(node)) {
          lock.release(LockStore.of(pair, node, fresh).orElseThrow());
        } catch (RuntimeException again) {
          failures.accept(node + ": could not give the pair lock back: " + e.getMessage());
        }
      }
    }
    taken.clear();
  }
}
