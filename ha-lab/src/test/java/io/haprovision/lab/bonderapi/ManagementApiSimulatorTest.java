package io.haprovision.lab.bonderapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haprovision.secret.Secret;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTPS with the JDK's HttpClient, trusting its PEM file. */
class ManagementApiSimulatorTest {
  private static final String USER = "ha-failover";
  private static final String PASSWORD = "s3cret:with colon";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ManagementApiSimulator api;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    api = ManagementApiSimulator.start(ManagementApiSimulator.Spec.loopback(USER, Secret.of(PASSWORD, "test")));
    client = HttpClient.newBuilder().sslContext(trusting(api)).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void fresh() {
    api.clearFaults();
    api.clearCalls();
    api.bond(12).connectedIp(101, "198.51.100.10", true).connectedIp(102, "198.51.100.11", true)
        .route(201, "203.0.113.0/29", true).cpeNatIp(301, "203.0.113.9", true);
    api.bond(13).connectedIp(103, "198.51.100.12", false).route(203, "203.0.113.8/29", false);
  }

  static SSLContext trusting(ManagementApiSimulator simulator) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(simulator.caPemFile())) {
      store.setCertificateEntry("api", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(String method, String path, String body, String auth) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, basic(USER, PASSWORD));
  }

  private static HttpResponse<String> patch(String path, String body) throws Exception {
    return send("PATCH", path, body, basic(USER, PASSWORD));
  }

  @Test
  void getAnswersTheObjectAsJson() throws Exception {
    HttpResponse<String> answer = get("/api/v3/bonds/12/connected_ips/101/");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode json = JSON.readTree(answer.body());
    assertThat(json.get("id").asInt()).isEqualTo(101);
    assertThat(json.get("bond").asInt()).isEqualTo(12);
    assertThat(json.get("ip").asText()).isEqualTo("198.51.100.10");
    assertThat(json.get("enabled").asBoolean()).isTrue();
    assertThat(json.get("url").asText()).isEqualTo(api.baseUrl() + "/api/v3/bonds/12/connected_ips/101/");
    assertThat(JSON.readTree(get("/api/v3/bonds/13/routes/203/").body()).get("network").asText())
        .isEqualTo("203.0.113.8/29");
  }

  /** Both versions' roots answer, and the same objects are under both, each answer naming its own version's URL. */
  @Test
  void v3AndV4OfferTheSameObjectsAndEachRootListsItsBonds() throws Exception {
    for (String v : List.of("v3", "v4")) {
      HttpResponse<String> root = get("/api/" + v + "/");
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(root.body()).get("bonds").asText()).isEqualTo(api.baseUrl() + "/api/" + v + "/bonds/");
      JsonNode object = JSON.readTree(get("/api/" + v + "/bonds/12/routes/201/").body());
      assertThat(object.get("url").asText()).isEqualTo(api.baseUrl() + "/api/" + v + "/bonds/12/routes/201/");
    }
    assertThat(patch("/api/v4/bonds/12/routes/201/", "{\"enabled\": false}").statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(get("/api/v3/bonds/12/routes/201/").body()).get("enabled").asBoolean())
        .as("one object, two paths").isFalse();
    assertThat(get("/api/v5/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v4/", null, null).statusCode()).as("the root asks for credentials too").isEqualTo(401);
  }

  /** A server that offers one version answers 404 for every path of the other, its root too. */
  @Test
  void aVersionNotOfferedIsNotFoundEverywhere() throws Exception {
    try (ManagementApiSimulator older = ManagementApiSimulator.start(ManagementApiSimulator.Spec
        .loopback(USER, Secret.of(PASSWORD, "test")).withVersions("v3"))) {
      older.bond(12).route(201, "203.0.113.0/29", true);
      HttpClient trusted = HttpClient.newBuilder().sslContext(trusting(older)).build();
      for (String path : List.of("/api/v4/", "/api/v4/bonds/12/routes/201/")) {
        HttpResponse<String> r = trusted.send(HttpRequest.newBuilder(URI.create(older.baseUrl() + path))
            .header("Authorization", basic(USER, PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(404);
      }
      HttpResponse<String> v3 = trusted.send(HttpRequest.newBuilder(URI.create(older.baseUrl()
          + "/api/v3/bonds/12/routes/201/")).header("Authorization", basic(USER, PASSWORD)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(v3.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void patchSwitchesTheObjectAndTheLogShowsIt() throws Exception {
    Instant before = Instant.now();
    HttpResponse<String> off = patch("/api/v3/bonds/12/routes/201/", "{\"enabled\": false}");

    assertThat(off.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(off.body()).get("enabled").asBoolean()).isFalse();
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isFalse();
    assertThat(api.enabled(ObjectKind.CONNECTED_IPS, 12, 101)).as("other objects untouched").isTrue();

    HttpResponse<String> on = patch("/api/v3/bonds/13/connected_ips/103/", "{\"enabled\":true,\"ignored\":1}");
    assertThat(on.statusCode()).isEqualTo(200);
    assertThat(api.enabled(ObjectKind.CONNECTED_IPS, 13, 103)).isTrue();

    List<ApiCall> calls = api.calls();
    assertThat(calls).hasSize(2);
    ApiCall first = calls.get(0);
    assertThat(first.method()).isEqualTo("PATCH");
    assertThat(first.path()).isEqualTo("/api/v3/bonds/12/routes/201/");
    assertThat(first.body()).isEqualTo("{\"enabled\": false}");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.user()).isEqualTo(USER);
    assertThat(first.received()).isBetween(before, calls.get(1).received());
    assertThat(first.isPatchOf(ObjectKind.ROUTES, 12, 201)).isTrue();
    assertThat(calls.get(1).isPatchOf(ObjectKind.CONNECTED_IPS, 13, 103)).isTrue();
    assertThat(calls.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void wrongOrMissingCredentialsAre401WithAChallengeAndChangeNothing() throws Exception {
    HttpResponse<String> wrong = send("PATCH", "/api/v3/bonds/12/routes/201/", "{\"enabled\": false}",
        basic(USER, "not-it"));
    HttpResponse<String> otherUser = send("GET", "/api/v3/bonds/12/routes/201/", null, basic("admin", PASSWORD));
    HttpResponse<String> none = send("GET", "/api/v3/bonds/12/routes/201/", null, null);

    for (HttpResponse<String> answer : List.of(wrong, otherUser, none)) {
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"api\"");
    }
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isTrue();
    assertThat(api.calls()).extracting(ApiCall::status).containsExactly(401, 401, 401);
    assertThat(api.calls()).extracting(ApiCall::user).containsExactly(USER, "admin", "");
  }

  @Test
  void unknownBondsKindsAndIdsAre404() throws Exception {
    assertThat(get("/api/v3/bonds/99/routes/201/").statusCode()).isEqualTo(404);
    assertThat(get("/api/v3/bonds/12/routes/999/").statusCode()).isEqualTo(404);
    assertThat(patch("/api/v3/bonds/13/routes/201/", "{\"enabled\": false}").statusCode())
        .as("an id of another bond").isEqualTo(404);
    assertThat(get("/api/v3/bonds/12/tunnels/201/").statusCode()).isEqualTo(404);
    assertThat(get("/api/v3/bonds/12/routes/201").statusCode()).as("no trailing slash").isEqualTo(404);
    assertThat(get("/api/v2/bonds/12/routes/201/").statusCode()).isEqualTo(404);
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isTrue();
  }

  @Test
  void badBodiesAre400AndOtherMediaTypes415() throws Exception {
    for (String body : List.of("not json", "[true]", "{\"enabled\": \"false\"}", "{\"enabled\": 0}", "{}", "")) {
      assertThat(patch("/api/v3/bonds/12/routes/201/", body).statusCode()).as(body).isEqualTo(400);
    }
    HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v3/bonds/12/routes/201/"))
        .method("PATCH", HttpRequest.BodyPublishers.ofString("enabled=false"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", basic(USER, PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(send("PUT", "/api/v3/bonds/12/routes/201/", "{\"enabled\": false}", basic(USER, PASSWORD))
        .statusCode()).isEqualTo(405);
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isTrue();
  }

  @Test
  void listsBondsAndTheirObjects() throws Exception {
    JsonNode bonds = JSON.readTree(get("/api/v3/bonds/").body());
    assertThat(bonds.findValuesAsText("id")).contains("12", "13");
    assertThat(get("/api/v3/bonds/12/").statusCode()).isEqualTo(200);
    JsonNode ips = JSON.readTree(get("/api/v3/bonds/12/connected_ips/").body());
    assertThat(ips.findValuesAsText("id")).containsExactly("101", "102");
  }

  @Test
  void failNextAnswersTheStatusThenRecovers() throws Exception {
    api.failNext(2, 503);

    assertThat(patch("/api/v3/bonds/12/routes/201/", "{\"enabled\": false}").statusCode()).isEqualTo(503);
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).as("a failed call changes nothing").isTrue();
    assertThat(patch("/api/v3/bonds/12/routes/201/", "{\"enabled\": false}").statusCode()).isEqualTo(503);
    assertThat(patch("/api/v3/bonds/12/routes/201/", "{\"enabled\": false}").statusCode()).isEqualTo(200);
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isFalse();
    assertThat(api.calls()).extracting(ApiCall::status).containsExactly(503, 503, 200);
  }

  @Test
  void failNextWithAPatternOnlyHitsMatchingRequests() throws Exception {
    api.failNext(1, 500, "^PATCH .*/connected_ips/102/$");

    assertThat(get("/api/v3/bonds/12/connected_ips/102/").statusCode()).as("GET does not match").isEqualTo(200);
    assertThat(patch("/api/v3/bonds/12/connected_ips/101/", "{\"enabled\": false}").statusCode()).isEqualTo(200);
    assertThat(patch("/api/v3/bonds/12/connected_ips/102/", "{\"enabled\": false}").statusCode()).isEqualTo(500);
    assertThat(patch("/api/v3/bonds/12/connected_ips/102/", "{\"enabled\": false}").statusCode()).isEqualTo(200);
  }

  @Test
  void failuresComeBeforeAuthentication() throws Exception {
    api.failNext(1, 503);
    assertThat(send("GET", "/api/v3/bonds/12/", null, null).statusCode()).isEqualTo(503);
    assertThat(send("GET", "/api/v3/bonds/12/", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void delayNextHoldsARequestPastTheClientsTimeout() throws Exception {
    api.delayNext(1, Duration.ofMillis(1500), "routes/201/");
    HttpRequest slow = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v3/bonds/12/routes/201/"))
        .timeout(Duration.ofMillis(300))
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"enabled\": false}"))
        .header("Content-Type", "application/json")
        .header("Authorization", basic(USER, PASSWORD)).build();

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.send(slow, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
    assertThat(get("/api/v3/bonds/12/connected_ips/101/").statusCode()).as("other paths are not held").isEqualTo(200);

    // the held request is handled after its delay, as by a slow server
    api.awaitCalls(calls -> calls.stream().anyMatch(c -> c.isPatchOf(ObjectKind.ROUTES, 12, 201)), Duration.ofSeconds(5));
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isFalse();
    long again = System.nanoTime();
    assertThat(patch("/api/v3/bonds/12/routes/201/", "{\"enabled\": true}").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - again)).as("only the next one was held").isLessThan(Duration.ofMillis(1000));
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v3/bonds/12/")).GET().build();
    assertThatThrownBy(() -> untrusting.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(api.calls()).isEmpty();
  }

  @Test
  void idsAreUniquePerKindAcrossBondsAndTheStateViewTellsUnknownObjects() {
    assertThatThrownBy(() -> api.bond(13).route(201, "192.0.2.0/24", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bond 12");
    assertThatThrownBy(() -> api.enabled(ObjectKind.CPE_NAT_IPS, 13, 301))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("301");
    assertThat(api.object(ObjectKind.CPE_NAT_IPS, 12, 301)).isPresent();
    api.setEnabled(ObjectKind.CONNECTED_IPS, 12, 102, false);
    assertThat(api.allObjectsOfBond(12, true)).isFalse();
    api.setEnabled(ObjectKind.CONNECTED_IPS, 12, 102, true);
    assertThat(api.allObjectsOfBond(12, true)).isTrue();
    assertThat(api.allObjectsOfBond(13, false)).isTrue();
  }

  @Test
  void closeStopsListeningAndRemovesTheCertificate() throws Exception {
    ManagementApiSimulator other = ManagementApiSimulator.start(
        ManagementApiSimulator.Spec.loopback("u", Secret.of("p", "test")));
    var pem = other.caPemFile();
    assertThat(other.caPem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(other.port()).isNotEqualTo(api.port()).isPositive();
    other.close();
    assertThat(pem).doesNotExist();
    HttpClient c = HttpClient.newBuilder().sslContext(SSLContext.getDefault()).connectTimeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(() -> c.send(HttpRequest.newBuilder(URI.create(other.baseUrl() + "/")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.net.ConnectException.class);
  }
}
