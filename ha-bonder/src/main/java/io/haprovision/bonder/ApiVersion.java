package io.haprovision.bonder;

import java.util.Locale;

/**
 * The version of the management server's API that the notify program and ha-provision speak
 * ({@code bonder.api.version}). Multapplied documents v4 as current since Bonded Internet 6.4
 * and v3 as the previous version (since 2015.4); an old version is removed with at least six
 * months' notice. Each version's root ({@code GET /api/v3/}, "list of core resources") says
 * whether the server offers it. v3's routing-object URIs are documented; v4's could not be
 * read (docs/platforms/bonder.md, ha-bonder/FACTS.md), so {@code auto} speaks v3 while the
 * server offers it, and v4 (at inferred paths) only once it no longer does.
 */
public enum ApiVersion {
  /**
   * v3 while the server offers it; v4 once {@code GET /api/v3/} answers 404 (v3 removed), where
   * preflight then stops the run to say so, and the notify program still fails over.
   */
  AUTO,
  /** {@code /api/v3/}: the previous version, the one upstream's swap-active-bond.py speaks. */
  V3,
  /** {@code /api/v4/}: the current version; its routing-object paths are inferred (see above). */
  V4;

  /** The URI segment ({@code v3}, {@code v4}) and the inventory's word ({@code auto} for AUTO). */
  public String segment() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code /api/v3/}: the version's root, the list of core resources. */
  public String root() {
    return "/api/" + segment() + "/";
  }
}
