package io.haprovision.engine;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One writer per pair: a lock on each router of the pair (so a second control host sees it
 * too), created atomically with who holds it, from where, which process and since when: a file
 * made with the shell's noclobber on POSIX nodes, a record of the platform's own elsewhere
 * ({@link LockStore}). An apply, an action or the drills take it on both routers before they
 * change anything and give it back at the end; a second run finds it and is refused at once. A lock whose owner is gone
 * stays until an apply with {@code --break-lock} breaks it, and only when it is stale: its
 * process is dead (when it was taken on this control host) or it is older than {@link
 * #STALE_AFTER}.
 *
 * <p>The file lives in the platform's runtime directory: a reboot ends every session that could
 * hold it, and clears it.
 */
final class PairLock {
  /** A lock older than this counts as stale for {@code --break-lock}, whoever holds it. */
  static final Duration STALE_AFTER = Duration.ofMinutes(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** What the acquire script exits with when the lock is held; it prints the holder's lines. */
  static final int HELD = 75;
  /**
   * Tokens of this process's runs that have ended: a lock one of them could not give back (its
   * session was lost) has an owner that is gone although the process lives on.
   */
  private static final java.util.Set<String> ENDED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final String token;
  private final String owner;
  private final String host;
  private final long pid;

  private PairLock(String token, String owner, String host, long pid) {
    this.token = token;
    this.owner = owner;
    this.host = host;
    this.pid = pid;
  }

  /** A lock for this process on this control host. */
  static PairLock forThisProcess() {
    byte[] r = new byte[8];
    RANDOM.nextBytes(r);
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return new PairLock(HexFormat.of().formatHex(r), System.getProperty("user.name", "unknown"), host,
        ProcessHandle.current().pid());
  }

  /** The lock file of pair {@code pair} under {@code directory}. */
  static String path(String directory, String pair) {
    return directory + "/lock." + pair.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * Takes the lock in {@code store} for {@code what}.
   *
   * @return empty when taken; otherwise the holder's fields
   */
  Optional<Map<String, String>> acquire(LockStore store, String what) {
    String content = "token=" + token + "\nowner=" + owner + "\nhost=" + host + "\npid=" + pid + "\nstarted="
        + Instant.now().getEpochSecond() + "\ncommand=" + what.replaceAll("\\s+", " ") + "\n";
    Map<String, String> now = fields(store.take(content));
    // This run's own lock (also when two nodes share a file system, as in a test).
    return token.equals(now.get("token")) ? Optional.empty() : Optional.of(now);
  }

  /** Removes the lock in {@code store} if it is still this one's (never another run's). */
  void release(LockStore store) {
    store.removeIfHeldBy(token);
  }

  /** Marks this run as ended: a lock of it left on a node is then stale. */
  void end() {
    ENDED.add(token);
  }

  /** Removes the lock in {@code store} whoever holds it (for {@code --break-lock}, after {@link #stale}). */
  static void breakIt(LockStore store) {
    store.remove();
  }

  /** Why a held lock is stale (its process is gone, or it is old), or empty when it may still be in use. */
  Optional<String> stale(Map<String, String> holder, Instant now) {
    long started = parseLong(holder.get("started"));
    Duration age = Duration.ofSeconds(Math.max(0, now.getEpochSecond() - started));
    if (ENDED.contains(holder.get("token"))) {
      return Optional.of("the run that took it has ended without giving it back (its session was lost)");
    }
    if (host.equals(holder.get("host")) && holder.containsKey("pid")
        && ProcessHandle.of(parseLong(holder.get("pid"))).isEmpty()) {
      return Optional.of("its process " + holder.get("pid") + " on " + host + " is gone");
    }
    if (age.compareTo(STALE_AFTER) > 0) {
      return Optional.of("it is " + age.toMinutes() + " minutes old");
    }
    return Optional.empty();
  }

  /** {@code apply by root@ctl (pid 42) since 2026-12-07T00:30:00Z}. */
  static String describe(Map<String, String> holder) {
    return holder.getOrDefault("command", "a run") + " by " + holder.getOrDefault("owner", "?") + "@"
        + holder.getOrDefault("host", "?") + " (pid " + holder.getOrDefault("pid", "?") + ") since "
        + Instant.ofEpochSecond(parseLong(holder.get("started")));
  }

  static Map<String, String> fields(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    text.lines().filter(l -> l.contains("=")).forEach(l -> out.put(l.substring(0, l.indexOf('=')),
        l.substring(l.indexOf('=') + 1)));
    return out;
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
