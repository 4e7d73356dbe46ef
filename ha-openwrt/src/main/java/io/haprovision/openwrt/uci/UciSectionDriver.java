package io.haprovision.openwrt.uci;

import io.haprovision.resource.ResourceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.ShellQuote;
import java.util.List;
import java.util.Optional;

/**
 * Reads and changes {@link UciSection}s with the {@code uci} tool: {@code uci -q get
 * CONFIG.NAME} prints a section's type (nothing and exit 1 when there is no such section),
 * {@code uci set CONFIG.NAME=TYPE} creates or retypes it, and a run of changes ends with
 * {@code uci commit} of each config touched.
 */
public final class UciSectionDriver implements ResourceDriver<UciSection> {
  @Override
  public Class<UciSection> type() {
    return UciSection.class;
  }

  @Override
  public String probe(UciSection section) {
    return "uci -q get " + ShellQuote.quote(section.key()) + "\n";
  }

  @Override
  public ResourceState parse(UciSection section, ProbeOutput out) {
    if (out.exitCode() == 1 && out.stdout().isBlank()) {
      return UciSectionState.absent();
    }
    List<String> lines = out.lines();
    if (out.exitCode() != 0 || lines.size() != 1 || !UciNames.isName(lines.get(0))) {
      throw out.unexpected("`uci get " + section.key() + "` should print the section's type");
    }
    return UciSectionState.of(lines.get(0));
  }

  @Override
  public void apply(UciSection section, Optional<ResourceState> current, NodeContext node) {
    node.run("set -e\n" + String.join("\n", section.applyCommands()) + "\n", "staging uci section " + section.key());
  }

  @Override
  public void flush(List<UciSection> applied, NodeContext node) {
    UciOptionDriver.commit(applied.stream().map(UciSection::config).toList(), node);
  }
}
