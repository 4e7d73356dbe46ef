package io.haprovision.spi;

import java.util.Objects;

/**
 * The outcome of a {@link PlatformAction}.
 *
 * @param ok whether it did what it was asked
 * @param output what to show the user (a plan, a script, a summary), secrets masked
 */
public record ActionResult(boolean ok, String output) {
  /** Rejects nulls. */
  public ActionResult {
    Objects.requireNonNull(output, "output");
  }
}
