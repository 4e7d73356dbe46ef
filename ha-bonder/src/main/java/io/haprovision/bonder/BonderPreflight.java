package io.haprovision.bonder;

import io.haprovision.error.TargetException;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.spi.PreflightProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The bonder pair's preflight, from the control host before any bonder is contacted: the
 * management API answers, accepts the inventory's user and password, and knows both bonds
 * and every object id the inventory lists ({@code GET} on each, retried on 5xx and timeouts
 * as the notify program would). A wrong password or id would otherwise only show when a
 * failover needs it.
 */
final class BonderPreflight {
  private BonderPreflight() {}

  /** Runs the checks of {@code pair} with {@code client}; the problems found, each naming its id and key path. */
  static List<PreflightProblem> check(PairSpec pair, ApiClient client) {
    BonderSection section = pair.platformSection(BonderSection.class);
    ManagementApi api = section.api();
    String where = client.where();
    List<PreflightProblem> problems = new ArrayList<>();
    for (NodeRole role : NodeRole.values()) {
      Bond bond = section.bonds().of(role);
      String bondPath = section.path() + ".bonds." + role.name().toLowerCase(java.util.Locale.ROOT);
      List<String> missing = new ArrayList<>();
      int objects = 0;
      for (ObjectKind kind : ObjectKind.values()) {
        for (String id : bond.ids(kind)) {
          objects++;
          String path = kind.apiPath(bond.id(), id);
          ApiClient.Answer answer;
          try {
            answer = client.getWithRetries(path);
          } catch (ApiClient.Unreachable e) {
            return List.of(new PreflightProblem(TargetException.Kind.UNREACHABLE, where, "the management API cannot"
                + " be reached from this control host (GET " + path + ": " + e.getMessage() + ")"
                + "; check " + section.path() + ".api.host and .port, or set " + section.path()
                + ".api.preflight: false if only the bonders can reach it"));
          }
          int status = answer.status();
          if (status == 401) {
            return List.of(new PreflightProblem(TargetException.Kind.UNREACHABLE, where, "the management API"
                + " refused the credentials of API user " + api.user() + " (HTTP 401 for GET " + path + ")"
                + "; check " + section.path() + ".api.user and " + section.path() + ".api.password"));
          }
          if (status == 403) {
            problems.add(new PreflightProblem(TargetException.Kind.UNREACHABLE, where, "API user " + api.user()
                + " may not read " + kind.label() + " " + id + " of bond " + bond.id() + " (HTTP 403 for GET " + path
                + "); give the user's group access to the bond's routing objects"));
          } else if (status == 404) {
            missing.add(kind.label() + " " + id + " (" + bondPath + "." + kind.path() + ")");
          } else if (status < 200 || status > 299) {
            problems.add(new PreflightProblem(TargetException.Kind.FAILED, where, "GET " + path + " answered HTTP "
                + status + (api.attempts() > 1 ? " after " + api.attempts() + " attempts" : "")
                + "; check the management server, then run again"));
          }
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      if (missing.size() == objects && bondUnknown(client, bond)) {
        problems.add(new PreflightProblem(TargetException.Kind.FAILED, where, "bond " + bond.id() + " ("
            + bondPath + ".bond) does not exist on the management server (HTTP 404); correct the bond id"));
        continue;
      }
      for (String m : missing) {
        problems.add(new PreflightProblem(TargetException.Kind.FAILED, where, m + " of bond " + bond.id()
            + " does not exist on the management server (HTTP 404); correct or remove the id"));
      }
    }
    return problems;
  }

  /** True when {@code GET /api/v3/bonds/{bond}/} says 404: every object 404 because the bond itself is unknown. */
  private static boolean bondUnknown(ApiClient client, Bond bond) {
    try {
      return client.getWithRetries("/api/v3/bonds/" + bond.id() + "/").status() == 404;
    } catch (ApiClient.Unreachable e) {
      return false;
    }
  }
}
