package io.haprovision.engine;

import io.haprovision.engine.probe.ProbeSection;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.transport.ShellQuote;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The handlers a node is owed, recorded on the node itself. Before an apply changes anything
 * that triggers a handler, it writes every handler of its plan to the ledger (atomically); each
 * handler that ran and succeeded comes off it. A session cut between a changed file and its
 * reload leaves the reload on the ledger, so the next plan reads it (a fact, like a file's
 * content) and plans the reload although every file is already in place.
 *
 * <p>The ledger lives in the platform's runtime directory ({@link
 * io.haprovision.spi.Target#runtimeDirectory()}): a reboot clears it, and rightly so, since
 * every daemon then starts from the files as they are.
 */
final class HandlerLedger {
  /** The probe section id. */
  static final String SECTION = "owed";

  private HandlerLedger() {}

  /** The ledger of node {@code node} of pair {@code pair} under {@code directory}. */
  static String path(String directory, String pair, String node) {
    return directory + "/owed-handlers." + safe(pair) + "." + safe(node);
  }

  /** The probe: the ledger's lines, nothing when there is none. */
  static ProbeSection probe(String path) {
    return new ProbeSection(SECTION, "cat " + ShellQuote.quote(path) + " 2>/dev/null; exit 0\n");
  }

  /** The owed handlers' names in what {@link #probe} printed. */
  static Set<String> parse(ProbeOutput out) {
    Set<String> names = new LinkedHashSet<>();
    if (out != null) {
      out.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
    }
    return names;
  }

  /**
   * The command that makes the ledger say exactly {@code names} (removes it when empty): written
   * to a temporary file, synced, renamed over the ledger.
   */
  static String write(String path, Collection<String> names) {
    String p = ShellQuote.quote(path);
    if (names.isEmpty()) {
      return "rm -f " + p;
    }
    String dir = ShellQuote.quote(path.substring(0, path.lastIndexOf('/')));
    StringBuilder lines = new StringBuilder();
    for (String n : names) {
      lines.append(' ').append(ShellQuote.quote(n));
    }
    String t = ShellQuote.quote(path + ".new");
    return "mkdir -p " + dir + " && printf '%s\\n'" + lines + " > " + t + " && { sync " + t + " 2>/dev/null || sync; }"
        + " && mv -f " + t + " " + p;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
