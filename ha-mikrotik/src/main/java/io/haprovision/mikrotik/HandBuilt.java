package io.haprovision.mikrotik;

/**
 * The hand-built HA setup a pair was adopted from, whose leftovers ha-provision removes
 * ({@code mikrotik.replaces}); see {@link HaMikrotik}.
 */
public enum HandBuilt {
  /** Nothing: the pair was built by ha-provision, or its former setup is gone. */
  NOTHING,
  /** svlsResearch/ha-mikrotik's {@code HA_init.rsc} and {@code $HAInstall}. */
  HA_MIKROTIK
}
