package io.haprovision.facts;

/**
 * Whether keepalived is on a node and running.
 *
 * @param installed the keepalived binary is there
 * @param running a keepalived process runs
 */
public record KeepalivedStatus(boolean installed, boolean running) {
  /** Neither installed nor running: a fresh node, or one never probed. */
  public static KeepalivedStatus absent() {
    return new KeepalivedStatus(false, false);
  }
}
