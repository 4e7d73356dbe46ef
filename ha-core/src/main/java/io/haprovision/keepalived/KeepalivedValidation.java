package io.haprovision.keepalived;

import java.util.Arrays;

/**
 * How a staged keepalived.conf is judged by {@code keepalived -t -f FILE} on the target.
 *
 * <p>FACTS.md: any non-zero exit means "do not install this file", warnings included. One
 * exception is made, and only where a platform asks for it: a pair designed without
 * virtual IPs (Multapplied bonders move their floating objects through the management
 * API) makes keepalived 2.2 warn "No VIP specified; at least one is sensible" and exit 5.
 * That warning, alone, is accepted for such pairs; any other line still fails the file.
 */
public final class KeepalivedValidation {
  /** The warning keepalived prints for an instance without {@code virtual_ipaddress}. */
  public static final String NO_VIP_WARNING = "No VIP specified; at least one is sensible";
  /** keepalived 2.2's exit code for non-fatal configuration warnings. */
  public static final int NON_FATAL_EXIT = 5;

  private KeepalivedValidation() {
  }

  /**
   * Whether a {@code keepalived -t} result means the file may be installed. The bonder
   * platform applies the same rule on the target with its installed check script.
   *
   * @param vipLessByDesign true only for platforms whose instances have no VIPs on purpose
   */
  public static boolean accepts(int exitCode, String output, boolean vipLessByDesign) {
    if (exitCode == 0) {
      return true;
    }
    if (!vipLessByDesign || exitCode != NON_FATAL_EXIT) {
      return false;
    }
    return Arrays.stream(output.split("\n"))
        .filter(line -> !line.isBlank())
        .allMatch(line -> line.contains(NO_VIP_WARNING));
  }
}
