package io.haprovision.openwrt.uci;

import io.haprovision.resource.ResourceState;
import java.util.Optional;

/**
 * A named UCI section as the node has it now: its type, or empty when there is no such
 * section.
 *
 * @param type the section's type ({@code dhcp}, {@code host}, {@code globals})
 */
public record UciSectionState(Optional<String> type) implements ResourceState {
  /** Rejects null. */
  public UciSectionState {
    java.util.Objects.requireNonNull(type, "type");
  }

  /** No such section. */
  public static UciSectionState absent() {
    return new UciSectionState(Optional.empty());
  }

  /** A section of this type. */
  public static UciSectionState of(String type) {
    return new UciSectionState(Optional.of(type));
  }

  @Override
  public String fingerprint() {
    return type.map(t -> "uci section " + t).orElse("uci section absent");
  }
}
