package io.haprovision.openwrt.uci;

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
 * A named UCI section of a given type ({@code config host 'lease_printer'} in
 * {@code /etc/config/dhcp}): created when missing, retyped when its type differs, or
 * deleted (with all its options). Order it before the {@link UciOption}s of the section:
 * {@code uci set} refuses options of a section that does not exist.
 *
 * @param config the config, e.g. {@code dhcp}
 * @param name the section's name (named sections only: anonymous ones have no stable name)
 * @param type the section's type, e.g. {@code host}
 * @param ensure present or absent
 * @param notifies handlers to run when it changes
 */
public record UciSection(String config, String name, String type, Ensure ensure, List<String> notifies)
    implements Resource {

  /** The kind in {@link ResourceId}s of UCI sections. */
  public static final String KIND = "uci-section";

  /** Checks the names. */
  public UciSection {
    UciNames.config(config);
    UciNames.name(name, "section name");
    UciNames.name(type, "section type");
    Objects.requireNonNull(ensure, "ensure");
    notifies = List.copyOf(notifies);
  }

  /** The section must exist with this type. */
  public static UciSection of(String config, String name, String type) {
    return new UciSection(config, name, type, Ensure.PRESENT, List.of());
  }

  /** The same section, notifying these handlers (added to any it notifies already). */
  public UciSection notifying(String... handlers) {
    List<String> all = new ArrayList<>(notifies);
    all.addAll(Arrays.asList(handlers));
    return new UciSection(config, name, type, ensure, all);
  }

  /** {@code config.name}. */
  public String key() {
    return config + "." + name;
  }

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, key());
  }

  @Override
  public String describe() {
    return "uci section " + key() + " (" + type + ")" + (ensure == Ensure.ABSENT ? " (absent)" : "");
  }

  @Override
  public Comparison compare(Optional<ResourceState> current) {
    UciSectionState now = ResourceState.expect(current, UciSectionState.class, id()).orElse(UciSectionState.absent());
    if (ensure == Ensure.ABSENT) {
      return now.type().isPresent()
          ? Comparison.of(Action.DELETE, "delete uci section " + key() + " (" + now.type().get() + ")")
          : Comparison.none("uci section " + key() + " does not exist");
    }
    if (now.type().isEmpty()) {
      return Comparison.of(Action.CREATE, "add uci section " + key() + " (" + type + ")");
    }
    if (!now.type().get().equals(type)) {
      return new Comparison(Action.UPDATE, "retype uci section " + key() + ": " + now.type().get() + " -> " + type,
          List.of(new AttributeChange("type", now.type().get(), type)), Optional.empty());
    }
    return Comparison.none("uci section " + key() + " is a " + type);
  }

  /** The {@code uci} command line that stages this section ({@code uci set config.name=type} or a delete). */
  public List<String> applyCommands() {
    return ensure == Ensure.PRESENT
        ? List.of(ShellQuote.join("uci", "set", key() + "=" + type))
        : List.of(ShellQuote.join("uci", "-q", "delete", key()) + " || true");
  }

  /** {@code uci commit CONFIG}. */
  public String commitCommand() {
    return ShellQuote.join("uci", "commit", config);
  }
}
