package io.haprovision.inventory;

/**
 * A place in an inventory file, 1-based, as editors count. {@link #UNKNOWN} where
 * the value did not come from a file (records built in code).
 */
public record Location(String file, int line, int column) {
  /** For values that were not read from a file. */
  public static final Location UNKNOWN = new Location("<inventory>", 0, 0);

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
