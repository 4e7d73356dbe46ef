package io.haprovision.bonder;

import java.util.Locale;

/**
 * The version of the management server's API that the notify program and ha-provision speak
 * ({@code bonder.api.version}). Multapplied documents v4 as current since Bonded Internet 6.4
 * and v3 as the previous version (since 2015.4); an old version is removed with at least six
 * months' notice. Each version's root ({@code GET /api/v4/}, "list of core resources") says
 * whether the server offers it.
 */
public enum ApiVersion {
  /** The current version the server offers: v4 unless {@code GET /api/v4/} answers 404, then v3. */
  AUTO,
  /** {@code /api/v3/}: the previous version, the one upstream's swap-active-bond.py speaks. */
  V3,
  /** {@code /api/v4/}: the current version. */
  V4;

  /** The URI segment ({@code v3}, {@code v4}) and the inventory's word ({@code auto} for AUTO). */
  public String segment() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code /api/v4/}: the version's root, the list of core resources. */
  public String root() {
    return "/api/" + segment() + "/";
  }
}
