package io.haprovision.bonder;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform and the API simulator against what Multapplied published (test resource
 * upstream/multapplied-api-facts.txt, its first line naming the sources and versions): each
 * version's base URI and its root, the list of core resources; v3's routing-object paths and
 * their PATCH, as upstream's swap-active-bond.py calls them.
 */
class DocumentedApiTest {
  private static ManagementApiSimulator api;
  private static List<String> facts;

  @BeforeAll
  static void start() throws IOException {
    api = ApiFixture.start("127.0.0.1");
    try (InputStream in = DocumentedApiTest.class.getResourceAsStream("upstream/multapplied-api-facts.txt")) {
      facts = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(facts.get(0)).startsWith("# Source: Multapplied bondingadmin 6.6.65 and 6.8.111");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static List<String> matches(String regex) {
    Pattern p = Pattern.compile(regex);
    return facts.stream().map(p::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
  }

  private static int send(String method, String path, String body) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = java.nio.file.Files.newInputStream(api.caPemFile())) {
      store.setCertificateEntry("api", java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
    javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString(("ha-failover@example.net:" + Inventories.PASSWORD)
        .getBytes(StandardCharsets.UTF_8)));
    r = body == null ? r.GET() : r.method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void eachDocumentedBaseUriIsAVersionRootThePlatformAndTheSimulatorKnow() throws Exception {
    List<String> bases = matches("Base URI: (/api/v[0-9]+/)");
    assertThat(bases).containsExactlyInAnyOrder(ApiVersion.V3.root(), ApiVersion.V4.root());
    assertThat(matches("^v[34]\\.html: (/api/v[0-9]+/) \\| List of core resources \\| GET")).containsAll(bases);
    for (String root : bases) {
      assertThat(send("GET", root, null)).as("GET " + root).isEqualTo(200);
    }
  }

  @Test
  void v3sRoutingObjectPathsAreUpstreamsAndThePatchIsTheirs() throws Exception {
    List<String> templates = matches("_URL = 'https://\\{}(/api/v3/bonds/\\{}/[a-z_]+/\\{}/)'");
    assertThat(templates).hasSize(2);
    for (String template : templates) {
      String segment = template.split("/")[5];
      ObjectKind kind = java.util.Arrays.stream(ObjectKind.values()).filter(k -> k.path().equals(segment))
          .findFirst().orElseThrow();
      String path = template.replaceFirst("\\{}", "12").replaceFirst("\\{}", kind == ObjectKind.ROUTES ? "201" : "101");
      assertThat(kind.apiPath("v3", "12", kind == ObjectKind.ROUTES ? "201" : "101")).isEqualTo(path);
      assertThat(send("PATCH", path, "{\"enabled\": true}")).as("PATCH " + path).isEqualTo(200);
    }
    assertThat(facts).anyMatch(l -> l.contains("json={'enabled': enabled}"));
  }
}
