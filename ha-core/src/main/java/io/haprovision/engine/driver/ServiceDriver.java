package io.haprovision.engine.driver;

import io.haprovision.spi.RevertSteps;
import io.haprovision.resource.ResourceState;
import io.haprovision.resource.ServiceResource;
import io.haprovision.resource.ServiceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.ShellQuote;
import java.util.Objects;
import java.util.Optional;

/**
 * Services: enabled at boot and running now, through OpenWrt's procd init scripts
 * ({@code /etc/init.d/NAME enable|enabled|start|running}), systemd ({@code systemctl}) or
 * SysV init scripts. {@link #auto()} decides on the node: an init script run by
 * {@code /etc/rc.common} is procd, else systemd when {@code systemctl} exists, else SysV.
 * A service without an init script or unit reads as disabled and stopped.
 */
public final class ServiceDriver implements ResourceDriver<ServiceResource> {
  /** Which service manager to use. */
  public enum Manager {
    /** Decide on the node (see the class comment). */
    AUTO,
    /** OpenWrt procd init scripts under {@code /etc/init.d}. */
    PROCD,
    /** systemd units through {@code systemctl}. */
    SYSTEMD,
    /** SysV init scripts and {@code update-rc.d}. */
    SYSV
  }

  private final Manager manager;

  private ServiceDriver(Manager manager) {
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  /** Detects the service manager on the node. */
  public static ServiceDriver auto() {
    return new ServiceDriver(Manager.AUTO);
  }

  /** Always uses {@code manager}. */
  public static ServiceDriver of(Manager manager) {
    return new ServiceDriver(manager);
  }

  @Override
  public Class<ServiceResource> type() {
    return ServiceResource.class;
  }

  @Override
  public String probe(ServiceResource service) {
    return "n=" + ShellQuote.quote(service.name()) + "\n"
        + detect()
        + "echo \"manager=$m\"\n"
        + "e=0; r=0\n"
        + "case \"$m\" in\n"
        + "procd) /etc/init.d/\"$n\" enabled >/dev/null 2>&1 && e=1\n"
        + "  if /etc/init.d/\"$n\" running >/dev/null 2>&1 || pidof \"$n\" >/dev/null 2>&1; then r=1; fi ;;\n"
        + "systemd) systemctl is-enabled --quiet \"$n\" 2>/dev/null && e=1\n"
        + "  systemctl is-active --quiet \"$n\" 2>/dev/null && r=1 ;;\n"
        + "sysv) ls /etc/rc[2345].d/S[0-9][0-9]\"$n\" >/dev/null 2>&1 && e=1\n"
        + "  /etc/init.d/\"$n\" status >/dev/null 2>&1 && r=1 ;;\n"
        + "esac\n"
        + "echo \"enabled=$e\"\n"
        + "echo \"running=$r\"\n";
  }

  @Override
  public ResourceState parse(ServiceResource service, ProbeOutput out) {
    String e = out.value("enabled").orElseThrow(() -> out.unexpected("no enabled line"));
    String r = out.value("running").orElseThrow(() -> out.unexpected("no running line"));
    return new ServiceState(e.equals("1"), r.equals("1"));
  }

  @Override
  public void apply(ServiceResource service, Optional<ResourceState> current, NodeContext node) {
    ServiceState now = current.filter(ServiceState.class::isInstance).map(ServiceState.class::cast)
        .orElse(new ServiceState(!service.enabled(), !service.running()));
    StringBuilder steps = new StringBuilder();
    // Enable before starting, stop before disabling: the boot state never lags the run state.
    if (service.enabled() && !now.enabled()) {
      steps.append(action("enable"));
    }
    if (service.running() && !now.running()) {
      steps.append(action("start"));
    }
    if (!service.running() && now.running()) {
      steps.append(action("stop"));
    }
    if (!service.enabled() && now.enabled()) {
      steps.append(action("disable"));
    }
    if (steps.length() == 0) {
      return;
    }
    node.run("n=" + ShellQuote.quote(service.name()) + "\n" + detect()
        + "[ \"$m\" = none ] && { echo \"no init script or unit for $n\" >&2; exit 127; }\n" + steps,
        service.compare(current).summary());
  }

  private static String action(String verb) {
    String sysvEnable = verb.equals("enable") || verb.equals("disable")
        ? "update-rc.d \"$n\" " + verb : "/etc/init.d/\"$n\" " + verb;
    return "case \"$m\" in\n"
        + "procd) /etc/init.d/\"$n\" " + verb + " || exit $? ;;\n"
        + "systemd) systemctl " + verb + " \"$n\" || exit $? ;;\n"
        + "sysv) " + sysvEnable + " || exit $? ;;\n"
        + "esac\n";
  }

  /** Sets {@code m} to procd, systemd, sysv or none for service {@code $n}. */
  private String detect() {
    switch (manager) {
      case PROCD:
        return "m=procd; [ -x /etc/init.d/\"$n\" ] || m=none\n";
      case SYSTEMD:
        return "m=systemd\n";
      case SYSV:
        return "m=sysv; [ -x /etc/init.d/\"$n\" ] || m=none\n";
      default:
        return "if [ -x /etc/init.d/\"$n\" ] && { l=; read -r l < /etc/init.d/\"$n\"; case \"$l\" in *rc.common*) true ;; *) false ;; esac; }; then m=procd\n"
            + "elif command -v systemctl >/dev/null 2>&1; then m=systemd\n"
            + "elif [ -x /etc/init.d/\"$n\" ]; then m=sysv\n"
            + "else m=none; fi\n";
    }
  }

  /**
   * The service's enabled and running state as {@code before} found it: the same steps as
   * {@link #apply}, toward the old state. Unknown before: nothing to put back.
   */
  @Override
  public RevertSteps revert(ServiceResource service, Optional<ResourceState> before) {
    if (before.isEmpty() || !(before.get() instanceof ServiceState was)) {
      return RevertSteps.none();
    }
    StringBuilder steps = new StringBuilder();
    if (was.enabled() && service.enabled() != was.enabled()) {
      steps.append(action("enable"));
    }
    if (!was.running() && service.running() != was.running()) {
      steps.append(action("stop"));
    }
    if (was.running() && service.running() != was.running()) {
      steps.append(action("start"));
    }
    if (!was.enabled() && service.enabled() != was.enabled()) {
      steps.append(action("disable"));
    }
    if (steps.length() == 0) {
      return RevertSteps.none();
    }
    return RevertSteps.script("n=" + ShellQuote.quote(service.name()) + "\n" + detect() + "[ \"$m\" = none ] || {\n"
        + steps + "}\n");
  }
}
