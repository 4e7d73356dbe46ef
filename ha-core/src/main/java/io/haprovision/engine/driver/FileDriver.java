package io.haprovision.engine.driver;

import io.haprovision.spi.RevertSteps;
import io.haprovision.error.TargetException;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.FileState;
import io.haprovision.resource.ResourceState;
import io.haprovision.resource.Sha256;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.InstallOptions;
import io.haprovision.transport.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Files: the probe reads type, mode, owner, group and SHA-256 (following a symlink, as a
 * reader of the file would); content is fetched only as a detail, when the hash differs from
 * the desired one and the file is not sensitive. Apply installs through
 * {@link io.haprovision.transport.RemoteFiles#install} (staged next to the target, owner and
 * mode set, synced, validated on the node, renamed), or only fixes owner and mode when the
 * content already matches.
 */
public final class FileDriver implements ResourceDriver<FileResource> {
  /** Files larger than this are not fetched for a diff. */
  static final long MAX_FETCH_BYTES = 1 << 20;
  /** Exit status of the detail probe when the file is too large to fetch. */
  private static final int TOO_LARGE = 3;

  @Override
  public Class<FileResource> type() {
    return FileResource.class;
  }

  @Override
  public String probe(FileResource file) {
    return "f=" + ShellQuote.quote(file.path()) + "\n"
        + "if [ -d \"$f\" ]; then echo type=directory; exit 0; fi\n"
        + "if [ ! -e \"$f\" ]; then\n"
        + "  if [ -L \"$f\" ]; then echo type=dangling-symlink; else echo type=absent; fi\n"
        + "  exit 0\n"
        + "fi\n"
        + "if [ ! -f \"$f\" ]; then echo type=other; exit 0; fi\n"
        + "echo type=file\n"
        + "set -- $(stat -L -c '%a %U %G' \"$f\")\n"
        + "echo \"mode=${1:-}\"\n"
        + "echo \"owner=${2:-}\"\n"
        + "echo \"group=${3:-}\"\n"
        + "h=$(sha256sum < \"$f\") || exit 2\n"
        + "echo \"sha256=${h%% *}\"\n";
  }

  @Override
  public ResourceState parse(FileResource file, ProbeOutput out) {
    String type = out.value("type").orElseThrow(() -> out.unexpected("no type line"));
    switch (type) {
      case "absent":
      case "dangling-symlink":
        return FileState.absent();
      case "directory":
        throw new TargetException(TargetException.Kind.FAILED, out.target(), file.path()
            + " is a directory on the node, but the inventory describes a file there; remove or move"
            + " the directory, or fix the path");
      case "other":
        throw new TargetException(TargetException.Kind.FAILED, out.target(), file.path()
            + " exists on the node but is not a regular file (a device, socket or pipe); ha-provision"
            + " will not replace it");
      case "file":
        break;
      default:
        throw out.unexpected("unknown type " + type);
    }
    String sha = out.value("sha256").orElseThrow(() -> out.unexpected("no sha256 (is sha256sum installed?)"));
    String mode = out.value("mode").orElseThrow(() -> out.unexpected("no mode"));
    if (!sha.matches("[0-9a-f]{64}") || !mode.matches("[0-7]{3,4}")) {
      throw out.unexpected("malformed sha256 or mode");
    }
    return FileState.present(sha, mode, out.value("owner").orElse(""), out.value("group").orElse(""));
  }

  @Override
  public Optional<String> detailProbe(FileResource file, ResourceState state) {
    if (!(state instanceof FileState now) || !now.exists() || file.sensitive() || file.ensure() != Ensure.PRESENT
        || now.sha256().equalsIgnoreCase(file.sha256())) {
      return Optional.empty();
    }
    return Optional.of("f=" + ShellQuote.quote(file.path()) + "\n"
        + "[ -f \"$f\" ] || exit 2\n"
        + "[ \"$(wc -c < \"$f\")\" -le " + MAX_FETCH_BYTES + " ] || exit " + TOO_LARGE + "\n"
        + "cat \"$f\"\n");
  }

  @Override
  public ResourceState parseDetail(FileResource file, ResourceState state, ProbeOutput out) {
    FileState now = (FileState) state;
    // Keep the content only if it is the content that was hashed (it may have changed since).
    if (out.exitCode() == 0 && Sha256.of(out.stdout()).equalsIgnoreCase(now.sha256())) {
      return now.withContent(out.stdout());
    }
    return now;
  }

  @Override
  public void apply(FileResource file, Optional<ResourceState> current, NodeContext node) {
    if (file.ensure() == Ensure.ABSENT) {
      node.files().remove(file.path());
      return;
    }
    Optional<FileState> now = current.filter(FileState.class::isInstance).map(FileState.class::cast);
    if (now.isPresent() && now.get().exists() && now.get().sha256().equalsIgnoreCase(file.sha256())) {
      // Same content: fixing owner and mode in place needs no staging nor validation.
      String p = ShellQuote.quote(file.path());
      node.run("chown " + ShellQuote.quote(file.owner() + ":" + file.group()) + " " + p + " && chmod "
          + file.mode() + " " + p, "setting owner and mode of " + file.path());
      return;
    }
    InstallOptions options = InstallOptions.defaults()
        .withMode(file.mode())
        .withOwner(file.owner(), file.group())
        .withValidation(file.validateCommand().orElse(null));
    node.files().install(file.path(), file.content().getBytes(StandardCharsets.UTF_8), options);
  }

  /** The file, content, mode and owner, or its absence. */
  @Override
  public RevertSteps revert(FileResource file, Optional<ResourceState> before) {
    return RevertSteps.files(file.path());
  }
}
