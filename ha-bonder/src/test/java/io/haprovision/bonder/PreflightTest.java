package io.haprovision.bonder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.engine.Engine;
import io.haprovision.engine.NodeConnector;
import io.haprovision.error.TargetException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.PairSpec;
import io.haprovision.lab.bonderapi.ApiCall;
import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.PreflightProblem;
import io.haprovision.spi.Targets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bonder preflight against the management API simulator on loopback: what it accepts,
 * what it refuses and how it names it, and that the engine stops before any node connection.
 */
class PreflightTest {
  private static ManagementApiSimulator api;

  @BeforeAll
  static void start() {
    api = ApiFixture.start("127.0.0.1");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void reset() {
    ApiFixture.reset(api);
  }

  private String trusted() {
    return ApiFixture.inventory(api, api.caPemFile().toString(), null);
  }

  private static PairSpec pair(String yaml, String password) {
    return Inventories.loader().withEnvironment(Map.of("BONDER_API_PASSWORD", password)).load(yaml, "test.yml", null)
        .pairs().get(0);
  }

  private static List<PreflightProblem> preflight(String yaml, String password) {
    return new BonderTarget().preflight(pair(yaml, password));
  }

  @Test
  void passesWhenTheApiKnowsEveryIdAndOnlyReads() {
    assertThat(preflight(trusted(), Inventories.PASSWORD)).isEmpty();
    // The v3 root (auto asks it), ten floating objects, each bond's hook connected IP.
    assertThat(api.calls()).hasSize(13).allMatch(c -> c.method().equals("GET") && c.status() == 200);
    assertThat(api.calls().get(0).path()).isEqualTo("/api/v3/");
    assertThat(api.calls()).extracting(ApiCall::path).contains("/api/v3/bonds/12/connected_ips/105/",
        "/api/v3/bonds/13/connected_ips/106/");
    assertThat(api.calls()).extracting(ApiCall::path).contains("/api/v3/bonds/12/cpe_nat_ips/301/",
        "/api/v3/bonds/13/routes/204/");
    assertThat(ApiFixture.floating(api, 12, true)).isTrue();
    assertThat(ApiFixture.floating(api, 13, false)).isTrue();
  }

  @Test
  void retriesServerErrorsAsTheNotifyProgramWould() {
    api.failNext(2, 503);
    assertThat(preflight(trusted(), Inventories.PASSWORD)).isEmpty();
    assertThat(api.calls()).hasSize(15);
  }

  @Test
  void wrongPasswordStopsAtOnceNamingTheUserButNotThePassword() {
    String wrong = "wrong-password-marker";
    List<PreflightProblem> problems = preflight(trusted(), wrong);
    assertThat(problems).hasSize(1);
    PreflightProblem p = problems.get(0);
    assertThat(p.kind()).isEqualTo(TargetException.Kind.UNREACHABLE);
    assertThat(p.toString()).contains("refused API user ha-failover@example.net").contains("HTTP 401")
        .contains("pairs[0].bonder.api.password").doesNotContain(wrong).doesNotContain(Inventories.PASSWORD);
    // Issue 18, point 4: both causes a refusal can have, and what to check.
    assertThat(p.message()).contains("either the email address or the password is wrong")
        .contains("may not use this bond's routing objects").contains("group may view and change routing objects");
    assertThat(api.calls()).hasSize(2); // the v3 root, the first object: then it stops
  }

  @Test
  void aForbiddenObjectNamesBothCausesAndTheOtherObjectsAreStillChecked() {
    api.failNext(1, 403, "GET /api/v3/bonds/13/routes/204/");
    List<PreflightProblem> problems = preflight(trusted(), Inventories.PASSWORD);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.message()).contains("route 204 of bond 13").contains("HTTP 403")
          .contains("either the email address or the password is wrong").contains("may not use");
      assertThat(p.message()).doesNotContain(Inventories.PASSWORD);
    });
    assertThat(api.calls()).hasSize(13);
  }

  @Test
  void theHookConnectedIpMustExistAndBeEnabled() {
    api.setEnabled(io.haprovision.lab.bonderapi.ObjectKind.CONNECTED_IPS, 13, 106, false);
    assertThat(preflight(trusted(), Inventories.PASSWORD)).singleElement().extracting(PreflightProblem::message)
        .asString().contains("connected IP 106 (pairs[0].bonder.bonds.secondary.hook_connected_ip) is disabled")
        .contains("keepalived would never start");
    api.setEnabled(io.haprovision.lab.bonderapi.ObjectKind.CONNECTED_IPS, 13, 106, true);
    String unknown = Inventories.replace(trusted(), "hook_connected_ip: 106", "hook_connected_ip: 107");
    assertThat(preflight(unknown, Inventories.PASSWORD)).singleElement().extracting(PreflightProblem::message)
        .asString().startsWith("connected IP 107 (pairs[0].bonder.bonds.secondary.hook_connected_ip) of bond 13"
            + " does not exist");
  }

  /** Issue 18, point 2: against a server that offers only v3, auto speaks v3 and an explicit v4 is refused. */
  @Test
  void aServerWithoutV4GetsV3FromAutoAndRefusesAnExplicitV4() {
    try (ManagementApiSimulator older = ApiFixture.start("127.0.0.1", "v3")) {
      String yaml = ApiFixture.inventory(older, older.caPemFile().toString(), null);
      assertThat(preflight(yaml, Inventories.PASSWORD)).isEmpty();
      assertThat(older.calls().get(0).path()).isEqualTo("/api/v3/");
      assertThat(older.calls().get(0).status()).isEqualTo(200);
      assertThat(older.calls()).allMatch(c -> c.path().startsWith("/api/v3/"));

      older.clearCalls();
      List<PreflightProblem> v4 = preflight(Inventories.replace(yaml, "version: auto", "version: v4"),
          Inventories.PASSWORD);
      assertThat(v4).singleElement().extracting(PreflightProblem::message).asString()
          .startsWith("the management server does not offer API v4 (GET /api/v4/ answered 404")
          .contains("pairs[0].bonder.api.version: auto");
      assertThat(older.calls()).hasSize(1);
    }
  }

  /**
   * Issue 18, point 2: against a server that dropped v3, an explicit v3 is refused, auto stops
   * the run to say that v4's paths are inferred, and an explicit v4 reads every object there.
   */
  @Test
  void aServerThatDroppedV3IsNamedAsSuchAndAnExplicitV4IsChecked() {
    try (ManagementApiSimulator newer = ApiFixture.start("127.0.0.1", "v4")) {
      String auto = ApiFixture.inventory(newer, newer.caPemFile().toString(), null);
      assertThat(preflight(Inventories.replace(auto, "version: auto", "version: v3"), Inventories.PASSWORD))
          .singleElement().extracting(PreflightProblem::message).asString()
          .contains("does not offer API v3").contains("six months' notice");
      assertThat(preflight(auto, Inventories.PASSWORD)).singleElement().extracting(PreflightProblem::message)
          .asString().startsWith("the management server no longer offers API v3 (GET /api/v3/ answered 404)")
          .contains("paths inferred, not documented").contains("pairs[0].bonder.api.version: v4");
      newer.clearCalls();
      assertThat(preflight(Inventories.replace(auto, "version: auto", "version: v4"), Inventories.PASSWORD))
          .isEmpty();
      assertThat(newer.calls()).hasSize(13).allMatch(c -> c.path().startsWith("/api/v4/") && c.status() == 200);
    }
  }

  @Test
  void unknownObjectIdIsNamedWithItsBondAndKeyPath() {
    String yaml = Inventories.replace(trusted(), "routes: [203, 204]", "routes: [203, 209]");
    List<PreflightProblem> problems = preflight(yaml, Inventories.PASSWORD);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(TargetException.Kind.FAILED);
      assertThat(p.message()).isEqualTo("route 209 (pairs[0].bonder.bonds.secondary.routes) of bond 13 does not"
          + " exist on the management server (HTTP 404); correct or remove the id");
    });
    // A 404 is final: asked once, not retried.
    assertThat(api.calls()).filteredOn(c -> c.path().contains("/209/")).hasSize(1);
  }

  @Test
  void unknownBondIsNamedAsTheBond() {
    String yaml = Inventories.replace(trusted(), "bond: 13 ", "bond: 14 ");
    List<PreflightProblem> problems = preflight(yaml, Inventories.PASSWORD);
    assertThat(problems).singleElement().extracting(PreflightProblem::message).asString()
        .startsWith("bond 14 (pairs[0].bonder.bonds.secondary.bond) does not exist on the management server");
  }

  @Test
  void untrustedCertificatePointsAtControlCaFile() {
    String yaml = ApiFixture.inventory(api, null, null);
    List<PreflightProblem> problems = preflight(yaml, Inventories.PASSWORD);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(TargetException.Kind.UNREACHABLE);
      assertThat(p.message()).contains("TLS failed").contains("control_ca_file");
    });
    assertThat(api.calls()).isEmpty();
  }

  @Test
  void verifyTlsOffTrustsTheSelfSignedCertificate() {
    String yaml = Inventories.replace(ApiFixture.inventory(api, null, null), "verify_tls: true", "verify_tls: false");
    assertThat(preflight(yaml, Inventories.PASSWORD)).isEmpty();
  }

  @Test
  void unreachableApiIsUnreachable() throws Exception {
    int unused;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      unused = s.getLocalPort();
    }
    String yaml = ApiFixture.replaceValue(trusted(), "port: " + api.port(), "port: " + unused);
    List<PreflightProblem> problems = preflight(yaml, Inventories.PASSWORD);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(TargetException.Kind.UNREACHABLE);
      assertThat(p.message()).contains("cannot be reached from this control host")
          .contains("pairs[0].bonder.api.preflight: false");
    });
  }

  @Test
  void preflightOffAsksNothing() {
    String yaml = Inventories.replace(trusted(), "preflight: true", "preflight: false");
    assertThat(preflight(yaml, "wrong")).isEmpty();
    assertThat(api.calls()).isEmpty();
  }

  @Test
  void theEngineStopsBeforeOpeningAnyNodeAndListsEveryProblem() {
    String yaml = Inventories.replace(trusted(), "routes: [203, 204]", "routes: [203, 209]");
    yaml = Inventories.replace(yaml, "cpe_nat_ips: [301]", "cpe_nat_ips: [399]");
    Inventory inventory = Inventories.loader().load(yaml, "test.yml", null);
    AtomicInteger opened = new AtomicInteger();
    NodeConnector connector = (nodes, parallelism) -> {
      opened.incrementAndGet();
      throw new AssertionError("a node connection was opened: " + nodes);
    };
    Engine engine = Engine.builder().targets(Targets.of(new BonderTarget())).connector(connector)
        .redactor(Redactor.of(inventory.secrets())).build();
    assertThatThrownBy(() -> engine.open(inventory).close())
        .isInstanceOfSatisfying(TargetException.class, e -> {
          assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED);
          assertThat(e.getMessage()).contains("before any node was contacted")
              .contains("CPE NAT IP 399 (pairs[0].bonder.bonds.primary.cpe_nat_ips) of bond 12")
              .contains("route 209 (pairs[0].bonder.bonds.secondary.routes) of bond 13")
              .doesNotContain(Inventories.PASSWORD);
        });
    assertThat(opened).hasValue(0);
  }
}
