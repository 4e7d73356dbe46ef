package io.haprovision.resource;

/**
 * Whether a file holds a line, exactly and as a whole line.
 *
 * @param present true when the line is in the file
 */
public record LineState(boolean present) implements ResourceState {
  @Override
  public String fingerprint() {
    return present ? "line present" : "line absent";
  }
}
