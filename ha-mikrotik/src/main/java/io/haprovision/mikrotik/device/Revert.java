package io.haprovision.mikrotik.device;

import io.haprovision.mikrotik.MikrotikDesiredState;
import io.haprovision.mikrotik.RouterOsFormat;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduled revert that stands in for RouterOS's safe mode, which an exec channel does not
 * have (FACTS.md). Before a router is changed, ha-provision saves an export on it
 * ({@value #EXPORT_FILE}{@code .rsc}, for people) and adds a script {@value #NAME} that undoes
 * exactly the planned edits (and puts back the identity and the enabled state of ports and VRRP
 * interfaces the role hooks may have changed meanwhile), plus a one-shot scheduler entry
 * {@value #NAME} that runs it {@link #DELAY} later by the router's clock. The script ends by
 * removing itself and its scheduler entry. When the router has passed its health gate,
 * ha-provision removes both ({@link #disarm()}); a dropped session or a failed gate leaves them,
 * so the router rolls back on its own.
 */
public final class Revert {
  /** Name of the revert script and of its scheduler entry. */
  public static final String NAME = "HAP_REVERT";
  /** File (without {@code .rsc}) the export before the change is saved to. */
  public static final String EXPORT_FILE = "ha-provision-before";
  /** How long after arming the revert fires unless disarmed. */
  public static final Duration DELAY = Duration.ofMinutes(5);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Revert() {}

  /** The undo script's source: the edits' undos in reverse order, then the hooks' state, then removes itself. */
  public static String undoSource(List<Edit> edits, RouterFacts before) {
    List<String> lines = new ArrayList<>();
    lines.add(":log warning \"ha-provision: reverting changes that were not confirmed\"");
    for (int i = edits.size() - 1; i >= 0; i--) {
      edits.get(i).undoCommands().forEach(c -> lines.add(guarded(c)));
    }
    lines.add(guarded("/system identity set name=" + RouterOsSyntax.value(before.identity())));
    for (PrintedEntry port : before.ethernet()) {
      String name = port.get("default-name").isEmpty() ? port.get("name") : port.get("default-name");
      lines.add(guarded("/interface ethernet set [find default-name=" + RouterOsSyntax.value(name) + "] disabled="
          + (port.disabled() ? "yes" : "no")));
    }
    for (PrintedEntry vrrp : before.vrrp()) {
      lines.add(guarded("/interface vrrp set [find name=" + RouterOsSyntax.value(vrrp.get("name")) + "] disabled="
          + (vrrp.disabled() ? "yes" : "no")));
    }
    lines.add("/system scheduler remove [find name=" + NAME + "]");
    lines.add("/system script remove [find name=" + NAME + "]");
    return String.join("\n", lines) + "\n";
  }

  /**
   * The commands that save the export and schedule the undo at {@code fireAt} (router clock),
   * with the start date as the router's release prints dates.
   */
  public static List<String> arm(List<Edit> edits, RouterFacts before, RouterOsFormat format, LocalDateTime fireAt) {
    List<String> out = new ArrayList<>();
    out.add("/export terse" + (format.exportHidesSecrets() ? " show-sensitive" : "") + " file=" + EXPORT_FILE);
    out.add("/system scheduler remove [find name=" + NAME + "]");
    out.add("/system script remove [find name=" + NAME + "]");
    out.add("/system script add name=" + NAME + " comment=" + RouterOsSyntax.value(MikrotikDesiredState.MARK
        + ": scheduled revert") + " source=" + RouterOsSyntax.value(undoSource(edits, before)));
    out.add("/system scheduler add name=" + NAME + " start-date=" + format.date(fireAt.toLocalDate())
        + " start-time=" + TIME.format(fireAt) + " interval=0s on-event=" + RouterOsSyntax.value("/system script run "
        + NAME) + " comment=" + RouterOsSyntax.value(MikrotikDesiredState.MARK + ": scheduled revert"));
    return out;
  }

  /** The commands that cancel the revert and drop the saved export once the router is healthy. */
  public static List<String> disarm() {
    return List.of("/system scheduler remove [find name=" + NAME + "]", "/system script remove [find name=" + NAME + "]",
        "/file remove [find name=" + RouterOsSyntax.value(EXPORT_FILE + ".rsc") + "]");
  }

  /** {@code line} wrapped so its failure (an entry already gone) does not stop the rest of the undo. */
  static String guarded(String line) {
    return ":do { " + line + " } on-error={}";
  }

  /** When the revert fires, for messages. */
  public static String describe(LocalDateTime fireAt) {
    return fireAt.toLocalDate() + " " + TIME.format(fireAt) + " (router clock)";
  }

  /** True when the router's export holds a revert of an earlier run that is still pending. */
  public static boolean pending(RouterFacts facts) {
    return facts.export().of("/system scheduler").stream().anyMatch(e -> NAME.equals(e.properties().get("name")));
  }
}
