package io.haprovision.openwrt.uci;

import io.haprovision.spi.RevertSteps;
import io.haprovision.resource.ResourceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.ShellQuote;
import java.util.List;
import java.util.Optional;

/**
 * Reads and changes {@link UciSection}s with the {@code uci} tool: {@code uci -q show
 * /etc/config/CONFIG} lists the committed sections with their types (read once per config with
 * its options), {@code uci set CONFIG.NAME=TYPE} creates or retypes it, staged in a
 * private directory and committed with the run's other changes of that config
 * ({@link UciCommit}).
 */
public final class UciSectionDriver implements ResourceDriver<UciSection> {
  @Override
  public Class<UciSection> type() {
    return UciSection.class;
  }

  /** The whole committed config, read once with its options ({@link UciOptionDriver#probe}). */
  @Override
  public String probe(UciSection section) {
    return UciOptionDriver.readsWholeConfig(section.name()) ? UciCommit.committed("show", section.config())
        : UciCommit.committed("get", section.key());
  }

  @Override
  public ResourceState parse(UciSection section, ProbeOutput out) {
    if (out.exitCode() == 1 && out.stdout().isBlank()) {
      return UciSectionState.absent();
    }
    if (UciOptionDriver.readsWholeConfig(section.name())) {
      if (out.exitCode() != 0) {
        throw out.unexpected("`uci show` of config " + section.config() + " exited " + out.exitCode());
      }
      return UciShow.of(out).section(section.key());
    }
    List<String> lines = out.lines();
    if (out.exitCode() != 0 || lines.size() != 1 || !UciNames.isName(lines.get(0))) {
      throw out.unexpected("`uci get " + section.key() + "` should print the section's type");
    }
    return UciSectionState.of(lines.get(0));
  }

  /** Nothing yet: the run of changes is staged and committed in one command at {@link #flush}. */
  @Override
  public void apply(UciSection section, Optional<ResourceState> current, NodeContext node) {
  }

  @Override
  public void flush(List<UciSection> applied, NodeContext node) {
    UciCommit.stageAndCommit(UciCommit.group(applied.stream().map(UciSection::config).toList(),
        applied.stream().map(UciSection::applyCommands).toList()), node);
  }

  /** The committed config file the section lives in ({@link UciOptionDriver#revert}). */
  @Override
  public RevertSteps revert(UciSection section, Optional<ResourceState> before) {
    return RevertSteps.files(UciCommit.CONFIG_DIR + section.config());
  }
}
