package io.haprovision.engine;

import io.haprovision.resource.Comparison;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.ShellQuote;
import java.util.List;
import java.util.Optional;

/**
 * A platform resource kind for engine tests: one named value on a {@link FakePair} node
 * ({@code priority} is what the node's keepalived configuration file says). Its driver shows
 * how a platform plugs a kind in: probe snippet, parser, apply command, and a flush that
 * "commits" once per run of consecutive settings.
 */
record FakeSetting(String key, String value, List<String> notifies) implements Resource {
  static final String KIND = "fake";

  static FakeSetting of(String key, String value, String... notifies) {
    return new FakeSetting(key, value, List.of(notifies));
  }

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, key);
  }

  @Override
  public String describe() {
    return "setting " + key;
  }

  @Override
  public Comparison compare(Optional<ResourceState> current) {
    Optional<String> now = ResourceState.expect(current, State.class, id()).flatMap(State::value);
    if (now.isEmpty()) {
      return Comparison.of(Comparison.Action.CREATE, "set " + key + " to " + value);
    }
    return now.get().equals(value)
        ? Comparison.none(key + " is " + value)
        : Comparison.of(Comparison.Action.UPDATE, "change " + key + " from " + now.get() + " to " + value);
  }

  /** The value on the node, if set. */
  record State(Optional<String> value) implements ResourceState {
    @Override
    public String fingerprint() {
      return "fake " + value.orElse("(unset)");
    }
  }

  /** Reads and writes settings with the commands {@link FakePair} understands. */
  static final class Driver implements ResourceDriver<FakeSetting> {
    @Override
    public Class<FakeSetting> type() {
      return FakeSetting.class;
    }

    @Override
    public String probe(FakeSetting s) {
      return "fake-get " + ShellQuote.quote(s.key()) + "\n";
    }

    @Override
    public ResourceState parse(FakeSetting s, ProbeOutput out) {
      if (out.exitCode() != 0) {
        throw out.unexpected("fake-get failed");
      }
      return new State(out.value("value"));
    }

    @Override
    public void apply(FakeSetting s, Optional<ResourceState> current, NodeContext node) {
      node.run("fake-set " + ShellQuote.quote(s.key()) + " " + ShellQuote.quote(s.value()), "setting " + s.key());
    }

    @Override
    public void flush(List<FakeSetting> applied, NodeContext node) {
      node.run("fake-commit " + applied.size(), "committing settings");
    }
  }
}
