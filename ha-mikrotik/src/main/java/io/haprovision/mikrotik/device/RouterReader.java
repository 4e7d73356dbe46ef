package io.haprovision.mikrotik.device;

import io.haprovision.error.TargetException;
import io.haprovision.mikrotik.MikrotikSection;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.transport.ExecResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a router in one exec channel ({@link RouterScripts#read}). When the router speaks the
 * other dialect, RouterOS refuses the whole read script as a syntax error ({@code
 * show-sensitive} is no v6 argument); then only {@code /system resource print} is run, so the
 * version can still be named in the refusal.
 */
public final class RouterReader {
  private RouterReader() {}

  /**
   * Reads the router behind {@code exec} (runs one RouterOS script, returns its output).
   *
   * @param target {@code user@host:port}, for messages
   * @return the facts, or only the version when the read script was refused as a whole
   */
  public static Reading read(Function<String, ExecResult> exec, MikrotikSection section, String target) {
    ExecResult r = exec.apply(RouterScripts.read(section.format()));
    Map<String, String> sections = RouterScripts.sections(r.stdout());
    if (!sections.containsKey(RouterScripts.END)) {
      ExecResult resource = exec.apply("/system resource print");
      String version = RouterFacts.keyValues(resource.stdout()).getOrDefault("version", "");
      if (version.isEmpty()) {
        throw new TargetException(TargetException.Kind.FAILED, target, "the router did not answer ha-provision's read"
            + " the way RouterOS does (" + RouterScripts.clip(r.stdout() + r.stderr())
            + "); is this a RouterOS router, and may the user read its configuration?");
      }
      return new Reading(Optional.empty(), version, RouterScripts.clip(r.stdout()));
    }
    RouterFacts facts = RouterFacts.parse(sections, target);
    return new Reading(Optional.of(facts), facts.version(), "");
  }

  /**
   * A read.
   *
   * @param facts everything, when the read script ran
   * @param version the version {@code /system resource} printed
   * @param refusedScript RouterOS's answer when the read script was refused as a whole
   */
  public record Reading(Optional<RouterFacts> facts, String version, String refusedScript) {}

  /** The VRRP interfaces and ethernet ports, for polling. */
  public static RouterFacts roles(Function<String, ExecResult> exec, String target) {
    ExecResult r = exec.apply(RouterScripts.roles());
    Map<String, String> s = RouterScripts.sections(r.stdout());
    if (!s.containsKey(RouterScripts.END)) {
      throw new TargetException(TargetException.Kind.FAILED, target, "reading the VRRP interfaces failed: "
          + RouterScripts.clip(r.stdout() + r.stderr()));
    }
    return new RouterFacts(Map.of(), "", Optional.empty(), PrintedEntry.parseAll(s.get(RouterScripts.VRRP)),
        PrintedEntry.parseAll(s.get(RouterScripts.ETHERNET)), new RouterOsExport(List.of(), List.of()));
  }
}
