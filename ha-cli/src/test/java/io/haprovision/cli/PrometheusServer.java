package io.haprovision.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.DoublePredicate;

/**
 * Debian's Prometheus server for a lab test: on loopback, scraping one target every second
 * with the given rule file, its data in a folder of the test. {@link #await} polls its query
 * API and, when the wait ends without the answer, says what it waited for and what it got.
 */
final class PrometheusServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static PrometheusServer start(Path dir, int targetPort, Path rules) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(BINARY + " is missing: bash scripts/setup-debian.sh installs Debian's prometheus");
    }
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path config = Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
        "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
        "rule_files:", "  - " + rules,
        "scrape_configs:", "  - job_name: ha-provision", "    static_configs:",
        "      - targets: ['127.0.0.1:" + targetPort + "']", ""));
    Path log = dir.resolve("prometheus.log");
    Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PrometheusServer server = new PrometheusServer(p, port, log);
    server.await("Prometheus to scrape the watch", "up{job=\"ha-provision\"}", v -> v == 1);
    return server;
  }

  /** The value of {@code query} (a single sample), or NaN when it has none yet. */
  double query(String query) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode result = JSON.readTree(r.body()).path("data").path("result");
    if (!result.isArray() || result.size() != 1) {
      return Double.NaN;
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  /** Waits (up to 60 s) until {@code query} has a single sample meeting {@code wanted}. */
  void await(String what, String query, DoublePredicate wanted) throws IOException, InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    double last = Double.NaN;
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new AssertionError("Prometheus exited (" + process.exitValue() + "): " + Files.readString(log));
      }
      try {
        last = query(query);
        if (!Double.isNaN(last) && wanted.test(last)) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("waited 60 s for " + what + " (Prometheus query `" + query + "`), last value " + last);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
