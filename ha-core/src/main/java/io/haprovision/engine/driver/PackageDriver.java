package io.haprovision.engine.driver;

import io.haprovision.spi.RevertSteps;
import io.haprovision.error.TargetException;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.PackageState;
import io.haprovision.resource.ResourceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.ShellQuote;
import java.util.Objects;
import java.util.Optional;

/**
 * Packages through the node's package manager: {@code opkg} (OpenWrt up to 24.10),
 * {@code apk} (OpenWrt 25 and later) or {@code apt}/{@code dpkg} (Debian). {@link #auto()}
 * decides on the node, in that order; a platform that knows better registers
 * {@link #of(Manager)} through {@link io.haprovision.spi.Target#resourceDrivers()}.
 *
 * <p>An install that fails is retried once after refreshing the package lists
 * ({@code opkg update}, {@code apk update}, {@code apt-get update}): OpenWrt keeps its lists
 * in RAM, so they are gone after every reboot.
 */
public final class PackageDriver implements ResourceDriver<PackageResource> {
  /** Which package manager to use. */
  public enum Manager {
    /** Whichever the node has: opkg, then apk, then dpkg. */
    AUTO,
    /** {@code opkg}: {@code list-installed} prints {@code name - version}. */
    OPKG,
    /** {@code apk} (apk-tools). */
    APK,
    /** {@code dpkg-query} to read, {@code apt-get} to change. */
    APT
  }

  private final Manager manager;

  private PackageDriver(Manager manager) {
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  /** Detects the package manager on the node. */
  public static PackageDriver auto() {
    return new PackageDriver(Manager.AUTO);
  }

  /** Always uses {@code manager}. */
  public static PackageDriver of(Manager manager) {
    return new PackageDriver(manager);
  }

  @Override
  public Class<PackageResource> type() {
    return PackageResource.class;
  }

  @Override
  public String probe(PackageResource pkg) {
    return "n=" + ShellQuote.quote(pkg.name()) + "\n"
        + detect()
        + "echo \"manager=$m\"\n"
        + "case \"$m\" in\n"
        + "opkg) v=$(opkg list-installed 2>/dev/null | awk -v n=\"$n\" '$1 == n && $2 == \"-\" { print $3; exit }') ;;\n"
        + "apk) v=$(apk list -I \"$n\" 2>/dev/null | awk -v n=\"$n\" 'index($1, n \"-\") == 1 { print substr($1, length(n) + 2); exit }') ;;\n"
        + "dpkg-query) s=$(dpkg-query -W -f='${db:Status-Abbrev}|${Version}' \"$n\" 2>/dev/null)\n"
        + "  case \"$s\" in ii*) v=${s#*|} ;; *) v= ;; esac ;;\n"
        + "*) v= ;;\n"
        + "esac\n"
        + "if [ -n \"$v\" ]; then echo installed=1; echo \"version=$v\"; else echo installed=0; fi\n";
  }

  @Override
  public ResourceState parse(PackageResource pkg, ProbeOutput out) {
    String m = out.value("manager").orElseThrow(() -> out.unexpected("no manager line"));
    if (m.equals("none")) {
      throw new TargetException(TargetException.Kind.FAILED, out.target(), "cannot manage package "
          + pkg.name() + ": the node has none of opkg, apk or dpkg" + (manager == Manager.AUTO ? ""
          : " (this platform uses " + manager.name().toLowerCase(java.util.Locale.ROOT) + ")"));
    }
    String installed = out.value("installed").orElseThrow(() -> out.unexpected("no installed line"));
    return installed.equals("1")
        ? new PackageState(true, out.value("version"))
        : PackageState.missing();
  }

  @Override
  public void apply(PackageResource pkg, Optional<ResourceState> current, NodeContext node) {
    String n = ShellQuote.quote(pkg.name());
    boolean install = pkg.ensure() == Ensure.PRESENT;
    String script = detect()
        + "case \"$m\" in\n"
        + (install
            ? "opkg) opkg install " + n + " || { opkg update && opkg install " + n + "; } ;;\n"
              + "apk) apk add " + n + " || { apk update && apk add " + n + "; } ;;\n"
              + "dpkg-query) DEBIAN_FRONTEND=noninteractive apt-get install -y " + n
              + " || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y " + n + "; } ;;\n"
            : "opkg) opkg remove " + n + " ;;\n"
              + "apk) apk del " + n + " ;;\n"
              + "dpkg-query) DEBIAN_FRONTEND=noninteractive apt-get remove -y " + n + " ;;\n")
        + "*) echo 'no package manager (opkg, apk, dpkg) on this node' >&2; exit 127 ;;\n"
        + "esac\n";
    node.run(script, (install ? "installing" : "removing") + " package " + pkg.name());
  }

  /** Sets {@code m} to the manager's command name, or {@code none}. */
  private String detect() {
    switch (manager) {
      case OPKG:
        return "m=opkg; command -v opkg >/dev/null 2>&1 || m=none\n";
      case APK:
        return "m=apk; command -v apk >/dev/null 2>&1 || m=none\n";
      case APT:
        return "m=dpkg-query; command -v dpkg-query >/dev/null 2>&1 || m=none\n";
      default:
        return "m=none\n"
            + "for c in opkg apk dpkg-query; do\n"
            + "  if command -v \"$c\" >/dev/null 2>&1; then m=$c; break; fi\n"
            + "done\n";
    }
  }

  /**
   * A package stays as the change left it: removing one installs nothing back, and removing a
   * new one could take a dependency others now use. Its configuration files and its service's
   * enabled and running state are resources of their own, and those are put back.
   */
  @Override
  public RevertSteps revert(PackageResource pkg, Optional<ResourceState> before) {
    return RevertSteps.notRestored("package " + pkg.name() + " stays as the change left it");
  }
}
