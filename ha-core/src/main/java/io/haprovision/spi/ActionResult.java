package io.haprovision.spi;

import java.util.Objects;

/**
 * The outcome of a {@link PlatformAction}.
 *
 * @param ok whether it did what it was asked
 * @param output what to show the user (a plan, a script, a summary), secrets masked
 * @param locked whether it did not run because another run holds the pair's lock
 */
public record ActionResult(boolean ok, String output, boolean locked) {
  /** Rejects nulls. */
  public ActionResult {
    Objects.requireNonNull(output, "output");
  }

  /** The outcome of an action that ran. */
  public ActionResult(boolean ok, String output) {
    this(ok, output, false);
  }

  /** An action refused because another run holds the pair's lock; {@code why} names the holder. */
  public static ActionResult locked(String why) {
    return new ActionResult(false, why, true);
  }
}
