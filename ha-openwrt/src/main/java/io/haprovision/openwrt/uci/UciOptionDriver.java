package io.haprovision.openwrt.uci;

import io.haprovision.spi.RevertSteps;
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
 * {@code uci -q show /etc/config/CONFIG} to read the committed values (one read per config and
 * node, see {@link #probe}), and after a run of changes the options'
 * {@link UciOption#applyCommands()} staged in a private directory and committed in one command
 * per config ({@link UciCommit}), so that a later service reload reads the new values.
 */
public final class UciOptionDriver implements ResourceDriver<UciOption> {
  @Override
  public Class<UciOption> type() {
    return UciOption.class;
  }

  /**
   * The whole committed config ({@code uci -q show /etc/config/CONFIG}): every option of one
   * config has the same probe, which the engine runs once per node for all of them. An option
   * of an anonymous section counted from the end ({@code @rule[-1]}) is read on its own: a
   * whole-config show names sections from the start.
   */
  @Override
  public String probe(UciOption option) {
    return readsWholeConfig(option.section()) ? UciCommit.committed("show", option.config())
        : UciCommit.committed("show", option.key());
  }

  @Override
  public ResourceState parse(UciOption option, ProbeOutput out) {
    if (!readsWholeConfig(option.section())) {
      return parseShow(out, "option " + option.key());
    }
    if (out.exitCode() == 1 && out.stdout().isBlank()) {
      return UciOptionState.absent(); // no such config file
    }
    if (out.exitCode() != 0) {
      throw out.unexpected("`uci show` of config " + option.config() + " exited " + out.exitCode());
    }
    return UciShow.of(out).option(option.key());
  }

  /** True unless {@code section} is an anonymous one counted from the end. */
  static boolean readsWholeConfig(String section) {
    return !section.startsWith("@") || !section.contains("[-");
  }

  /** The state in what {@code uci -q show KEY} printed: one option line, or nothing with exit 1. */
  static UciOptionState parseShow(ProbeOutput out, String what) {
    if (out.exitCode() == 1 && out.stdout().isBlank()) {
      return UciOptionState.absent();
    }
    if (out.exitCode() != 0) {
      throw out.unexpected("`uci show` of " + what + " exited " + out.exitCode());
    }
    UciShow show = UciShow.of(out);
    if (show.options().size() != 1 || !show.sectionTypes().isEmpty()) {
      throw out.unexpected("`uci show` of " + what + " printed " + show.options().size() + " options and "
          + show.sectionTypes().size() + " sections, expected one option");
    }
    return UciOptionState.shown(show.options().values().iterator().next());
  }

  /** Nothing yet: the run of changes is staged and committed in one command at {@link #flush}. */
  @Override
  public void apply(UciOption option, Optional<ResourceState> current, NodeContext node) {
  }

  @Override
  public void flush(List<UciOption> applied, NodeContext node) {
    UciCommit.stageAndCommit(UciCommit.group(applied.stream().map(UciOption::config).toList(),
        applied.stream().map(UciOption::applyCommands).toList()), node);
  }

  /**
   * The committed config file the option lives in: uci reads only {@code /etc/config/CONFIG}
   * (and staged deltas, which a commit by ha-provision never leaves), so putting the file back
   * puts back every option of it.
   */
  @Override
  public RevertSteps revert(UciOption option, Optional<ResourceState> before) {
    return RevertSteps.files(UciCommit.CONFIG_DIR + option.config());
  }
}
