package io.haprovision.bonder;

import io.haprovision.error.TargetException;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.spi.PreflightProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The bonder pair's preflight, from the control host before any bonder is contacted: the
 * management API answers, offers the API version the inventory asks for (or, for
 * {@code auto}, the one the notify program will choose), accepts the inventory's user and
 * password, and knows both bonds and every object id the inventory lists under that version
 * ({@code GET} on each, retried on 5xx and timeouts as the notify program would). A wrong
 * password, id or version would otherwise only show when a failover needs it.
 */
final class BonderPreflight {
  private BonderPreflight() {}

  /** Runs the checks of {@code pair} with {@code client}; the problems found, each naming its id and key path. */
  static List<PreflightProblem> check(PairSpec pair, ApiClient client) {
    BonderSection section = pair.platformSection(BonderSection.class);
    ManagementApi api = section.api();
    String where = client.where();
    String version;
    try {
      version = client.version();
      java.util.Optional<PreflightProblem> offered = versionNotOffered(section, client, version);
      if (offered.isPresent()) {
        return List.of(offered.get());
      }
    } catch (ApiClient.Unreachable e) {
      return List.of(unreachable(section,
          (api.version() == ApiVersion.AUTO ? ApiVersion.V3 : api.version()).root(), e));
    }
    List<PreflightProblem> problems = new ArrayList<>();
    for (NodeRole role : NodeRole.values()) {
      Bond bond = section.bonds().of(role);
      String bondPath = section.path() + ".bonds." + role.name().toLowerCase(java.util.Locale.ROOT);
      List<String> missing = new ArrayList<>();
      List<Asked> asked = new ArrayList<>();
      for (ObjectKind kind : ObjectKind.values()) {
        bond.ids(kind).forEach(id -> asked.add(new Asked(kind, id, bondPath + "." + kind.path(), false)));
      }
      if (section.keepalivedStart() == KeepalivedStart.CONNECTED_IP_HOOK) {
        bond.hookConnectedIp().ifPresent(id -> asked.add(new Asked(ObjectKind.CONNECTED_IPS, id,
            bondPath + ".hook_connected_ip", true)));
      }
      for (Asked one : asked) {
        ObjectKind kind = one.kind();
        String id = one.id();
        String path = kind.apiPath(version, bond.id(), id);
        ApiClient.Answer answer;
        try {
          answer = client.getWithRetries(path);
        } catch (ApiClient.Unreachable e) {
          return List.of(unreachable(section, path, e));
        }
        int status = answer.status();
        if (status == 401 || status == 403) {
          // Which code a wrong password gets is not documented: either may mean either cause.
          problems.add(new PreflightProblem(TargetException.Kind.UNREACHABLE, where, "the management API refused"
              + " API user " + api.user() + " access to " + kind.label() + " " + id + " of bond " + bond.id()
              + " (HTTP " + status + " for GET " + path + "): either the email address or the password is wrong, or the"
              + " account may not use this bond's routing objects; check " + section.path() + ".api.user and "
              + section.path() + ".api.password (log in to the management server with them), then that the"
              + " account's group may view and change routing objects in the bond's space"));
          if (status == 401) {
            return problems;
          }
        } else if (status == 404) {
          missing.add(kind.label() + " " + id + " (" + one.key() + ")");
        } else if (one.hook() && status / 100 == 2 && answer.enabled().equals(java.util.Optional.of(false))) {
          problems.add(new PreflightProblem(TargetException.Kind.FAILED, where, "connected IP " + id + " ("
              + one.key() + ") is disabled on bond " + bond.id() + ": bonding runs its hook only while it is"
              + " enabled, so keepalived would never start on that bonder; name the bond's connected IP on the"
              + " private link, which stays enabled"));
        } else if (status < 200 || status > 299) {
          problems.add(new PreflightProblem(TargetException.Kind.FAILED, where, "GET " + path + " answered HTTP "
              + status + (api.attempts() > 1 ? " after " + api.attempts() + " attempts" : "")
              + "; check the management server, then run again"));
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      if (missing.size() == asked.size() && bondUnknown(client, bond, version)) {
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

  /** One object preflight asks for: a floating one, or ({@code hook}) the one whose hook starts keepalived. */
  private record Asked(ObjectKind kind, String id, String key, boolean hook) {}

  private static PreflightProblem unreachable(BonderSection section, String path, ApiClient.Unreachable e) {
    return new PreflightProblem(TargetException.Kind.UNREACHABLE, section.api().baseUrl(), "the management API cannot"
        + " be reached from this control host (GET " + path + ": " + e.getMessage() + ")"
        + "; check " + section.path() + ".api.host and .port, or set " + section.path()
        + ".api.preflight: false if only the bonders can reach it");
  }

  /**
   * A problem when the server does not offer {@code version}: its root ({@code GET /api/v3/},
   * "list of core resources") answers 404, and, with {@code auto}, when the server no longer
   * offers v3: the notify program then speaks v4 at paths inferred, not documented, and the
   * user should know and choose.
   */
  private static java.util.Optional<PreflightProblem> versionNotOffered(BonderSection section, ApiClient client,
      String version) throws ApiClient.Unreachable {
    ApiVersion asked = section.api().version();
    String root = "/api/" + version + "/";
    String key = section.path() + ".api.version";
    if (asked == ApiVersion.AUTO && version.equals(ApiVersion.V3.segment())) {
      return java.util.Optional.empty(); // GET /api/v3/ did not answer 404
    }
    if (asked == ApiVersion.AUTO) {
      // v3 is gone. Say so: the notify program now speaks v4, at paths inferred, not documented.
      int v4 = client.getWithRetries(ApiVersion.V4.root()).status();
      return java.util.Optional.of(new PreflightProblem(TargetException.Kind.FAILED, client.where(),
          v4 == 404
              ? "the management server offers neither API v3 nor v4 (GET /api/v3/ and GET /api/v4/ answered 404)"
                  + "; check that " + section.path() + ".api.host and .port point at the management server"
              : "the management server no longer offers API v3 (GET /api/v3/ answered 404), the version whose"
                  + " routing-object paths Multapplied documents; with api.version auto the notify program now"
                  + " speaks v4 at /api/v4/bonds/BOND/KIND/ID/, paths inferred, not documented (see"
                  + " docs/platforms/bonder.md); check one in the management server's API documentation, then set "
                  + key + ": v4, and this preflight reads every object under v4"));
    }
    int status = client.getWithRetries(root).status();
    if (status != 404) {
      return java.util.Optional.empty(); // offered, or 401/403: the objects' calls say which
    }
    return java.util.Optional.of(new PreflightProblem(TargetException.Kind.FAILED, client.where(),
        "the management server does not offer API " + version + " (GET " + root + " answered 404; old API"
            + " versions are removed after six months' notice); set " + key + ": auto, or the version the"
            + " server documents as current"));
  }

  /** True when {@code GET /api/VERSION/bonds/{bond}/} says 404: every object 404 because the bond itself is unknown. */
  private static boolean bondUnknown(ApiClient client, Bond bond, String version) {
    try {
      return client.getWithRetries(ObjectKind.bondPath(version, bond.id())).status() == 404;
    } catch (ApiClient.Unreachable e) {
      return false;
    }
  }
}
