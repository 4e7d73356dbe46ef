package io.haprovision.lab.bonderapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.haprovision.error.TargetException;
import io.haprovision.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * LAB STAND-IN for the Multapplied management server's REST API (FACTS.md, bonder part):
 * an HTTPS server (the JDK's {@code com.sun.net.httpserver}) with a self-signed
 * certificate made at start, Basic auth, and bonds holding connected IPs, routes and CPE
 * NAT IPs that can be read and switched on or off.
 *
 * <p>Paths, under {@code /api/v3/} and {@code /api/v4/} (all end with {@code /}; any other
 * path answers 404, and so does every path of a version the spec does not offer, as a server
 * that dropped v3 would):
 * <ul>
 *   <li>{@code GET /api/v4/}: the version's list of core resources (Multapplied documents this
 *       root for each version), here only {@code bonds};</li>
 *   <li>{@code GET /api/v3/bonds/} and {@code GET /api/v3/bonds/{bond}/}: the bonds;</li>
 *   <li>{@code GET /api/v3/bonds/{bond}/{kind}/}: a bond's objects of one kind;</li>
 *   <li>{@code GET} and {@code PATCH {"enabled": true|false}} on
 *       {@code /api/v3/bonds/{bond}/{kind}/{id}/}, kind {@code connected_ips}, {@code routes}
 *       or {@code cpe_nat_ips}. The answer is the object: {@code id}, {@code bond},
 *       {@code enabled}, {@code ip} (or {@code network} for routes), {@code url}.</li>
 * </ul>
 * Answers: 401 with {@code WWW-Authenticate: Basic} for missing or wrong credentials, 404
 * for an unknown bond, kind or id (an id of another bond included), 400 for a PATCH body
 * that is not a JSON object with a boolean {@code enabled}, 415 for a body declared as
 * something other than JSON, 405 for other methods. Other fields of a PATCH body are ignored.
 * The objects under v4 are those of v3 at the same path segments: Multapplied's v4 document
 * names Connected IPs and Routes and says v4 added underscores to URI components (which
 * these segments already have), but its rows for routing objects were not readable, so v4's
 * shape here is an inference, marked as such in the bonder platform's documentation.
 *
 * <p>Every request is logged ({@link #calls()}) in arrival order. Fault injection, checked
 * before authentication as a proxy in front of the server would: {@link #failNext} answers
 * the next matching requests with a status such as 503 without changing anything;
 * {@link #delayNext} holds the next matching requests for a while and then handles them
 * normally (a client that gave up meanwhile still changed the state, as with a slow server).
 *
 * <pre>{@code
 * try (ManagementApiSimulator api = ManagementApiSimulator.start(
 *     ManagementApiSimulator.Spec.loopback("ha-failover", Secret.of("pw", "test")))) {
 *   api.bond(12).connectedIp(101, "198.51.100.10", true).route(201, "203.0.113.0/29", true);
 *   api.failNext(2, 503);
 *   // curl --cacert api.caPemFile() -u ha-failover:pw -X PATCH ... api.baseUrl() + "/api/v3/bonds/12/routes/201/"
 *   api.enabled(ObjectKind.ROUTES, 12, 201);
 * }
 * }</pre>
 */
public final class ManagementApiSimulator implements AutoCloseable {
  /** The prefix of every bond path in API v3. */
  public static final String BONDS_PATH = "/api/v3/bonds/";

  private static final int MAX_BODY = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

  /**
   * Where and for whom the simulator listens.
   *
   * @param bindAddress the IP address to listen on (the lab binds the management bridge's
   *                    host address, tests loopback); it is in the certificate
   * @param port        the TCP port, 0 for any free one
   * @param user        the API user that is accepted
   * @param password    that user's password
   * @param hostNames   DNS names the certificate also covers ({@code localhost} always)
   * @param versions    the API versions offered ({@code v3}, {@code v4}; both by default, as
   *                    servers since 6.4 offer them)
   */
  public record Spec(String bindAddress, int port, String user, Secret password, List<String> hostNames,
      List<String> versions) {
    /** Checks the values. */
    public Spec {
      if (bindAddress == null || bindAddress.isBlank()) {
        throw new IllegalArgumentException("the simulator needs an address to bind");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 0..65535");
      }
      if (user == null || user.isEmpty() || user.contains(":")) {
        throw new IllegalArgumentException("the API user must be non-empty and without ':'");
      }
      if (password == null) {
        throw new IllegalArgumentException("the API user needs a password");
      }
      hostNames = List.copyOf(hostNames);
      versions = List.copyOf(versions);
      if (!List.of("v3", "v4").containsAll(versions)) {
        throw new IllegalArgumentException("the simulator offers API v3 and v4, not " + versions);
      }
    }

    /** Loopback ({@code 127.0.0.1}), any free port, no extra host names. */
    public static Spec loopback(String user, Secret password) {
      return new Spec("127.0.0.1", 0, user, password, List.of(), List.of("v3", "v4"));
    }

    /** This spec bound to {@code address} (e.g. {@code Lab.hostAddress()}). */
    public Spec withBindAddress(String address) {
      return new Spec(address, port, user, password, hostNames, versions);
    }

    /** This spec on {@code tcpPort}. */
    public Spec withPort(int tcpPort) {
      return new Spec(bindAddress, tcpPort, user, password, hostNames, versions);
    }

    /** This spec with these extra certificate names. */
    public Spec withHostNames(List<String> names) {
      return new Spec(bindAddress, port, user, password, names, versions);
    }

    /** This spec offering only {@code offered} ({@code "v3"}, {@code "v4"}). */
    public Spec withVersions(String... offered) {
      return new Spec(bindAddress, port, user, password, hostNames, List.of(offered));
    }
  }

  /** A fault rule: the next {@code remaining} requests whose {@code METHOD PATH} matches. */
  private static final class Fault {
    final AtomicInteger remaining;
    final Pattern pattern;
    final int status;
    final Duration delay;

    Fault(int count, Pattern pattern, int status, Duration delay) {
      this.remaining = new AtomicInteger(count);
      this.pattern = pattern;
      this.status = status;
      this.delay = delay;
    }
  }

  /** One routing object's mutable state. */
  private static final class Entry {
    final ObjectKind kind;
    final int bond;
    final int id;
    final String address;
    boolean enabled;

    Entry(ObjectKind kind, int bond, int id, String address, boolean enabled) {
      this.kind = kind;
      this.bond = bond;
      this.id = id;
      this.address = address;
      this.enabled = enabled;
    }
  }

  private final Spec spec;
  private final Path directory;
  private final SelfSignedCertificate certificate;
  private final HttpsServer server;
  private final ExecutorService executor;
  private final Object lock = new Object();
  private final Map<Integer, Bond> bonds = new TreeMap<>();
  /** Per kind, object id to entry: ids are unique per kind across bonds. */
  private final Map<ObjectKind, Map<Integer, Entry>> objects = new TreeMap<>();
  private final List<ApiCall> calls = new ArrayList<>();
  private final List<Fault> failures = new ArrayList<>();
  private final List<Fault> delays = new ArrayList<>();

  private ManagementApiSimulator(Spec spec, Path directory, SelfSignedCertificate certificate, HttpsServer server,
      ExecutorService executor) {
    this.spec = spec;
    this.directory = directory;
    this.certificate = certificate;
    this.server = server;
    this.executor = executor;
    for (ObjectKind kind : ObjectKind.values()) {
      objects.put(kind, new TreeMap<>());
    }
  }

  /**
   * Makes a certificate (in a fresh temporary directory, removed by {@link #close()}) and
   * starts listening. Takes about a second, most of it keytool.
   *
   * @throws TargetException when the address cannot be bound or keytool fails
   */
  public static ManagementApiSimulator start(Spec spec) {
    Path dir;
    try {
      dir = Files.createTempDirectory("ha-provision-api-sim-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the simulator's certificate", e);
    }
    try {
      List<String> addresses = new ArrayList<>(List.of(spec.bindAddress()));
      if (!addresses.contains("127.0.0.1")) {
        addresses.add("127.0.0.1");
      }
      List<String> names = new ArrayList<>(List.of("localhost"));
      spec.hostNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
      SelfSignedCertificate certificate = SelfSignedCertificate.generate(dir, addresses, names);
      HttpsServer server;
      try {
        server = HttpsServer.create(new InetSocketAddress(spec.bindAddress(), spec.port()), 64);
      } catch (IOException e) {
        throw new TargetException(TargetException.Kind.FAILED, "management API simulator",
            "cannot listen on " + spec.bindAddress() + ":" + spec.port() + ": " + e.getMessage(), e);
      }
      server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
      AtomicInteger threads = new AtomicInteger();
      ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "api-simulator-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      ManagementApiSimulator simulator = new ManagementApiSimulator(spec, dir, certificate, server, executor);
      server.createContext("/", simulator::handle);
      server.start();
      return simulator;
    } catch (RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  // ------------------------------------------------------------------ where it is

  /** {@code https://ADDRESS:PORT}, no trailing slash (an IPv6 address in brackets). */
  public String baseUrl() {
    return "https://" + (host().contains(":") ? "[" + host() + "]" : host()) + ":" + port();
  }

  /** The address it listens on. */
  public String host() {
    return spec.bindAddress();
  }

  /** The port it listens on (the chosen one when the spec said 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The accepted API user. */
  public String user() {
    return spec.user();
  }

  /** The accepted password. */
  public Secret password() {
    return spec.password();
  }

  /** The server certificate as a PEM file: the CA a client must trust ({@code curl --cacert}). */
  public Path caPemFile() {
    return certificate.pemFile();
  }

  /** The text of {@link #caPemFile()}, e.g. to copy it into a lab node. */
  public String caPem() {
    try {
      return Files.readString(caPemFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + caPemFile(), e);
    }
  }

  /** The path of one object: {@code /api/v3/bonds/BOND/KIND/ID/}. */
  public static String objectPath(ObjectKind kind, int bond, int id) {
    return objectPath("v3", kind, bond, id);
  }

  /** The path of one object in API {@code version}: {@code /api/v4/bonds/BOND/KIND/ID/}. */
  public static String objectPath(String version, ObjectKind kind, int bond, int id) {
    return "/api/" + version + "/bonds/" + bond + "/" + kind.pathSegment() + "/" + id + "/";
  }

  // ------------------------------------------------------------------ its data

  /** The bond {@code id}, created empty if it does not exist yet. */
  public Bond bond(int id) {
    if (id < 0) {
      throw new IllegalArgumentException("bond ids are not negative: " + id);
    }
    synchronized (lock) {
      return bonds.computeIfAbsent(id, Bond::new);
    }
  }

  /** Every object, by kind then id. */
  public List<ApiObject> objects() {
    synchronized (lock) {
      List<ApiObject> all = new ArrayList<>();
      objects.values().forEach(byId -> byId.values().forEach(e -> all.add(view(e))));
      return all;
    }
  }

  /** One object as it is now, if the bond has it. */
  public Optional<ApiObject> object(ObjectKind kind, int bond, int id) {
    synchronized (lock) {
      Entry entry = objects.get(kind).get(id);
      return entry == null || entry.bond != bond ? Optional.empty() : Optional.of(view(entry));
    }
  }

  /**
   * Whether an object is enabled now.
   *
   * @throws IllegalArgumentException when the bond has no such object
   */
  public boolean enabled(ObjectKind kind, int bond, int id) {
    return object(kind, bond, id).orElseThrow(() -> new IllegalArgumentException(
        "the simulator has no " + kind.pathSegment() + " " + id + " on bond " + bond)).enabled();
  }

  /**
   * Switches an object without a call (test setup); not logged.
   *
   * @throws IllegalArgumentException when the bond has no such object
   */
  public void setEnabled(ObjectKind kind, int bond, int id, boolean enabled) {
    synchronized (lock) {
      Entry entry = objects.get(kind).get(id);
      if (entry == null || entry.bond != bond) {
        throw new IllegalArgumentException("the simulator has no " + kind.pathSegment() + " " + id + " on bond " + bond);
      }
      entry.enabled = enabled;
    }
  }

  /** True when every object of {@code bond} has {@code enabled}. */
  public boolean allObjectsOfBond(int bond, boolean enabled) {
    synchronized (lock) {
      return objects.values().stream().flatMap(m -> m.values().stream())
          .filter(e -> e.bond == bond).allMatch(e -> e.enabled == enabled);
    }
  }

  // ------------------------------------------------------------------ its log

  /** Every request so far, in arrival order (a copy). */
  public List<ApiCall> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** Forgets the logged requests. */
  public void clearCalls() {
    synchronized (lock) {
      calls.clear();
    }
  }

  /**
   * Waits until {@code condition} holds for the call log and returns that log.
   *
   * @throws AssertionError when it does not hold within {@code timeout}, with the log
   */
  public List<ApiCall> awaitCalls(Predicate<List<ApiCall>> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ApiCall> now = calls();
      if (condition.test(now)) {
        return now;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder log = new StringBuilder();
        now.forEach(c -> log.append("\n  ").append(c));
        throw new AssertionError("the management API simulator's calls did not reach the expected state within "
            + timeout.toMillis() + " ms; calls:" + (now.isEmpty() ? " none" : log));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for API calls", e);
      }
    }
  }

  // ------------------------------------------------------------------ faults

  /** Answers the next {@code count} requests with {@code status} (e.g. 503), changing nothing. */
  public void failNext(int count, int status) {
    failNext(count, status, "");
  }

  /**
   * Answers the next {@code count} requests whose {@code METHOD PATH} (e.g.
   * {@code PATCH /api/v3/bonds/12/routes/201/}) contains a match of the regular
   * expression {@code pattern} with {@code status}, changing nothing. Rules add up:
   * a request consumes one count of the first rule it matches.
   */
  public void failNext(int count, int status, String pattern) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a simulated failure is a 4xx or 5xx status, not " + status);
    }
    addFault(failures, new Fault(count, Pattern.compile(pattern), status, Duration.ZERO));
  }

  /** Holds the next {@code count} requests for {@code delay} before handling them. */
  public void delayNext(int count, Duration delay) {
    delayNext(count, delay, "");
  }

  /** Like {@link #failNext(int, int, String)}, but holds the requests for {@code delay} and then handles them. */
  public void delayNext(int count, Duration delay, String pattern) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay is not negative: " + delay);
    }
    addFault(delays, new Fault(count, Pattern.compile(pattern), 0, delay));
  }

  /** Drops every pending fault rule. */
  public void clearFaults() {
    synchronized (lock) {
      failures.clear();
      delays.clear();
    }
  }

  private void addFault(List<Fault> rules, Fault fault) {
    if (fault.remaining.get() < 1) {
      throw new IllegalArgumentException("a fault applies to at least one request");
    }
    synchronized (lock) {
      rules.add(fault);
    }
  }

  /** Takes one count of the first rule that matches, if any. */
  private Optional<Fault> consume(List<Fault> rules, String request) {
    synchronized (lock) {
      for (Iterator<Fault> it = rules.iterator(); it.hasNext(); ) {
        Fault fault = it.next();
        if (fault.pattern.matcher(request).find()) {
          if (fault.remaining.decrementAndGet() <= 0) {
            it.remove();
          }
          return Optional.of(fault);
        }
      }
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------ stopping

  /** Stops listening, interrupts held requests and deletes the certificate directory. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    deleteTree(directory);
  }

  // ------------------------------------------------------------------ answering

  private record Answer(int status, String body, Map<String, String> headers) {
    Answer(int status, JsonNode body) {
      this(status, body.toString(), Map.of());
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Instant received = Instant.now();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String body = "";
    String user = "";
    Answer answer;
    try {
      body = readBody(exchange.getRequestBody());
      String request = method + " " + path;
      Optional<Fault> delay = consume(delays, request);
      if (delay.isPresent()) {
        Thread.sleep(delay.get().delay.toMillis());
      }
      Optional<Fault> failure = consume(failures, request);
      Optional<String[]> credentials = credentials(exchange.getRequestHeaders().getFirst("Authorization"));
      user = credentials.map(c -> c[0]).orElse("");
      if (failure.isPresent()) {
        answer = new Answer(failure.get().status, detail("Simulated failure (management API simulator)."));
      } else if (credentials.isEmpty() || !accepted(credentials.get())) {
        answer = new Answer(401, detail(credentials.isEmpty()
            ? "Authentication credentials were not provided." : "Invalid username/password.").toString(),
            Map.of("WWW-Authenticate", "Basic realm=\"api\""));
      } else {
        answer = route(method, path, body, exchange.getRequestHeaders().getFirst("Content-Type"));
      }
    } catch (InterruptedException e) {
      // close() while the request was held: answer nothing
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    } catch (BodyTooLarge e) {
      answer = new Answer(413, detail("Request body larger than " + MAX_BODY + " bytes."));
    } catch (RuntimeException e) {
      // a bug of the simulator: answer like a crashing server, and let the call log show it
      answer = new Answer(500, detail("Simulator error: " + e));
    }
    synchronized (lock) {
      calls.add(new ApiCall(received, method, path, body, answer.status(), user));
    }
    try {
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client gave up (e.g. its timeout passed during a delay); the call is logged anyway
    } finally {
      exchange.close();
    }
  }

  private Answer route(String method, String path, String body, String contentType) {
    String version = spec.versions().stream().filter(v -> path.startsWith("/api/" + v + "/")).findFirst().orElse(null);
    if (version == null || !path.endsWith("/")) {
      return notFound();
    }
    String root = "/api/" + version + "/";
    String bondsPath = root + "bonds/";
    if (path.equals(root)) {
      if (!method.equals("GET")) {
        return notAllowed(method, "GET");
      }
      ObjectNode resources = JSON.createObjectNode();
      resources.put("bonds", baseUrl() + bondsPath);
      return new Answer(200, resources);
    }
    if (!path.startsWith(bondsPath)) {
      return notFound();
    }
    String[] parts = path.equals(bondsPath) ? new String[] {""}
        : path.substring(bondsPath.length(), path.length() - 1).split("/", -1);
    if (parts.length == 1 && parts[0].isEmpty()) {
      if (!method.equals("GET")) {
        return notAllowed(method, "GET");
      }
      synchronized (lock) {
        ArrayNode list = JSON.createArrayNode();
        bonds.keySet().forEach(id -> list.add(bondJson(version, id)));
        return new Answer(200, list);
      }
    }
    if (!NUMBER.matcher(parts[0]).matches()) {
      return notFound();
    }
    int bondId = Integer.parseInt(parts[0]);
    synchronized (lock) {
      if (!bonds.containsKey(bondId)) {
        return notFound();
      }
    }
    if (parts.length == 1) {
      return method.equals("GET") ? new Answer(200, bondJson(version, bondId)) : notAllowed(method, "GET");
    }
    Optional<ObjectKind> kind = ObjectKind.fromPathSegment(parts[1]);
    if (kind.isEmpty() || parts.length > 3) {
      return notFound();
    }
    if (parts.length == 2) {
      if (!method.equals("GET")) {
        return notAllowed(method, "GET");
      }
      synchronized (lock) {
        ArrayNode list = JSON.createArrayNode();
        objects.get(kind.get()).values().stream().filter(e -> e.bond == bondId)
            .forEach(e -> list.add(objectJson(version, e)));
        return new Answer(200, list);
      }
    }
    if (!NUMBER.matcher(parts[2]).matches()) {
      return notFound();
    }
    int id = Integer.parseInt(parts[2]);
    synchronized (lock) {
      Entry entry = objects.get(kind.get()).get(id);
      if (entry == null || entry.bond != bondId) {
        return notFound();
      }
      switch (method) {
        case "GET":
          return new Answer(200, objectJson(version, entry));
        case "PATCH":
          return patch(version, entry, body, contentType);
        default:
          return notAllowed(method, "GET, PATCH");
      }
    }
  }

  private Answer patch(String version, Entry entry, String body, String contentType) {
    if (contentType != null && !contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return new Answer(415, detail("Unsupported media type \"" + contentType + "\" in request."));
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new Answer(400, detail("JSON parse error - " + e.getOriginalMessage()));
    }
    if (request == null || !request.isObject()) {
      return new Answer(400, detail("Invalid data. Expected a dictionary."));
    }
    JsonNode enabled = request.get("enabled");
    if (enabled == null || !enabled.isBoolean()) {
      ObjectNode error = JSON.createObjectNode();
      error.putArray("enabled").add(enabled == null
          ? "This stand-in only changes this field; it is required." : "Must be a valid boolean.");
      return new Answer(400, error);
    }
    entry.enabled = enabled.booleanValue();
    return new Answer(200, objectJson(version, entry));
  }

  private ObjectNode bondJson(String version, int id) {
    ObjectNode bond = JSON.createObjectNode();
    bond.put("id", id);
    bond.put("name", "bond-" + id);
    bond.put("url", baseUrl() + "/api/" + version + "/bonds/" + id + "/");
    return bond;
  }

  private ObjectNode objectJson(String version, Entry entry) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", entry.id);
    node.put("bond", entry.bond);
    node.put(entry.kind.addressField(), entry.address);
    node.put("enabled", entry.enabled);
    node.put("url", baseUrl() + objectPath(version, entry.kind, entry.bond, entry.id));
    return node;
  }

  private static ApiObject view(Entry e) {
    return new ApiObject(e.kind, e.bond, e.id, e.address, e.enabled);
  }

  private static ObjectNode detail(String text) {
    ObjectNode node = JSON.createObjectNode();
    node.put("detail", text);
    return node;
  }

  private static Answer notFound() {
    return new Answer(404, detail("Not found."));
  }

  private static Answer notAllowed(String method, String allow) {
    return new Answer(405, detail("Method \"" + method + "\" not allowed.").toString(), Map.of("Allow", allow));
  }

  /** user and password from a Basic Authorization header. */
  private static Optional<String[]> credentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty()
          : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private boolean accepted(String[] credentials) {
    boolean user = MessageDigest.isEqual(credentials[0].getBytes(StandardCharsets.UTF_8),
        spec.user().getBytes(StandardCharsets.UTF_8));
    boolean password = MessageDigest.isEqual(credentials[1].getBytes(StandardCharsets.UTF_8),
        spec.password().reveal().getBytes(StandardCharsets.UTF_8));
    return user & password;
  }

  /** Thrown by {@link #readBody} for a body over {@link #MAX_BODY}. */
  private static final class BodyTooLarge extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private static String readBody(InputStream in) throws IOException, BodyTooLarge {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw new BodyTooLarge();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path dir) {
    try {
      if (Files.exists(dir)) {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  /** A bond of the simulator; add its objects with the methods here (they chain). */
  public final class Bond {
    private final int id;

    private Bond(int id) {
      this.id = id;
    }

    /** The bond's id. */
    public int id() {
      return id;
    }

    /** Adds (or replaces) connected IP {@code objectId} with address {@code ip}. */
    public Bond connectedIp(int objectId, String ip, boolean enabled) {
      return object(ObjectKind.CONNECTED_IPS, objectId, ip, enabled);
    }

    /** Adds (or replaces) route {@code objectId} to {@code network}. */
    public Bond route(int objectId, String network, boolean enabled) {
      return object(ObjectKind.ROUTES, objectId, network, enabled);
    }

    /** Adds (or replaces) CPE NAT IP {@code objectId} with address {@code ip}. */
    public Bond cpeNatIp(int objectId, String ip, boolean enabled) {
      return object(ObjectKind.CPE_NAT_IPS, objectId, ip, enabled);
    }

    /**
     * Adds (or replaces) an object of this bond.
     *
     * @throws IllegalArgumentException when another bond already has that id of that kind
     */
    public Bond object(ObjectKind kind, int objectId, String address, boolean enabled) {
      if (objectId < 0) {
        throw new IllegalArgumentException("object ids are not negative: " + objectId);
      }
      synchronized (lock) {
        Entry existing = objects.get(kind).get(objectId);
        if (existing != null && existing.bond != id) {
          throw new IllegalArgumentException(kind.pathSegment() + " " + objectId + " already belongs to bond "
              + existing.bond + "; ids are unique per kind");
        }
        objects.get(kind).put(objectId, new Entry(kind, id, objectId, address, enabled));
      }
      return this;
    }
  }
}
