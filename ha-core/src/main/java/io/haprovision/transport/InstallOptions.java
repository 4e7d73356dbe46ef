package io.haprovision.transport;

import java.util.regex.Pattern;

/**
 * How {@link RemoteFiles#install} places a file.
 *
 * @param mode octal permission bits ({@code 0644}, {@code 600}), set before the file goes live
 * @param owner owning user (name or number), or null to leave the login user's
 * @param group owning group (name or number), or null to leave the default group
 * @param validateCommand a shell command run on the target against the staged file before it
 *     goes live, {@code %s} standing for the staged file's quoted path (for example
 *     {@code keepalived -t -f %s}); null for none. Any non-zero exit keeps the live file.
 * @param createParents create missing parent directories (mode 0755)
 */
public record InstallOptions(
    String mode, String owner, String group, String validateCommand, boolean createParents) {
  private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");

  /** Checks mode, owner and group, which reach a shell. */
  public InstallOptions {
    if (mode == null || !MODE.matcher(mode).matches()) {
      throw new IllegalArgumentException("file mode must be 3 or 4 octal digits, not " + mode);
    }
    if (owner != null && !ACCOUNT.matcher(owner).matches()) {
      throw new IllegalArgumentException("not a user name or id: " + owner);
    }
    if (group != null && !ACCOUNT.matcher(group).matches()) {
      throw new IllegalArgumentException("not a group name or id: " + group);
    }
    if (validateCommand != null && !validateCommand.contains("%s")) {
      throw new IllegalArgumentException(
          "a validation command must name the staged file as %s: " + validateCommand);
    }
  }

  /** Mode 0644, owner and group left as the login's, no validation, parents created. */
  public static InstallOptions defaults() {
    return new InstallOptions("0644", null, null, null, true);
  }

  /** These options with another mode. */
  public InstallOptions withMode(String newMode) {
    return new InstallOptions(newMode, owner, group, validateCommand, createParents);
  }

  /** These options with another owner and group (either may be null). */
  public InstallOptions withOwner(String newOwner, String newGroup) {
    return new InstallOptions(mode, newOwner, newGroup, validateCommand, createParents);
  }

  /** These options with a validation command ({@code %s} = staged file), or null for none. */
  public InstallOptions withValidation(String command) {
    return new InstallOptions(mode, owner, group, command, createParents);
  }

  /** These options creating missing parent directories, or failing on them. */
  public InstallOptions withCreateParents(boolean create) {
    return new InstallOptions(mode, owner, group, validateCommand, create);
  }
}
