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
 * A resource kind whose driver reads every label of a node with one command, the same probe
 * text for each label (as UCI options read their config): the engine must run it once per node
 * and let each label parse its part.
 */
record FakeLabel(String key, String value) implements Resource {
  static final String KIND = "label";

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, key);
  }

  @Override
  public String describe() {
    return "label " + key;
  }

  @Override
  public List<String> notifies() {
    return List.of();
  }

  @Override
  public Comparison compare(Optional<ResourceState> current) {
    Optional<String> now = ResourceState.expect(current, FakeSetting.State.class, id()).flatMap(FakeSetting.State::value);
    return now.isPresent() && now.get().equals(value) ? Comparison.none(key + " is " + value)
        : Comparison.of(now.isEmpty() ? Comparison.Action.CREATE : Comparison.Action.UPDATE, "label " + key + " = " + value);
  }

  /** Reads all labels with {@code fake-labels}; each label finds its {@code KEY=VALUE} line. */
  static final class Driver implements ResourceDriver<FakeLabel> {
    @Override
    public Class<FakeLabel> type() {
      return FakeLabel.class;
    }

    @Override
    public String probe(FakeLabel label) {
      return "fake-labels\n";
    }

    @Override
    public ResourceState parse(FakeLabel label, ProbeOutput out) {
      return new FakeSetting.State(out.lines().stream().filter(l -> l.startsWith(label.key() + "="))
          .map(l -> l.substring(label.key().length() + 1)).findFirst());
    }

    @Override
    public void apply(FakeLabel label, Optional<ResourceState> current, NodeContext node) {
      node.run("fake-set " + ShellQuote.quote("label." + label.key()) + " " + ShellQuote.quote(label.value()),
          "setting label " + label.key());
    }
  }
}
