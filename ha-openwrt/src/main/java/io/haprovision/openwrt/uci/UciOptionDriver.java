package io.haprovision.openwrt.uci;

import io.haprovision.resource.ResourceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.ShellQuote;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and changes {@link UciOption}s on a node with the {@code uci} command line tool:
 * {@code uci -q show KEY} to read (nothing and exit 1 when the option is not set), the
 * option's {@link UciOption#applyCommands()} to stage, and one {@code uci commit CONFIG}
 * per config after a run of changes, so that a later service reload reads the new values.
 */
public final class UciOptionDriver implements ResourceDriver<UciOption> {
  @Override
  public Class<UciOption> type() {
    return UciOption.class;
  }

  @Override
  public String probe(UciOption option) {
    return "uci -q show " + ShellQuote.quote(option.key()) + "\n";
  }

  @Override
  public ResourceState parse(UciOption option, ProbeOutput out) {
    return parseShow(out, "option " + option.key());
  }

  /** The state in what {@code uci -q show KEY} printed: one option line, or nothing with exit 1. */
  static UciOptionState parseShow(ProbeOutput out, String what) {
    if (out.exitCode() == 1 && out.stdout().isBlank()) {
      return UciOptionState.absent();
    }
    if (out.exitCode() != 0) {
      throw out.unexpected("`uci show` of " + what + " exited " + out.exitCode());
    }
    UciShow show = UciShow.parse(out.stdout(), out.target());
    if (show.options().size() != 1 || !show.sectionTypes().isEmpty()) {
      throw out.unexpected("`uci show` of " + what + " printed " + show.options().size() + " options and "
          + show.sectionTypes().size() + " sections, expected one option");
    }
    return UciOptionState.shown(show.options().values().iterator().next());
  }

  @Override
  public void apply(UciOption option, Optional<ResourceState> current, NodeContext node) {
    node.run("set -e\n" + String.join("\n", option.applyCommands()) + "\n", "staging uci " + option.key());
  }

  @Override
  public void flush(List<UciOption> applied, NodeContext node) {
    commit(applied.stream().map(UciOption::config).toList(), node);
  }

  /** {@code uci commit} of each config once, in first-changed order. */
  static void commit(List<String> configs, NodeContext node) {
    Set<String> once = new LinkedHashSet<>(configs);
    for (String config : once) {
      node.run(ShellQuote.join("uci", "commit", config), "committing uci config " + config);
    }
  }
}
