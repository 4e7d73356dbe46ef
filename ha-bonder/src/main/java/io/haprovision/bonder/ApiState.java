package io.haprovision.bonder;

import io.haprovision.inventory.NodeRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The floating objects of both bonds as the management API shows them now, read from the
 * control host with one {@code GET} each (no retries: a reading is a snapshot).
 *
 * @param objects every object of both bonds, the primary's first
 */
record ApiState(List<ObjectState> objects) {
  /** Copies the list. */
  ApiState {
    objects = List.copyOf(objects);
  }

  /**
   * One object as read.
   *
   * @param owner whose bond carries it
   * @param bond the bond id
   * @param kind its kind
   * @param id its id
   * @param enabled its {@code enabled} value, when the API showed one
   * @param problem why there is no value (HTTP status, no answer), when there is none
   */
  record ObjectState(NodeRole owner, String bond, ObjectKind kind, String id, Optional<Boolean> enabled,
      Optional<String> problem) {
    /** {@code route 201 of bond 12}. */
    String describe() {
      return kind.label() + " " + id + " of bond " + bond;
    }
  }

  /** Reads every object of both bonds of {@code section}, each call limited to {@code timeout}. */
  static ApiState read(BonderSection section, ApiClient client, Duration timeout) {
    List<ObjectState> out = new ArrayList<>();
    for (NodeRole role : NodeRole.values()) {
      Bond bond = section.bonds().of(role);
      for (ObjectKind kind : ObjectKind.values()) {
        for (String id : bond.ids(kind)) {
          Optional<Boolean> enabled = Optional.empty();
          Optional<String> problem;
          try {
            ApiClient.Answer a = client.get(kind.apiPath(client.version(), bond.id(), id), timeout);
            enabled = a.status() / 100 == 2 ? a.enabled() : Optional.empty();
            problem = a.status() / 100 != 2 ? Optional.of("HTTP " + a.status())
                : enabled.isEmpty() ? Optional.of("the answer shows no `enabled`") : Optional.empty();
          } catch (ApiClient.Unreachable e) {
            problem = Optional.of("no answer: " + e.getMessage());
          }
          out.add(new ObjectState(role, bond.id(), kind, id, enabled, problem));
        }
      }
    }
    return new ApiState(out);
  }

  /**
   * What disagrees with {@code master}'s bond carrying the objects: each of its objects not
   * enabled and each of the other bond's not disabled, one line each; empty when all agree.
   */
  List<String> disagreements(NodeRole master) {
    List<String> out = new ArrayList<>();
    for (ObjectState o : objects) {
      boolean want = o.owner() == master;
      if (o.problem().isPresent()) {
        out.add(o.describe() + ": " + o.problem().get());
      } else if (o.enabled().get() != want) {
        out.add(o.describe() + " (" + o.owner().name().toLowerCase(Locale.ROOT) + "'s bond) is "
            + (o.enabled().get() ? "enabled" : "disabled") + ", should be " + (want ? "enabled" : "disabled"));
      }
    }
    return out;
  }

  /** {@code enabled} objects per bond, for a report: {@code bond 12: 5/5 enabled; bond 13: 0/5 enabled}. */
  String summary() {
    StringBuilder sb = new StringBuilder();
    for (NodeRole role : NodeRole.values()) {
      List<ObjectState> own = objects.stream().filter(o -> o.owner() == role).toList();
      if (own.isEmpty()) {
        continue;
      }
      long on = own.stream().filter(o -> o.enabled().orElse(false)).count();
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append("bond ").append(own.get(0).bond()).append(": ").append(on).append('/').append(own.size())
          .append(" enabled");
    }
    return sb.toString();
  }
}
