package io.haprovision;

/**
 * One step of a run, for progress display.
 *
 * @param pair the pair's name
 * @param node the node's name, or empty for pair-wide steps
 * @param phase what stage the run is in
 * @param message one line for humans
 */
public record ProgressEvent(String pair, String node, Phase phase, String message) {
  /**
   * The stages of a run, in order. {@code FINISHED} comes once per pair and command step when
   * the pair's part of it is over, whatever the outcome: its message starts with the step
   * ({@code facts:}, {@code apply:}, {@code verify:}) and says how it went; a progress display
   * counts pairs done with it.
   */
  public enum Phase { LOAD, RENDER, FACTS, PLAN, APPLY, GATE, VERIFY, DONE, FAILED, FINISHED }

  @Override
  public String toString() {
    return pair + (node.isEmpty() ? "" : "/" + node) + " " + phase.name().toLowerCase(java.util.Locale.ROOT)
        + ": " + message;
  }
}
