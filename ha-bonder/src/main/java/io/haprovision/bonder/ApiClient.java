package io.haprovision.bonder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haprovision.error.TargetException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads the management server's API from the control host (preflight, verification, drill):
 * {@code GET} with Basic auth over HTTPS, with the JDK's {@link HttpClient}. Certificates are
 * checked as {@code bonder.api} says: {@code verify_tls: false} trusts any certificate and
 * name; otherwise the control host's {@code control_ca_file} when given, else the Java trust
 * store. The password goes only into the {@code Authorization} header; no message holds it.
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ManagementApi api;
  private final HttpClient http;
  private final String authorization;

  /**
   * One answer of the API.
   *
   * @param status the HTTP status
   * @param body the body as text
   */
  record Answer(int status, String body) {
    /** The object's {@code enabled} value, when the body is JSON that shows one. */
    Optional<Boolean> enabled() {
      try {
        JsonNode node = JSON.readTree(body).path("enabled");
        return node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /** The API could not be asked: no connection, a timeout, a TLS failure. */
  static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private ApiClient(ManagementApi api, HttpClient http) {
    this.api = api;
    this.http = http;
    String credentials = api.user() + ":" + api.password().reveal();
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A client for the control host.
   *
   * @throws TargetException when the control host's CA file cannot be used
   */
  static ApiClient forControlHost(ManagementApi api) {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(api.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(sslContext(api))
        .build();
    return new ApiClient(api, http);
  }

  /** What the messages call the API: its base URL, never the user or password. */
  String where() {
    return api.baseUrl() + "/api/";
  }

  private volatile String version;

  /**
   * The API version this client speaks ({@code v3}, {@code v4}): the inventory's, or for
   * {@code auto} the one the notify program would choose: v4 when {@code GET /api/v3/}
   * answers 404 (the server no longer offers v3), else v3. Asked once per client.
   *
   * @throws Unreachable when auto had to ask and no answer came
   */
  String version() throws Unreachable {
    String v = version;
    if (v == null) {
      v = api.version() != ApiVersion.AUTO ? api.version().segment()
          : getWithRetries(ApiVersion.V3.root()).status() == 404 ? ApiVersion.V4.segment() : ApiVersion.V3.segment();
      version = v;
    }
    return v;
  }

  /**
   * {@code GET path} once, limited to the API's timeout (or {@code timeout} when shorter).
   *
   * @throws Unreachable when no HTTP answer came
   */
  Answer get(String path, Duration timeout) throws Unreachable {
    Duration limit = timeout.compareTo(api.timeout()) < 0 ? timeout : api.timeout();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
        .timeout(limit)
        .header("Authorization", authorization)
        .header("Accept", "application/json")
        .GET()
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (HttpTimeoutException e) {
      throw new Unreachable("no answer within " + limit.toMillis() / 1000.0 + " s", e);
    } catch (IOException e) {
      throw new Unreachable(reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted", e);
    }
  }

  /**
   * {@code GET path} as the notify program would try it: up to {@code attempts} times,
   * {@code attempt_delay} apart, while the answer is a 5xx or none came; a 4xx is final.
   *
   * @throws Unreachable when the last attempt got no answer
   */
  Answer getWithRetries(String path) throws Unreachable {
    for (int attempt = 1; ; attempt++) {
      try {
        Answer a = get(path, api.timeout());
        if (a.status() < 500 || attempt >= api.attempts()) {
          return a;
        }
      } catch (Unreachable e) {
        if (attempt >= api.attempts()) {
          throw e;
        }
      }
      try {
        Thread.sleep(api.attemptDelay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unreachable("interrupted", e);
      }
    }
  }

  /** A short reason for an I/O failure, pointing at TLS settings when TLS failed. */
  private String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return "TLS failed (" + t.getMessage() + "): this control host does not trust the server's certificate"
            + " or name; set bonder.api.control_ca_file to the PEM file of the CA that signed it";
      }
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  private static SSLContext sslContext(ManagementApi api) {
    try {
      if (!api.verifyTls()) {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingAnything()}, null);
        return context;
      }
      if (api.controlCaFile().isEmpty()) {
        return SSLContext.getDefault();
      }
      Path file = api.controlCaFile().get();
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      Collection<? extends Certificate> certificates;
      try (InputStream in = Files.newInputStream(file)) {
        certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certificates.isEmpty()) {
        throw new TargetException(TargetException.Kind.FAILED, file.toString(),
            "holds no PEM certificate; give bonder.api.control_ca_file a CA certificate in PEM form");
      }
      int i = 0;
      for (Certificate c : certificates) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new TargetException(TargetException.Kind.FAILED, api.controlCaFile().map(Path::toString).orElse(api.baseUrl()),
          "cannot set up TLS for the management API: " + e.getMessage()
              + "; check bonder.api.control_ca_file (a PEM certificate file)", e);
    }
  }

  /**
   * {@code verify_tls: false}: accepts any certificate and name, as {@code curl --insecure}
   * on the bonders does. Being an {@link X509ExtendedTrustManager}, it also keeps the JDK from
   * checking the host name, which it does inside the default trust manager.
   */
  private static final class TrustingAnything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
