package io.haprovision.bonder;

import io.haprovision.error.InternalException;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The text of the files ha-provision installs on a bonder, apart from keepalived.conf. */
final class BonderFiles {
  private static final String NOTIFY_RESOURCE = "bonder-notify.sh";
  private static final String NOTIFY_PROGRAM = load(NOTIFY_RESOURCE);
  private static final String HEADER = "# Managed by ha-provision: local changes are overwritten on the next apply.\n";

  private BonderFiles() {}

  private static String load(String name) {
    try (InputStream in = BonderFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new InternalException("resource " + name + " is missing from ha-bonder");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The notify program (POSIX sh and curl), the same on every bonder. */
  static String notifyProgram() {
    return NOTIFY_PROGRAM;
  }

  /**
   * The notify program's settings for {@code node}: its own bond is LOCAL, the other
   * bonder's PEER. Shell assignments the program sources: every value single-quoted, the
   * password in a quoted here-document, so nothing in it is ever run or expanded. Holds
   * the API password: install 0600 root only.
   */
  static String notifyConfig(PairSpec pair, NodeSpec node, BonderSection section) {
    ManagementApi api = section.api();
    Bond local = section.bonds().of(node.role());
    Bond peer = section.bonds().of(node.role().other());
    StringBuilder sb = new StringBuilder(HEADER);
    sb.append("# Settings of ").append(BonderPaths.NOTIFY_PROGRAM).append(" on bonder ").append(node.name())
        .append(" (pair ").append(pair.name()).append(").\n");
    sb.append("# Mode 0600 root: it holds the management API password.\n");
    assign(sb, "NODE", node.name());
    assign(sb, "API_URL", api.baseUrl());
    sb.append("# v3, v4, or auto: v4 when GET /api/v3/ answers 404 (v3 removed), else v3 (asked on each MASTER"
        + " event).\n");
    assign(sb, "API_VERSION", api.version().segment());
    assign(sb, "API_USER", api.user());
    password(sb, api.password().reveal());
    assign(sb, "VERIFY_TLS", api.verifyTls() ? "yes" : "no");
    assign(sb, "CA_FILE", api.caFile().orElse(""));
    assign(sb, "TIMEOUT", String.valueOf(api.timeout().getSeconds()));
    assign(sb, "ATTEMPTS", String.valueOf(api.attempts()));
    assign(sb, "ATTEMPT_DELAY", String.valueOf(api.attemptDelay().getSeconds()));
    sb.append("# This bonder's bond: its objects are enabled when this bonder becomes MASTER.\n");
    bond(sb, "LOCAL", local);
    sb.append("# The other bonder's (").append(pair.peerOf(node).name()).append(") bond: disabled first.\n");
    bond(sb, "PEER", peer);
    assign(sb, "STATE_FILE", BonderPaths.STATE_FILE);
    assign(sb, "LOG_TAG", "ha-provision-bonder");
    return sb.toString();
  }

  /**
   * The password through a quoted here-document: sh takes it byte for byte, so it is
   * written unescaped, exactly as the inventory gave it. That keeps it one recognisable
   * string for the {@link io.haprovision.secret.Redactor} (any quoting would split a
   * password holding a quote into pieces no redactor finds).
   */
  private static void password(StringBuilder sb, String password) {
    String end = "END_OF_API_PASSWORD";
    while (password.equals(end)) {
      end = end + "_";
    }
    sb.append("IFS= read -r API_PASSWORD <<'").append(end).append("'\n")
        .append(password).append('\n')
        .append(end).append('\n');
  }

  private static void bond(StringBuilder sb, String prefix, Bond bond) {
    assign(sb, prefix + "_BOND", bond.id());
    assign(sb, prefix + "_CONNECTED_IPS", String.join(" ", bond.connectedIps()));
    assign(sb, prefix + "_ROUTES", String.join(" ", bond.routes()));
    assign(sb, prefix + "_CPE_NAT_IPS", String.join(" ", bond.cpeNatIps()));
  }

  private static void assign(StringBuilder sb, String name, String value) {
    sb.append(name).append('=').append(shellQuote(value)).append('\n');
  }

  /** {@code value} in single quotes for sh, an embedded quote written {@code '\''}. */
  static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** The node check keepalived runs: the inventory's track command with a known PATH. */
  static String trackProgram(BonderSection section) {
    return "#!/bin/sh\n" + HEADER
        + "# keepalived's node check on this bonder (vrrp_script " + BonderDesiredState.TRACK_SCRIPT + "):\n"
        + "# a failure puts this bonder in FAULT, so the other one takes over.\n"
        + "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
        + "export PATH\n"
        + "exec " + section.trackCommand() + "\n";
  }

  /** The warning keepalived 2.2 gives for a {@code vrrp_instance} without {@code virtual_ipaddress}. */
  static final String NO_VIP_WARNING = "No VIP specified; at least one is sensible";

  /**
   * The check keepalived.conf must pass before it is installed: {@code keepalived -t -f},
   * whose exit status counts every warning as a failure, except the warning about an
   * instance without {@code virtual_ipaddress}, which bonder instances have by design (the
   * floating objects move through the API). Any other warning or error fails the check,
   * and keepalived's own output is passed on.
   */
  static String keepalivedCheck() {
    return String.join("\n", List.of(
        "#!/bin/sh",
        HEADER.strip(),
        "# keepalived -t -f FILE, except that the warning for an instance without virtual_ipaddress",
        "# (\"" + NO_VIP_WARNING + "\") does not count: bonder instances have none by",
        "# design. Any other warning or error fails, exactly as with keepalived -t.",
        "out=$(keepalived -t -f \"$1\" 2>&1)",
        "status=$?",
        "[ -n \"$out\" ] && printf '%s\\n' \"$out\" >&2",
        "[ \"$status\" -eq 0 ] && exit 0",
        "rest=$(printf '%s\\n' \"$out\" | grep -v -F -e '" + NO_VIP_WARNING + "' | grep -v '^[[:space:]]*$')",
        "[ -z \"$rest\" ] && exit 0",
        "exit \"$status\"")) + "\n";
  }

  /**
   * The connected-IP hook that makes keepalived follow connected IP {@code id}: started
   * when bonding brings it up, stopped when it goes down.
   */
  static String connectedIpHook(Bond bond, String id) {
    return String.join("\n", List.of(
        "#!/bin/sh",
        HEADER.strip(),
        "# bonding runs this when connected IP " + id + " of bond " + bond.id() + " changes; keepalived",
        "# runs only while it is up (keepalived is disabled in systemd on this bonder).",
        "case \"${1:-}\" in",
        "    start|up) exec systemctl start keepalived ;;",
        "    stop|down) exec systemctl stop keepalived ;;",
        "    *)",
        "        logger -t ha-provision-bonder -p daemon.err -- \"connected-IP hook: unknown action '${1:-}'\"",
        "        exit 64",
        "        ;;",
        "esac")) + "\n";
  }
}
