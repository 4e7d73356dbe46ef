package io.haprovision.openwrt.uci;

import io.haprovision.openwrt.uci.UciOptionState.Shape;
import io.haprovision.resource.AttributeChange;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.Comparison.Action;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.transport.ShellQuote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One UCI option, {@code config.section.option}, set to a single value or a list, or
 * removed. The whole option is owned: a list is compared as a whole, in order, and
 * replaced as a whole.
 *
 * <p>Changes are staged with {@code uci set}/{@code add_list}/{@code delete}
 * ({@link #applyCommands()}) and take effect with {@link #commitCommand()}; the executor
 * commits each config once after staging all of its options, then runs the handlers
 * (which read the committed files).
 *
 * @param config the config (file under {@code /etc/config}), e.g. {@code dhcp}
 * @param section a named section ({@code lan}) or {@code @type[index]}
 * @param option the option's name, e.g. {@code dhcp_option}
 * @param value the desired value (ignored when {@code ensure} is absent)
 * @param ensure present (set this value) or absent (delete the option)
 * @param notifies handlers to run when it changes
 */
public record UciOption(
    String config, String section, String option, Optional<UciValue> value, Ensure ensure, List<String> notifies)
    implements Resource {

  /** The kind in {@link ResourceId}s of UCI options. */
  public static final String KIND = "uci";

  /** Checks names and values; a present option needs a value, an absent one has none. */
  public UciOption {
    UciNames.config(config);
    UciNames.sectionRef(section);
    UciNames.name(option, "option name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(ensure, "ensure");
    notifies = List.copyOf(notifies);
    String key = config + "." + section + "." + option;
    if (ensure == Ensure.PRESENT && value.isEmpty()) {
      throw new IllegalArgumentException("UCI option " + key + " is to be present but has no value");
    }
    if (ensure == Ensure.ABSENT && value.isPresent()) {
      throw new IllegalArgumentException("UCI option " + key + " is to be absent and cannot have a value");
    }
    value.ifPresent(v -> v.values().forEach(s -> UciNames.value(s, key)));
  }

  /** {@code config.section.option = value}. */
  public static UciOption set(String config, String section, String option, String value) {
    return new UciOption(config, section, option, Optional.of(UciValue.of(value)), Ensure.PRESENT, List.of());
  }

  /** {@code config.section.option} as a list of {@code values}, in this order. */
  public static UciOption list(String config, String section, String option, List<String> values) {
    return new UciOption(config, section, option, Optional.of(UciValue.list(values)), Ensure.PRESENT, List.of());
  }

  /** {@code config.section.option} must not be set. */
  public static UciOption absent(String config, String section, String option) {
    return new UciOption(config, section, option, Optional.empty(), Ensure.ABSENT, List.of());
  }

  /** The same option, notifying these handlers (added to any it notifies already). */
  public UciOption notifying(String... handlers) {
    List<String> all = new ArrayList<>(notifies);
    all.addAll(Arrays.asList(handlers));
    return new UciOption(config, section, option, value, ensure, all);
  }

  /** {@code config.section.option}. */
  public String key() {
    return config + "." + section + "." + option;
  }

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, key());
  }

  @Override
  public String describe() {
    return switch (ensure) {
      case ABSENT -> "uci " + key() + " (absent)";
      case PRESENT -> "uci " + key() + (isList() ? " list " : "=") + value.orElseThrow().show();
    };
  }

  private boolean isList() {
    return value.orElse(null) instanceof UciValue.Multi;
  }

  @Override
  public Comparison compare(Optional<ResourceState> current) {
    UciOptionState now = ResourceState.expect(current, UciOptionState.class, id()).orElse(UciOptionState.absent());
    if (ensure == Ensure.ABSENT) {
      return now.exists()
          ? new Comparison(Action.DELETE, "delete uci " + key() + " (was " + now.show() + ")",
              List.of(new AttributeChange("value", now.show(), "(absent)")), Optional.empty())
          : Comparison.none("uci " + key() + " is not set");
    }
    UciValue wanted = value.orElseThrow();
    String kind = isList() ? "list" : "option";
    if (!now.exists()) {
      return new Comparison(Action.CREATE, "set uci " + kind + " " + key() + " = " + wanted.show(),
          List.of(new AttributeChange("value", "(absent)", wanted.show())), Optional.empty());
    }
    List<AttributeChange> changes = new ArrayList<>();
    if (!shapeFits(now.shape())) {
      changes.add(new AttributeChange("type", now.shape() == Shape.LIST ? "list" : "option", kind));
    }
    if (!now.values().equals(wanted.values())) {
      changes.add(new AttributeChange("value", now.show(), wanted.show()));
    }
    if (changes.isEmpty()) {
      return Comparison.none("uci " + key() + " is " + wanted.show());
    }
    List<String> what = changes.stream().map(c -> c.name() + " " + c.before() + " -> " + c.after()).toList();
    return new Comparison(Action.UPDATE, "update uci " + key() + ": " + String.join(", ", what), changes,
        Optional.empty());
  }

  private boolean shapeFits(Shape shape) {
    return switch (shape) {
      case ONE_VALUE -> true;
      case OPTION -> !isList();
      case LIST -> isList();
      case ABSENT -> false;
    };
  }

  /**
   * The {@code uci} command lines that stage this option (POSIX shell, every argument
   * quoted): {@code uci set}, or for a list a delete then one {@code add_list} per value,
   * or a delete that succeeds when the option is already gone.
   */
  public List<String> applyCommands() {
    List<String> out = new ArrayList<>();
    if (ensure == Ensure.ABSENT || isList()) {
      out.add(ShellQuote.join("uci", "-q", "delete", key()) + " || true");
    }
    if (ensure == Ensure.PRESENT) {
      UciValue wanted = value.orElseThrow();
      if (wanted instanceof UciValue.Multi multi) {
        multi.items().forEach(v -> out.add(ShellQuote.join("uci", "add_list", key() + "=" + v)));
      } else {
        out.add(ShellQuote.join("uci", "set", key() + "=" + wanted.values().get(0)));
      }
    }
    return out;
  }

  /** {@code uci commit CONFIG}: makes the staged changes of the config permanent. */
  public String commitCommand() {
    return ShellQuote.join("uci", "commit", config);
  }
}
