package io.haprovision.engine;

import io.haprovision.error.TargetException;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.ShellQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Commit-confirmed on a POSIX node: the commands that save what a change touches, arm a revert
 * that runs on the node itself, and confirm, disarm or fire it. Pure text; {@link ShellSteps}
 * runs it.
 *
 * <p>Everything lives in one directory per pair and node under the platform's runtime
 * directory ({@code revert.PAIR.NODE}): the saved files, {@code revert.sh}, {@code timer.sh},
 * the {@code deadline} (seconds since the epoch, by the node's clock) and a {@code log}. The
 * timer is a shell loop detached from the SSH session (SIGHUP ignored, no terminal, every
 * descriptor away from the channel), so a cut session, a dead control host or a management
 * path the change broke cannot stop it. It checks the deadline once a second.
 *
 * <p>The timer, a confirmation ({@link #disarm}) and an early revert ({@link #revertNow}) all
 * begin with {@code mkdir DIR/decided}: exactly one of them wins, so a revert never runs after
 * a confirmation, nor a confirmation after a revert began. A revert that finished moves the
 * directory to {@code DIR.last}, where its log stays for the report and for whoever looks.
 *
 * <p>Output protocol, one line first: {@code armed fire=EPOCH now=EPOCH}; {@code pending
 * fire=EPOCH} (exit {@value #PENDING}: an earlier run's revert is still armed);
 * {@code disarmed}; {@code reverting}; {@code none}; {@code reverted} followed by the revert's
 * log. A disarm or an early revert that finds the revert decided already prints its state and
 * exits {@value #FIRED}.
 */
final class ShellRevert {
  /** Exit status of {@link #arm} when an earlier run's revert is still armed. */
  static final int PENDING = 4;
  /** Exit status of {@link #disarm} and {@link #revertNow} when the revert was already decided. */
  static final int FIRED = 3;

  private ShellRevert() {}

  /** The revert's directory for one node of a pair. */
  static String directory(String runtimeDirectory, String pair, String node) {
    return runtimeDirectory + "/revert." + safe(pair) + "." + safe(node);
  }

  /**
   * What the revert does, in order: restore {@code files}, re-run {@code handlers} (the
   * services read their old files), run {@code restores} (services' enabled and running
   * state), then reload keepalived when it runs (unless a handler already did).
   *
   * @param files absolute paths, each saved once
   * @param handlers names and commands of the handlers the change runs
   * @param restores snippets from the drivers' {@link io.haprovision.spi.RevertSteps}
   * @param keepalivedRunning a POSIX test true when keepalived runs
   * @param keepalivedReload how to reload it, empty when a handler already does
   */
  record Contents(List<String> files, List<Named> handlers, List<Named> restores, String keepalivedRunning,
      Optional<String> keepalivedReload) {
    Contents {
      files = List.copyOf(new LinkedHashSet<>(files));
      handlers = List.copyOf(handlers);
      restores = List.copyOf(restores);
    }
  }

  /** A command with a name for the log. */
  record Named(String name, String command) {}

  /**
   * One command: refuses when a revert is armed already; saves every file (or its absence);
   * writes the revert and the timer; starts the timer. Prints {@code armed fire=.. now=..}.
   *
   * @param label who armed it, for the log (pair, node, run)
   */
  static String arm(String dir, Contents what, Duration window, String label) {
    long seconds = Math.max(1, window.toSeconds());
    String d = ShellQuote.quote(dir);
    StringBuilder s = new StringBuilder();
    s.append("# ha-provision revert: arm\n");
    s.append("d=").append(d).append("\n");
    s.append("umask 077\n");
    s.append("if [ -d \"$d\" ]; then echo \"pending fire=$(cat \"$d/deadline\" 2>/dev/null)\"; exit ")
        .append(PENDING).append("; fi\n");
    s.append("mkdir -p \"${d%/*}\" && mkdir \"$d\" && mkdir \"$d/saved\" || exit 1\n");
    s.append("rm -rf \"$d.last\"\n");
    // A failed save undoes the arm: nothing is changed without a way back.
    s.append("fail() { echo \"ha-provision: $1\" >&2; rm -rf \"$d\"; exit 1; }\n");
    for (int i = 0; i < what.files().size(); i++) {
      String f = ShellQuote.quote(what.files().get(i));
      s.append("if [ -e ").append(f).append(" ] || [ -L ").append(f).append(" ]; then cp -a ").append(f)
          .append(" \"$d/saved/").append(i).append("\" || fail ").append(ShellQuote.quote("could not save "
              + what.files().get(i))).append("; else : > \"$d/saved/").append(i).append(".absent\"; fi\n");
    }
    s.append("printf '%s' ").append(ShellQuote.quote(revertScript(dir, what, label))).append(" > \"$d/revert.sh\"")
        .append(" || fail 'could not write the revert'\n");
    s.append("printf '%s' ").append(ShellQuote.quote(timerScript(dir, seconds))).append(" > \"$d/timer.sh\"")
        .append(" || fail 'could not write the timer'\n");
    s.append("now=$(date +%s)\n");
    s.append("echo $((now + ").append(seconds).append(")) > \"$d/deadline\" || fail 'could not write the deadline'\n");
    // Detached: SIGHUP ignored across exec, no descriptor left on the SSH channel.
    s.append("( trap '' HUP INT; exec sh \"$d/timer.sh\" ) </dev/null >/dev/null 2>&1 &\n");
    s.append("echo $! > \"$d/timer.pid\"\n");
    s.append("echo \"armed fire=$((now + ").append(seconds).append(")) now=$now\"\n");
    return s.toString();
  }

  /** The timer: waits for the deadline, then reverts unless something else decided first. */
  private static String timerScript(String dir, long seconds) {
    return "d=" + ShellQuote.quote(dir) + "\n"
        + "while :; do\n"
        + "  dl=$(cat \"$d/deadline\" 2>/dev/null) || exit 0\n"
        + "  [ \"$(date +%s)\" -ge \"$dl\" ] && break\n"
        + "  sleep 1\n"
        + "done\n"
        + "mkdir \"$d/decided\" 2>/dev/null || exit 0\n"
        + "exec sh \"$d/revert.sh\" " + ShellQuote.quote("not confirmed within " + seconds + " s") + "\n";
  }

  /** The revert itself, written at arm time; its first argument says why it runs. */
  private static String revertScript(String dir, Contents what, String label) {
    StringBuilder s = new StringBuilder();
    s.append("d=").append(ShellQuote.quote(dir)).append("\n");
    s.append("say() { printf '%s %s\\n' \"$(date +%H:%M:%S)\" \"$*\" >> \"$d/log\"; }\n");
    s.append("say \"reverting ").append(escapeForDoubleQuotes(label)).append(": $1\"\n");
    s.append("back() {\n"
        + "  if [ -e \"$d/saved/$1.absent\" ]; then\n"
        + "    if [ -e \"$2\" ] || [ -L \"$2\" ]; then rm -rf \"$2\" && say \"removed $2 (it did not exist before)\""
        + " || say \"could not remove $2\"; fi\n"
        + "  elif [ ! -L \"$d/saved/$1\" ] && [ -f \"$2\" ] && [ ! -L \"$2\" ] && cmp -s \"$d/saved/$1\" \"$2\""
        + " && [ \"$(stat -c %a:%u:%g \"$d/saved/$1\")\" = \"$(stat -c %a:%u:%g \"$2\")\" ]; then\n"
        + "    say \"kept $2 (the change had not altered it)\"\n"
        + "  elif cp -a \"$d/saved/$1\" \"$2.ha-provision-revert\" && mv -f \"$2.ha-provision-revert\" \"$2\"; then\n"
        + "    say \"restored $2\"\n"
        + "  else\n"
        + "    say \"could not restore $2\"\n"
        + "  fi\n"
        + "}\n");
    for (int i = 0; i < what.files().size(); i++) {
      s.append("back ").append(i).append(' ').append(ShellQuote.quote(what.files().get(i))).append("\n");
    }
    for (Named h : what.handlers()) {
      s.append(step("handler " + h.name(), h.command()));
    }
    for (Named r : what.restores()) {
      s.append(step(r.name(), r.command()));
    }
    what.keepalivedReload().ifPresent(reload -> s.append("if ").append(what.keepalivedRunning()).append("; then\n")
        .append(step("reload keepalived", reload)).append("fi\n"));
    s.append("say done\n");
    // The saved copies may hold secrets: only the log stays.
    s.append("rm -rf \"$d/saved\" \"$d.last\"; mv \"$d\" \"$d.last\"\n");
    return s.toString();
  }

  /** One step of the revert in a subshell of its own (an {@code exit} in it ends only it), logged. */
  private static String step(String name, String command) {
    String n = ShellQuote.quote(name);
    return "if ( " + command + "\n) </dev/null >/dev/null 2>&1; then say " + n + " ok; else say " + n
        + " \"failed (exit $?)\"; fi\n";
  }

  /** Confirmation that the node still has its revert armed, read over a fresh connection. */
  static String status(String dir) {
    return "# ha-provision revert: status\n"
        + "d=" + ShellQuote.quote(dir) + "\n"
        + STATUS;
  }

  /** Prints the state of the revert in {@code $d}: armed, reverting, reverted (with its log) or none. */
  private static final String STATUS =
      "if [ -d \"$d\" ] && [ ! -d \"$d/decided\" ]; then echo \"armed fire=$(cat \"$d/deadline\") now=$(date +%s)\"\n"
      + "elif [ -d \"$d\" ]; then echo reverting\n"
      + "elif [ -f \"$d.last/log\" ]; then echo reverted; cat \"$d.last/log\"\n"
      + "else echo none; fi\n";

  /** The change stays: the timer is stopped and the saved copies dropped. */
  static String disarm(String dir) {
    return "# ha-provision revert: disarm\n"
        + "d=" + ShellQuote.quote(dir) + "\n"
        + "if [ ! -d \"$d\" ] || ! mkdir \"$d/decided\" 2>/dev/null; then\n" + STATUS + "exit " + FIRED + "\nfi\n"
        + "kill \"$(cat \"$d/timer.pid\")\" 2>/dev/null\n"
        + "rm -rf \"$d\" && echo disarmed\n";
  }

  /**
   * Runs the revert now, in this command, and prints its log; when the timer decided first,
   * prints its state instead (exit {@value #FIRED}).
   */
  static String revertNow(String dir, String why) {
    return "# ha-provision revert: now\n"
        + "d=" + ShellQuote.quote(dir) + "\n"
        + "if [ ! -d \"$d\" ] || ! mkdir \"$d/decided\" 2>/dev/null; then\n" + STATUS + "exit " + FIRED + "\nfi\n"
        + "kill \"$(cat \"$d/timer.pid\")\" 2>/dev/null\n"
        + "sh \"$d/revert.sh\" " + ShellQuote.quote(why) + "\n"
        + "echo reverted; cat \"$d.last/log\"\n";
  }

  /**
   * The note facts show for a revert of an earlier run still armed (or running) on a node, from
   * what {@link #status} printed; empty when none is.
   */
  static Optional<String> armedNote(String node, String dir, String statusOutput) {
    String first = statusOutput.strip().split("\n")[0].strip();
    if (first.startsWith("armed ")) {
      State.Armed a = (State.Armed) parse(new ExecResult(0, statusOutput, ""), node);
      return Optional.of("a revert is armed on " + node + " (" + dir + "): in " + (a.fire() - a.now()) + " s it puts"
          + " back what an unconfirmed run changed; apply refuses the pair until then");
    }
    if (first.equals("reverting")) {
      return Optional.of(node + " is reverting an unconfirmed run's change right now (" + dir + ")");
    }
    return Optional.empty();
  }

  /** What {@link #status} or {@link #revertNow} printed. */
  sealed interface State {
    /** Armed and waiting: it fires at {@code fire} (node clock), which was {@code now} when read. */
    record Armed(long fire, long now) implements State {}

    /** Reverted: the log's lines. */
    record Reverted(List<String> log) implements State {}

    /** Being reverted right now. */
    record Reverting() implements State {}

    /** Nothing armed and no revert's log. */
    record None() implements State {}
  }

  static State parse(ExecResult r, String target) {
    String[] lines = r.stdout().strip().split("\n");
    String first = lines.length == 0 ? "" : lines[0].strip();
    if (first.startsWith("armed ") || first.startsWith("pending ")) {
      return new State.Armed(number(first, "fire=", target), first.contains("now=") ? number(first, "now=", target)
          : 0);
    }
    if (first.equals("reverted")) {
      List<String> log = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          log.add(lines[i].strip());
        }
      }
      return new State.Reverted(log);
    }
    if (first.equals("reverting")) {
      return new State.Reverting();
    }
    if (first.equals("none")) {
      return new State.None();
    }
    throw new TargetException(TargetException.Kind.FAILED, target, "unexpected answer about the armed revert"
        + " (exit " + r.exitCode() + "): " + abbreviate(r.stdout() + r.stderr()));
  }

  private static long number(String line, String key, String target) {
    int i = line.indexOf(key);
    String rest = i < 0 ? "" : line.substring(i + key.length()).split(" ")[0];
    try {
      return Long.parseLong(rest);
    } catch (NumberFormatException e) {
      throw new TargetException(TargetException.Kind.FAILED, target, "the armed revert's " + key
          + " is not a number: " + abbreviate(line));
    }
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }

  private static String escapeForDoubleQuotes(String s) {
    return s.replaceAll("[^A-Za-z0-9 _./:@-]", "_");
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
