package io.haprovision.mikrotik.device;

import io.haprovision.error.TargetException;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import io.haprovision.spi.NodeContext;
import io.haprovision.transport.ExecResult;

/**
 * The pair lock on a RouterOS router: a {@code /system script} named
 * {@code ha-provision-lock-PAIR} whose source holds the lock's lines. RouterOS refuses to add a
 * second script of the same name ({@code failure: item with such name already exists}, what
 * RouterOS API clients check for), so adding it is the atomic test-and-set; the core's
 * {@code PairLock} then reads the token back to see whose it is. Unlike the POSIX lock file in
 * a runtime directory, it survives a reboot: a lock left by a run that is gone stays until
 * {@code apply --break-lock}.
 */
public final class PairLockRecord implements io.haprovision.spi.PairLockRecords {
  /** The one instance: it holds no state. */
  public static final PairLockRecord RECORDS = new PairLockRecord();

  /** What the lock script's name starts with; the pair's name follows. */
  public static final String PREFIX = "ha-provision-lock-";

  private PairLockRecord() {}

  /** The lock script's name for {@code pair}. */
  public static String name(String pair) {
    return PREFIX + pair;
  }

  /** Adds the lock script unless one exists, then prints what it holds. */
  @Override
  public String take(NodeContext node, String pair, String content) {
    String name = RouterOsSyntax.value(name(pair));
    return run(node, ":do { /system script add name=" + name + " comment=" + RouterOsSyntax.value(
        "ha-provision: pair lock") + " source=" + RouterOsSyntax.value(content) + " } on-error={}\n" + print(name),
        "taking the pair lock");
  }

  /** What the lock script holds; empty when there is none. */
  @Override
  public String read(NodeContext node, String pair) {
    return run(node, print(RouterOsSyntax.value(name(pair))), "reading the pair lock");
  }

  /** Removes the lock script. */
  @Override
  public void remove(NodeContext node, String pair) {
    run(node, "/system script remove [find name=" + RouterOsSyntax.value(name(pair)) + "]\n", "removing the pair lock");
  }

  /** {@code apply by ops@ctl (pid 42) since 2026-...} from the lock's lines. */
  static String describe(String source) {
    java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
    source.lines().filter(l -> l.contains("=")).forEach(l -> f.put(l.substring(0, l.indexOf('=')),
        l.substring(l.indexOf('=') + 1)));
    String started = f.getOrDefault("started", "");
    return f.getOrDefault("command", "a run") + " by " + f.getOrDefault("owner", "?") + "@" + f.getOrDefault("host", "?")
        + " (pid " + f.getOrDefault("pid", "?") + ")" + (started.matches("[0-9]+")
        ? " since " + java.time.Instant.ofEpochSecond(Long.parseLong(started)) : "");
  }

  private static String print(String name) {
    return ":if ([:len [/system script find name=" + name + "]] > 0) do={ :put [/system script get [/system script"
        + " find name=" + name + "] source] }\n";
  }

  private static String run(NodeContext node, String script, String what) {
    ExecResult r = node.connection().exec(script);
    String out = r.stdout().replace("\r", "");
    if (!r.ok() || out.contains("failure:") || out.contains("syntax error") || out.contains("expected ")) {
      throw new TargetException(TargetException.Kind.FAILED, node.target(), "router " + node.node() + ": " + what
          + " failed: " + (out + r.stderr()).strip());
    }
    return out;
  }
}
