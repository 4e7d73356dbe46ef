package io.haprovision.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the revert armed before a node's change (commit-confirmed) puts one resource back as it
 * was: the files to save before the change and restore after it, and a POSIX {@code sh}
 * snippet run after every file is back (a service's enabled and running state). The engine
 * saves each file once per node, however many resources name it, restores it atomically
 * (a copy beside it renamed over it) or removes it when it did not exist, then runs the
 * change's handlers, the snippets, and a keepalived reload.
 *
 * @param files absolute paths whose content, mode and owner the revert restores
 * @param restore a snippet run by the revert after the files are back; empty for none. It
 *     must be idempotent and quote every variable part ({@link io.haprovision.transport.ShellQuote})
 * @param notRestored what the revert leaves as the change made it, and why (a package stays
 *     installed); empty when everything is put back
 */
public record RevertSteps(List<String> files, String restore, Optional<String> notRestored) {
  private static final RevertSteps NONE = new RevertSteps(List.of(), "", Optional.empty());

  /** Copies the list; rejects nulls and relative paths. */
  public RevertSteps {
    files = List.copyOf(files);
    for (String f : files) {
      if (!f.startsWith("/")) {
        throw new IllegalArgumentException("a revert restores absolute paths, not " + f);
      }
    }
    Objects.requireNonNull(restore, "restore");
    Objects.requireNonNull(notRestored, "notRestored");
  }

  /** Nothing to save or restore. */
  public static RevertSteps none() {
    return NONE;
  }

  /** These files, saved and restored. */
  public static RevertSteps files(String... paths) {
    return new RevertSteps(List.of(paths), "", Optional.empty());
  }

  /** A snippet run after the files are back. */
  public static RevertSteps script(String restore) {
    return new RevertSteps(List.of(), restore, Optional.empty());
  }

  /** What the revert cannot put back, and why. */
  public static RevertSteps notRestored(String why) {
    return new RevertSteps(List.of(), "", Optional.of(why));
  }
}
