package io.haprovision.openwrt.uci;

import io.haprovision.spi.NodeContext;
import io.haprovision.transport.ShellQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How ha-provision reads and changes UCI so that nothing half-done looks done (facts of the
 * {@code uci} tool from openwrt/uci's source, checked against a uci built from it; see ha-lab's
 * {@code UciStandInConformanceTest}):
 *
 * <ul>
 *   <li>Reads name the committed file by its absolute path ({@code uci -q show
 *       /etc/config/dhcp.lan.start}): uci applies no staged change to a package outside its
 *       config directory, so a change staged in {@code /tmp/.uci} and never committed does not
 *       look done.
 *   <li>Changes are staged in a private save directory ({@code uci -t DIR}) and committed in
 *       the same command. A cut session leaves nothing in {@code /tmp/.uci} for a later
 *       {@code uci commit} (LuCI's, the role hook's) to apply at a random moment.
 *   <li>{@code uci -t DIR commit} also applies what others staged in {@code /tmp/.uci} for that
 *       config (uci keeps {@code /tmp/.uci} on its delta path) and leaves it staged there: so a
 *       config with such changes is not committed; the operator reviews them first.
 * </ul>
 */
final class UciCommit {
  /** The directory uci reads committed configs from. */
  static final String CONFIG_DIR = "/etc/config/";
  /** Exit status of a commit refused because others staged changes to the config. */
  static final int STAGED_ELSEWHERE = 96;

  private UciCommit() {}

  /** {@code uci -q show} of {@code key} in the committed file. */
  static String committed(String verb, String key) {
    return "uci -q " + verb + " " + ShellQuote.quote(CONFIG_DIR + key) + "\n";
  }

  /**
   * Stages {@code commands} (each starting {@code uci }) per config in a private directory and
   * commits each config in the same command, in first-changed order.
   *
   * @param byConfig the staging command lines per config
   */
  static void stageAndCommit(Map<String, List<String>> byConfig, NodeContext node) {
    for (Map.Entry<String, List<String>> e : byConfig.entrySet()) {
      node.run(script(e.getKey(), e.getValue()), "staging and committing uci config " + e.getKey());
    }
  }

  /** The command for one config. */
  static String script(String config, List<String> commands) {
    String c = ShellQuote.quote(config);
    StringBuilder s = new StringBuilder()
        .append("set -e\n")
        .append("n=$(uci -q changes ").append(c).append(" | wc -l)\n")
        .append("if [ \"$n\" -ne 0 ]; then\n")
        .append("  echo \"uci config ").append(config.replace("\"", "")).append(" has $n uncommitted change(s) staged")
        .append(" outside ha-provision (see: uci changes ").append(config.replace("\"", ""))
        .append("); commit or revert them, then apply again\" >&2\n")
        .append("  exit ").append(STAGED_ELSEWHERE).append("\n")
        .append("fi\n")
        // A cut session's private directory outlives it (no trap runs on SIGKILL): under the
        // pair lock no other run stages here, so what is left is garbage nobody reads.
        .append("rm -rf /tmp/ha-provision-uci.*\n")
        .append("d=$(mktemp -d /tmp/ha-provision-uci.XXXXXX)\n")
        .append("trap 'rm -rf \"$d\"' EXIT\n")
        .append("trap 'exit 129' HUP INT TERM PIPE\n");
    for (String command : commands) {
      if (!command.startsWith("uci ")) {
        throw new IllegalArgumentException("not a uci command: " + command);
      }
      s.append("uci -t \"$d\" ").append(command.substring(4)).append('\n');
    }
    // Never outlive the session: a line to it first; a cut session makes the write fail (SIGPIPE,
    // trapped), and nothing is committed.
    s.append("echo ha-provision: committing ").append(c).append(" || exit 129\n");
    s.append("uci -t \"$d\" commit ").append(c).append('\n');
    return s.toString();
  }

  /** Groups staging commands by config, keeping first-changed order. */
  static Map<String, List<String>> group(List<String> configs, List<List<String>> commands) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < configs.size(); i++) {
      out.computeIfAbsent(configs.get(i), k -> new ArrayList<>()).addAll(commands.get(i));
    }
    return out;
  }
}
