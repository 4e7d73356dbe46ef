package io.haprovision.lab;

import io.haprovision.error.TargetException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A running lab: HA router pairs made of network namespaces, each node with an
 * overlay root over {@code /}, its own mount, PID and UTS namespace, and a real sshd
 * (PID 1 of the node) on its management address.
 *
 * <p>Per pair: nodes {@code pN-a} (primary) and {@code pN-b} (secondary) with links
 * {@code mgmt}, {@code br-lan}, {@code wan} and a direct {@code sync} link between
 * them; a LAN client {@code pN-client} (default route via the LAN VIP) and an
 * upstream host {@code pN-upstream} on the WAN. The host reaches every node's sshd
 * through one veth into the lab's management bridge. Addresses: {@link AddressPlan}.
 *
 * <p>Everything lives under {@code /run/ha-provision-lab/RUNID/}; names carry the run
 * id ({@code hpl-RUNID-...} namespaces, host link {@code hplRUNID}), so labs do not
 * collide and {@link #down(String)} works from any process. {@link #close()} is
 * {@link #down(String)} of this lab.
 */
public final class Lab implements AutoCloseable {
  /** Where every lab keeps its state. */
  public static final Path BASE = Path.of("/run/ha-provision-lab");

  private static final Duration NET_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DEFAULT_EXEC_TIMEOUT = Duration.ofSeconds(60);
  private static final String PATH = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Object LOCAL_LOCK = new Object();
  private static final SecureRandom RANDOM = new SecureRandom();
  /** p1-a, p1-b, p2-a ... p10-a: by pair number, then name. */
  private static final Comparator<String> NODE_ORDER = Comparator
      .comparingInt((String n) -> n.matches("p\\d+-.*") ? Integer.parseInt(n.substring(1, n.indexOf('-'))) : 0)
      .thenComparing(Comparator.naturalOrder());

  private final LabState state;
  private final Path dir;
  private final List<LabPair> pairs;

  private Lab(LabState state) {
    this.state = state;
    this.dir = BASE.resolve(state.runId());
    this.pairs = plan(state.runId(), state.slot(), state.pairs());
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Builds and boots a lab. On any failure it removes what it built and throws.
   *
   * @throws TargetException  when this machine cannot host a lab (not root, no
   *                          network namespaces, a tool missing) or a step fails
   * @throws IllegalArgumentException when the requested run id is already in use
   */
  public static Lab up(LabSpec spec) {
    LabHost.require();
    Personality personality = Personality.named(spec.personality());
    LabState reserved = reserve(spec);
    Lab lab = new Lab(reserved);
    try {
      return lab.build(personality);
    } catch (RuntimeException | IOException e) {
      String log = lab.bootLogs();
      down(reserved.runId());
      if (e instanceof TargetException te) {
        throw te;
      }
      throw new TargetException(TargetException.Kind.FAILED, "lab " + reserved.runId(),
          "could not start the lab: " + e.getMessage()
              + (log.isEmpty() ? "" : "\n" + log), e);
    }
  }

  /**
   * Opens a lab that is already running (started by this or another process).
   *
   * @throws IllegalArgumentException when there is no such lab
   */
  public static Lab attach(String runId) {
    requireRunId(runId);
    try {
      return new Lab(LabState.read(BASE.resolve(runId)));
    } catch (IOException e) {
      throw new IllegalArgumentException("no lab '" + runId + "' under " + BASE + ": " + e.getMessage(), e);
    }
  }

  /**
   * The lab {@code spec} describes on management slot {@code slot}, planned but not
   * built: names, addresses and inventory only (its run id defaults to {@code plan}).
   */
  public static Lab planned(LabSpec spec, int slot) {
    String runId = spec.runId().orElse("plan");
    return new Lab(new LabState(1, runId, spec.personality(), spec.pairs(), slot, "", hostLink(runId),
        List.of(), Map.of()));
  }

  /** Every lab found under {@link #BASE}, by run id. */
  public static List<LabStatus> status() {
    List<LabStatus> result = new ArrayList<>();
    for (String runId : runIdsOnDisk()) {
      Path runDir = BASE.resolve(runId);
      try {
        LabState s = LabState.read(runDir);
        List<String> machines = new ArrayList<>(s.nodePids().keySet());
        machines.sort(NODE_ORDER);
        List<String> nodes = machines.stream().filter(n -> !isClientName(n)).toList();
        // a LAN client whose sshd died counts as down too: verify's probe host is gone
        List<String> dead = machines.stream()
            .filter(n -> !ProcessHandle.of(s.nodePids().get(n)).map(ProcessHandle::isAlive).orElse(false))
            .toList();
        result.add(new LabStatus(runId, s.personality(), s.pairs(),
            AddressPlan.managementSubnet(s.slot()), nodes, dead, runDir));
      } catch (IOException | RuntimeException e) {
        result.add(new LabStatus(runId, "unknown", 0, "unknown", List.of(), List.of(), runDir));
      }
    }
    return result;
  }

  /**
   * Removes a lab completely: kills its nodes and every process in its namespaces,
   * unmounts anything under its state directory, deletes its namespaces and host
   * link, and removes the state directory. Safe to call again, or for a lab that
   * half started.
   */
  public static void down(String runId) {
    requireRunId(runId);
    Path runDir = BASE.resolve(runId);
    Optional<LabState> recorded = Optional.empty();
    try {
      if (Files.exists(runDir.resolve(LabState.FILE))) {
        recorded = Optional.of(LabState.read(runDir));
      }
    } catch (IOException e) {
      // a damaged state file: fall back to finding things by name
    }
    String prefix = namespacePrefix(runId);
    Set<String> namespaces = new LinkedHashSet<>();
    recorded.ifPresent(s -> namespaces.addAll(s.namespaces()));
    for (String ns : namespacesOnHost()) {
      if (ns.startsWith(prefix)) {
        namespaces.add(ns);
      }
    }
    Set<Long> victims = new HashSet<>();
    recorded.ifPresent(s -> s.nodePids().values().forEach(pid -> {
      if (pid > 0 && isOurNode(pid, runDir)) {
        victims.add(pid);
      }
    }));
    victims.forEach(Lab::kill);
    for (String ns : namespaces) {
      victims.addAll(pidsIn(ns));
    }
    victims.forEach(Lab::kill);
    waitGone(victims, Duration.ofSeconds(10));
    unmountUnder(runDir);
    for (String ns : namespaces) {
      Cmd.run(List.of("ip", "netns", "delete", ns), Duration.ofSeconds(20));
    }
    String hostLink = hostLink(runId);
    if (Cmd.run(List.of("ip", "link", "show", "dev", hostLink), Duration.ofSeconds(10)).ok()) {
      Cmd.run(List.of("ip", "link", "delete", "dev", hostLink), Duration.ofSeconds(20));
    }
    deleteTree(runDir);
  }

  /** {@link #down(String)} for every lab on this machine, including half-removed ones. */
  public static void downAll() {
    runIdsFound().forEach(Lab::down);
  }

  /** Run ids of every lab on this machine: state directories and namespaces left without one. */
  static Set<String> runIdsFound() {
    Set<String> runIds = new TreeSet<>(runIdsOnDisk());
    for (String ns : namespacesOnHost()) {
      if (ns.startsWith("hpl-")) {
        String rest = ns.substring(4);
        int dash = rest.indexOf('-');
        if (dash > 0 && LabSpec.isRunId(rest.substring(0, dash))) {
          runIds.add(rest.substring(0, dash));
        }
      }
    }
    return runIds;
  }

  /** Removes this lab ({@link #down(String)}). */
  @Override
  public void close() {
    down(runId());
  }

  // ------------------------------------------------------------------ accessors

  /** The run id carried by every name of this lab. */
  public String runId() {
    return state.runId();
  }

  /** The nodes' personality. */
  public String personality() {
    return state.personality();
  }

  /** The pairs, pair 1 first. */
  public List<LabPair> pairs() {
    return pairs;
  }

  /** Pair {@code index} (1-based). */
  public LabPair pair(int index) {
    if (index < 1 || index > pairs.size()) {
      throw new IllegalArgumentException("lab " + runId() + " has pairs 1.." + pairs.size() + ", not " + index);
    }
    return pairs.get(index - 1);
  }

  /** Every node, pair by pair, A before B. */
  public List<LabNode> nodes() {
    return pairs.stream().flatMap(p -> p.nodes().stream()).toList();
  }

  /** A node by name ({@code p1-a}). */
  public LabNode node(String name) {
    return nodes().stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("lab " + runId() + " has no node '" + name + "'"));
  }

  /** The management subnet, the only lab route on the host. */
  public String managementSubnet() {
    return AddressPlan.managementSubnet(state.slot());
  }

  /** The host's address on the management bridge. */
  public String hostAddress() {
    return AddressPlan.hostAddress(state.slot());
  }

  /** The state directory, {@code /run/ha-provision-lab/RUNID}. */
  public Path stateDir() {
    return dir;
  }

  /** The private key every node accepts for root. */
  public Path identityFile() {
    return dir.resolve("keys/id_ed25519");
  }

  /** A known_hosts file with every node's host key for its management address. */
  public Path knownHostsFile() {
    return dir.resolve("keys/known_hosts");
  }

  /** The network namespace of a node, client, upstream or {@code switch}. */
  public String namespaceOf(String member) {
    if (member.equals("switch")) {
      return switchNamespace(runId());
    }
    for (LabPair p : pairs) {
      if (member.equals(p.client()) || member.equals(p.upstream())
          || member.equals(p.a().name()) || member.equals(p.b().name())) {
        return namespacePrefix(runId()) + member;
      }
    }
    throw new IllegalArgumentException("lab " + runId() + " has no member '" + member
        + "' (nodes pN-a/pN-b, pN-client, pN-upstream, switch)");
  }

  // ------------------------------------------------------------------ using it

  /** {@link #exec(String, String, Duration)} with a 60 s timeout. */
  public ExecResult exec(String member, String command) {
    return exec(member, command, DEFAULT_EXEC_TIMEOUT);
  }

  /**
   * Runs {@code sh -c command} directly inside a lab member, without SSH: in a node
   * it runs in the node's namespaces and root (as its sshd would), in a client,
   * upstream or the switch it runs in that network namespace with the host's files.
   * A command that leaves a background process must redirect its output, or this
   * waits for the timeout.
   */
  public ExecResult exec(String member, String command, Duration timeout) {
    String ns = namespaceOf(member);
    List<String> argv = new ArrayList<>();
    // A client's sshd runs in a private root like a node's, but commands given here run in its
    // network namespace only, with the host's files and PIDs, as they always did.
    Long nodePid = isClientName(member) ? null : state.nodePids().get(member);
    if (nodePid != null) {
      long init = nodeInitPid(member, nodePid);
      argv.addAll(List.of("nsenter", "-t", Long.toString(init), "-n", "-m", "-p", "-u", "-r", "-w",
          "env", "-i", PATH, "HOME=/root", "USER=root", "LOGNAME=root", "SHELL=/bin/sh"));
    } else {
      argv.addAll(List.of("nsenter", "--net=/run/netns/" + ns, "env", "-i", PATH, "HOME=/root"));
    }
    argv.addAll(List.of("sh", "-c", command));
    return Cmd.run(argv, timeout);
  }

  /**
   * Discovers one DHCP request sends before it gives up: two more than busybox udhcpc's
   * default, so an offer that waited for two of dnsmasq's ICMP probes (the first address
   * it picked answered, say the client's own static one) still finds the client listening.
   */
  public static final int DHCP_DISCOVERS = 5;
  /**
   * Seconds between discovers (busybox udhcpc's default): longer than dnsmasq's ICMP probe
   * of a dynamic address ({@code PING_WAIT}, 3 s, during which it answers no DHCP packet),
   * so the offer that follows a probe is still heard.
   */
  public static final int DHCP_DISCOVER_SECONDS = 3;

  /**
   * Runs one DHCP request from the LAN client of pair {@code pairIndex} with busybox's
   * {@code udhcpc} (discover, up to {@value #DHCP_DISCOVERS} tries {@value #DHCP_DISCOVER_SECONDS} s
   * apart, exit once bound; it asks for broadcast replies) and returns the lease. (Offers
   * "lost" without broadcast replies were dnsmasq's ICMP probe outlasting a client that gave
   * up after 3 s: unicast offers reach the client as well.) The lease is applied in the client: its address is added next to
   * the static one (an address an earlier request added is removed first) and the
   * default route goes via the lease's first router; its DNS servers are only reported.
   *
   * @throws TargetException when busybox is missing or no server answered
   */
  public DhcpLease dhcpRequest(int pairIndex) {
    LabPair p = pair(pairIndex);
    if (!Files.isExecutable(Path.of("/usr/bin/busybox")) && !Files.isExecutable(Path.of("/bin/busybox"))) {
      throw new TargetException(TargetException.Kind.FAILED, "lab " + runId() + " " + p.client(),
          "busybox (for udhcpc) is not installed; run scripts/setup-debian.sh");
    }
    Path clientDir = nodeDir(p.client());
    Path script = clientDir.resolve("udhcpc.script");
    Path leaseFile = clientDir.resolve("dhcp.lease");
    try {
      if (!Files.exists(script)) {
        try (var in = Lab.class.getResourceAsStream("/io/haprovision/lab/udhcpc-lease.sh")) {
          if (in == null) {
            throw new io.haprovision.error.InternalException("lab resource udhcpc-lease.sh is missing from the ha-lab jar");
          }
          Files.write(script, in.readAllBytes());
        }
        Files.setPosixFilePermissions(script, NodeImage.permissions("0755"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the DHCP client of " + p.client(), e);
    }
    // The script's deconfig removes the previous lease (and the address it added) first.
    // Before it offers an address that is not a static host, dnsmasq probes it with an ICMP
    // echo and answers nothing for PING_WAIT (3 s). A client that gives up after 3 x 1 s
    // races that probe, and which one wins depends on the machine's timers.
    ExecResult run = exec(p.client(), "LAB_LEASE_FILE='" + leaseFile + "' busybox udhcpc -f -q -n -B -t "
        + DHCP_DISCOVERS + " -T " + DHCP_DISCOVER_SECONDS + " -i eth0 -s '" + script + "' 2>&1",
        Duration.ofSeconds(DHCP_DISCOVERS * DHCP_DISCOVER_SECONDS + 15L));
    Map<String, String> values = new LinkedHashMap<>();
    try {
      if (Files.exists(leaseFile)) {
        for (String line : Files.readAllLines(leaseFile)) {
          int eq = line.indexOf('=');
          if (eq > 0) {
            values.put(line.substring(0, eq), line.substring(eq + 1).strip());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the DHCP lease of " + p.client() + " from " + leaseFile, e);
    }
    if (!run.ok() || values.getOrDefault("address", "").isEmpty()) {
      throw new TargetException(TargetException.Kind.FAILED, "lab " + runId() + " " + p.client(),
          "no DHCP lease on the LAN of pair " + p.name() + " after " + DHCP_DISCOVERS + " discovers "
              + DHCP_DISCOVER_SECONDS + " s apart (is dnsmasq serving on a node?): " + run.describe());
    }
    String prefix = values.getOrDefault("prefix", "");
    return new DhcpLease(values.get("address"), prefix.matches("\\d+") ? Integer.parseInt(prefix) : 24,
        words(values.get("router")), words(values.get("dns")), values.getOrDefault("server", ""));
  }

  private static List<String> words(String text) {
    return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
  }

  /**
   * Whether {@link #writeInventory} can describe this lab: only {@code openwrt} labs, whose
   * pairs are complete without anything outside the lab. A {@code debian} lab hosts bonder
   * pairs, whose inventory names a management API that tests start themselves.
   */
  public boolean writesInventory() {
    return io.haprovision.lab.openwrt.OpenWrtPersonality.NAME.equals(personality());
  }

  /**
   * Writes an inventory (docs/inventory.md format) that drives this lab as it is:
   * SSH as root with the lab key and strict host-key checking against the lab's
   * known_hosts; per pair {@code platform: openwrt}, both nodes with their
   * management address and {@code br-lan}/{@code wan} addresses, a {@code LAN}
   * and a {@code WAN} VRRP instance (unicast), a sync group with both, and the pair's
   * LAN client as {@code verify}'s probe host (reached over SSH like the nodes).
   *
   * @return {@code file}
   * @throws UncheckedIOException when it cannot be written
   * @throws IllegalStateException when {@link #writesInventory()} is false
   */
  public Path writeInventory(Path file) {
    if (!writesInventory()) {
      throw new IllegalStateException("lab " + runId() + " has personality " + personality()
          + ", for which ha-lab writes no inventory (only openwrt labs get one)");
    }
    StringBuilder y = new StringBuilder();
    y.append("# Inventory of ha-provision lab ").append(runId()).append(" (")
        .append(pairs.size()).append(pairs.size() == 1 ? " pair" : " pairs")
        .append(", personality ").append(personality()).append("), written by ha-lab.\n")
        .append("# It stays valid while the lab runs; `provision lab down ")
        .append(runId()).append("` removes the lab.\n")
        .append("version: 1\n\n")
        .append("defaults:\n")
        .append("  ssh:\n")
        .append("    user: root\n")
        .append("    port: 22\n")
        .append("    identity_file: ").append(identityFile()).append('\n')
        .append("    known_hosts: ").append(knownHostsFile()).append('\n')
        .append("    host_key_policy: strict\n\n")
        .append("pairs:\n");
    for (LabPair p : pairs) {
      y.append("  - name: ").append(p.name()).append('\n')
          .append("    platform: ").append(personality()).append('\n')
          .append("    nodes:\n");
      for (LabNode n : p.nodes()) {
        y.append("      - name: ").append(n.name()).append('\n')
            .append("        role: ").append(n.role()).append('\n')
            .append("        host: ").append(n.managementAddress()).append('\n')
            .append("        interfaces:\n")
            .append("          br-lan: ").append(n.lanAddress()).append('\n')
            .append("          wan: ").append(n.wanAddress()).append('\n');
      }
      y.append("    vrrp:\n")
          .append("      instances:\n")
          .append("        - name: LAN\n")
          .append("          interface: br-lan\n")
          .append("          virtual_router_id: 51\n")
          .append("          vips:\n")
          .append("            - ").append(p.lanVip()).append('\n')
          .append("          unicast: true\n")
          .append("        - name: WAN\n")
          .append("          interface: wan\n")
          .append("          virtual_router_id: 52\n")
          .append("          vips:\n")
          .append("            - ").append(p.wanVip()).append('\n')
          .append("          unicast: true\n")
          .append("      sync_group:\n")
          .append("        name: ").append(p.name().toUpperCase(java.util.Locale.ROOT)).append('\n')
          .append("        instances: [LAN, WAN]\n")
          .append("    verify:\n")
          .append("      probe:\n")
          .append("        name: ").append(p.client()).append('\n')
          .append("        host: ").append(p.clientManagementAddress()).append('\n');
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the lab inventory to " + file, e);
    }
    return file;
  }

  // ------------------------------------------------------------------ building

  private static LabState reserve(LabSpec spec) {
    synchronized (LOCAL_LOCK) {
      try {
        Files.createDirectories(BASE);
        // one up at a time per machine picks run ids and slots; other processes wait here
        try (FileChannel channel = FileChannel.open(BASE.resolve(".lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          channel.lock(); // released when the channel closes
          String runId = spec.runId().orElseGet(Lab::freshRunId);
          Path runDir = BASE.resolve(runId);
          if (Files.exists(runDir) || namespacesOnHost().stream().anyMatch(n -> n.startsWith(namespacePrefix(runId)))) {
            throw new IllegalArgumentException("lab run id '" + runId
                + "' is in use; pick another or remove it with `provision lab down " + runId + "`");
          }
          int slot = freeSlot();
          List<String> namespaces = new ArrayList<>();
          namespaces.add(switchNamespace(runId));
          for (LabPair p : plan(runId, slot, spec.pairs())) {
            for (String member : List.of(p.a().name(), p.b().name(), p.client(), p.upstream())) {
              namespaces.add(namespacePrefix(runId) + member);
            }
          }
          Files.createDirectories(runDir);
          LabState state = new LabState(1, runId, spec.personality(), spec.pairs(), slot,
              Instant.now().toString(), hostLink(runId), namespaces, Map.of());
          state.write(runDir);
          return state;
        }
      } catch (IOException e) {
        throw new TargetException(TargetException.Kind.FAILED, "lab",
            "cannot reserve a lab under " + BASE + ": " + e.getMessage(), e);
      }
    }
  }

  private static String freshRunId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    while (true) {
      StringBuilder id = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      }
      if (!Files.exists(BASE.resolve(id.toString()))) {
        return id.toString();
      }
    }
  }

  /** The lowest management slot no lab uses and no host address or route overlaps. */
  private static int freeSlot() {
    Set<Integer> used = new HashSet<>();
    for (String runId : runIdsOnDisk()) {
      try {
        used.add(LabState.read(BASE.resolve(runId)).slot());
      } catch (IOException e) {
        // unreadable state: its slot cannot be known; host routes still guard it
      }
    }
    List<long[]> hostNets = HostRoutes.ipv4Networks();
    for (int slot = AddressPlan.MIN_SLOT; slot <= AddressPlan.MAX_SLOT; slot++) {
      if (!used.contains(slot) && !HostRoutes.overlapsAny(AddressPlan.managementSubnet(slot), hostNets)) {
        return slot;
      }
    }
    throw new TargetException(TargetException.Kind.FAILED, "lab",
        "no free management subnet in 198.18.0.0/16: remove old labs with `provision lab down`");
  }

  private Lab build(Personality personality) throws IOException {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Cmd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ha-provision-lab-" + runId(),
        "-f", identityFile().toString()), Duration.ofSeconds(30));
    requireFile(identityFile(), "ssh-keygen did not write the lab's client key");
    String clientKey = Files.readString(keys.resolve("id_ed25519.pub")).strip() + "\n";
    StringBuilder knownHosts = new StringBuilder();
    for (LabPair p : pairs) {
      for (LabNode n : p.nodes()) {
        String hostKey = prepareNode(personality, p, n, clientKey);
        knownHosts.append(n.managementAddress()).append(' ').append(hostKey).append('\n');
      }
      LabNode client = clientMachine(p);
      String hostKey = prepareNode(null, p, client, clientKey);
      knownHosts.append(client.managementAddress()).append(' ').append(hostKey).append('\n');
    }
    Files.writeString(knownHostsFile(), knownHosts.toString());
    Path script = dir.resolve("net-up.sh");
    Files.writeString(script, Topology.script(runId(), state.slot(), pairs, personality));
    ExecResult net = Cmd.run(List.of("sh", "-e", script.toString()), NET_TIMEOUT);
    if (!net.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, "lab " + runId(),
          "building the lab network failed (" + script + "): " + net.describe());
    }
    Map<String, Long> pids = new LinkedHashMap<>();
    for (LabNode n : machines()) {
      pids.put(n.name(), startNode(n));
      state.withNodePids(pids).write(dir);
    }
    LabState running = state.withNodePids(pids);
    running.write(dir);
    Lab lab = new Lab(running);
    lab.awaitSshd();
    return lab;
  }

  /**
   * Writes a node's upper directory and boot script; returns its public host key line. A null
   * {@code personality} prepares a LAN client: sshd and the lab key only.
   */
  private String prepareNode(Personality personality, LabPair pair, LabNode node, String clientKey)
      throws IOException {
    Path nodeDir = nodeDir(node.name());
    Path upper = Files.createDirectories(nodeDir.resolve("upper"));
    Files.createDirectories(nodeDir.resolve("work"));
    Files.createDirectories(nodeDir.resolve("root"));
    Path home = Files.createDirectories(nodeDir.resolve("home"));
    Files.setPosixFilePermissions(home, NodeImage.permissions("0700"));
    NodeImage image = new NodeImage(pair, node, upper, home);

    Path keyFile = nodeDir.resolve("ssh_host_ed25519_key");
    Cmd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + node.name(),
        "-f", keyFile.toString()), Duration.ofSeconds(30));
    requireFile(keyFile, "ssh-keygen did not write the host key of " + node.name());
    image.write("/etc/ssh/ssh_host_ed25519_key", Files.readAllBytes(keyFile), "0600");
    String publicKey = Files.readString(nodeDir.resolve("ssh_host_ed25519_key.pub")).strip();
    image.write("/etc/ssh/ssh_host_ed25519_key.pub", publicKey + "\n", "0644");
    Files.delete(keyFile);
    image.write("/etc/ssh/sshd_config", sshdConfig(node), "0644");
    image.write("/root/.ssh/authorized_keys", clientKey, "0600");
    Files.setPosixFilePermissions(home.resolve(".ssh"), NodeImage.permissions("0700"));
    rootAccount(image);
    if (personality != null) {
      personality.prepare(image);
    }
    Files.writeString(nodeDir.resolve("boot.sh"), bootScript(node, image.removals()));
    String[] parts = publicKey.split("\\s+");
    return parts[0] + " " + parts[1];
  }

  /**
   * Root logs in with {@code /bin/sh} (OpenWrt's root has busybox ash, so commands
   * with bashisms fail in the lab as on a router) and is not locked: sshd refuses key
   * logins of a locked account ("!" in shadow) when PAM is off.
   */
  private static void rootAccount(NodeImage image) throws IOException {
    List<String> passwd = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
      if (line.startsWith("root:")) {
        line = line.substring(0, line.lastIndexOf(':') + 1) + "/bin/sh";
      }
      passwd.add(line);
    }
    image.write("/etc/passwd", String.join("\n", passwd) + "\n", "0644");
    Path shadow = Path.of("/etc/shadow");
    if (!Files.isReadable(shadow)) {
      return;
    }
    List<String> lines = Files.readAllLines(shadow);
    boolean changed = false;
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("root:!")) {
        line = "root:*" + line.substring(line.indexOf(':', 5));
        changed = true;
      }
      out.add(line);
    }
    if (changed) {
      image.write("/etc/shadow", String.join("\n", out) + "\n", "0640");
    }
  }

  private String sshdConfig(LabNode node) {
    return "# ha-provision lab: sshd of node " + node.name() + " (run " + runId() + ").\n"
        + "# No sftp subsystem: like dropbear on OpenWrt, files must go through an exec channel.\n"
        + "ListenAddress " + node.managementAddress() + "\n"
        + "Port 22\n"
        + "HostKey /etc/ssh/ssh_host_ed25519_key\n"
        + "PermitRootLogin prohibit-password\n"
        + "PubkeyAuthentication yes\n"
        + "AuthorizedKeysFile .ssh/authorized_keys\n"
        + "PasswordAuthentication no\n"
        + "KbdInteractiveAuthentication no\n"
        + "UsePAM no\n"
        + "UseDNS no\n"
        + "MaxStartups 1000:30:2000\n"
        + "MaxSessions 100\n"
        + "PrintMotd no\n"
        + "PidFile none\n";
  }

  private String bootScript(LabNode node, List<String> removals) {
    Path nodeDir = nodeDir(node.name());
    StringBuilder s = new StringBuilder()
        .append("# ha-provision lab: boot of node ").append(node.name()).append(" (run ").append(runId())
        .append("). Runs as PID 1 of the node's PID namespace, in its network, mount\n")
        .append("# and UTS namespaces, then becomes the node's sshd.\n")
        .append("set -e\n")
        .append("D='").append(nodeDir).append("'\n")
        .append("R=\"$D/root\"\n")
        .append("mount -t overlay overlay -o \"lowerdir=/,upperdir=$D/upper,workdir=$D/work\" \"$R\"\n")
        .append("mount --rbind /dev \"$R/dev\"\n")
        .append("mount -t proc proc \"$R/proc\"\n")
        .append("mount -t sysfs sysfs \"$R/sys\"\n")
        .append("mount -t tmpfs -o mode=1777 tmpfs \"$R/tmp\"\n")
        .append("mount -t tmpfs -o mode=0755 tmpfs \"$R/run\"\n")
        .append("mkdir -p \"$R/run/sshd\" \"$R/run/lock\" \"$R/rom\"\n")
        .append("# root's own, empty home: the host's dotfiles (shell start-up files) stay out\n")
        .append("mount --bind \"$D/home\" \"$R/root\"\n")
        .append("# the pristine root, read-only, as OpenWrt's /rom (opkg install copies from it)\n")
        .append("mount --bind / \"$R/rom\"\n")
        .append("mount -o remount,bind,ro \"$R/rom\"\n")
        .append("hostname '").append(node.name()).append("'\n")
        .append("if [ ! -e \"$D/first-boot-done\" ]; then\n")
        .append("  find \"$R/etc/ssh\" -maxdepth 1 -name 'ssh_host_*' ! -name 'ssh_host_ed25519_key*' -exec rm -f {} +\n");
    for (String path : removals) {
      s.append("  rm -f \"$R").append(path).append("\"\n");
    }
    s.append("  touch \"$D/first-boot-done\"\n")
        .append("fi\n")
        // OpenWrt starts its firewall (forwarding lan -> wan, masquerade on wan) at boot
        .append(isClientName(node.name()) ? "" : "if [ -x \"$R/etc/init.d/firewall\" ]; then\n"
            + "  chroot \"$R\" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin /etc/init.d/firewall boot\n"
            + "fi\n")
        // a personality's own boot step (debian: private /dev with syslog, apt lists), run in the node
        .append(isClientName(node.name()) ? "" : "if [ -x \"$R" + NodeImage.BOOT_HOOK + "\" ]; then\n"
            + "  chroot \"$R\" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root " + NodeImage.BOOT_HOOK + "\n"
            + "fi\n")
        .append("exec chroot \"$R\" /usr/sbin/sshd -D -e\n");
    return s.toString();
  }

  private long startNode(LabNode node) throws IOException {
    Path nodeDir = nodeDir(node.name());
    // setsid: the node leaves the caller's session, so a terminal's signals never reach it
    // (setsid, nsenter and unshare each exec the next: the PID is unshare's)
    ProcessBuilder builder = new ProcessBuilder(
        "setsid", "nsenter", "--net=/run/netns/" + node.namespace(),
        "unshare", "--mount", "--pid", "--uts", "--fork", "--kill-child", "--propagation", "private",
        "sh", nodeDir.resolve("boot.sh").toString())
        .directory(nodeDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile()));
    return builder.start().pid();
  }

  /** Waits until every node's sshd accepts TCP connections on its management address. */
  private void awaitSshd() {
    long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
    List<LabNode> waiting = new ArrayList<>(machines());
    while (!waiting.isEmpty()) {
      LabNode node = waiting.get(0);
      long pid = state.nodePids().get(node.name());
      if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new TargetException(TargetException.Kind.FAILED, "lab " + runId(),
            "node " + node.name() + " stopped while booting:\n" + nodeLog(node.name()));
      }
      if (accepts(node.managementAddress())) {
        waiting.remove(0);
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new TargetException(TargetException.Kind.FAILED, "lab " + runId(),
            "sshd of node " + node.name() + " did not listen on " + node.managementAddress()
                + ":22 within " + BOOT_TIMEOUT.toSeconds() + " s:\n" + nodeLog(node.name()));
      }
      sleep(50);
    }
  }

  private static boolean accepts(String address) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, 22), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String nodeLog(String node) {
    try {
      Path log = nodeDir(node).resolve("node.log");
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private String bootLogs() {
    StringBuilder logs = new StringBuilder();
    for (LabNode n : machines()) {
      Path log = nodeDir(n.name()).resolve("node.log");
      try {
        if (Files.exists(log) && Files.size(log) > 0) {
          logs.append("--- ").append(n.name()).append(" node.log\n").append(Files.readString(log));
        }
      } catch (IOException e) {
        // best effort: the failure itself is reported by the caller
      }
    }
    return logs.toString();
  }

  private long nodeInitPid(String node, long unsharePid) {
    Path children = Path.of("/proc", Long.toString(unsharePid), "task", Long.toString(unsharePid), "children");
    try {
      String text = Files.readString(children).strip();
      if (!text.isEmpty()) {
        return Long.parseLong(text.split("\\s+")[0]);
      }
    } catch (IOException | NumberFormatException e) {
      // handled below
    }
    throw new TargetException(TargetException.Kind.FAILED, "lab " + runId() + " node " + node,
        "the node is not running (process " + unsharePid + " is gone); restart the lab");
  }

  /**
   * The LAN client of a pair as a machine booted like a node (its own root, PID namespace and
   * sshd on its management address), so {@code verify} can log in to it as its probe host.
   */
  private LabNode clientMachine(LabPair p) {
    return new LabNode(p.client(), "client", namespacePrefix(runId()) + p.client(), p.clientManagementAddress(),
        p.clientAddress(), "", "");
  }

  /** Every machine with an sshd: the nodes, then the LAN clients. */
  private List<LabNode> machines() {
    List<LabNode> all = new ArrayList<>(nodes());
    pairs.forEach(p -> all.add(clientMachine(p)));
    return all;
  }

  private static boolean isClientName(String member) {
    return member.matches("p\\d+-client");
  }

  private Path nodeDir(String node) {
    return dir.resolve("nodes").resolve(node);
  }

  // ------------------------------------------------------------------ names & plan

  static String namespacePrefix(String runId) {
    return "hpl-" + runId + "-";
  }

  static String switchNamespace(String runId) {
    return namespacePrefix(runId) + "switch";
  }

  static String hostLink(String runId) {
    return "hpl" + runId;
  }

  private static List<LabPair> plan(String runId, int slot, int count) {
    List<LabPair> result = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String name = "p" + i;
      LabNode a = new LabNode(name + "-a", "primary", namespacePrefix(runId) + name + "-a",
          AddressPlan.managementAddress(slot, i, false), AddressPlan.lan(i, 2), AddressPlan.wan(i, 2),
          AddressPlan.sync(i, 1));
      LabNode b = new LabNode(name + "-b", "secondary", namespacePrefix(runId) + name + "-b",
          AddressPlan.managementAddress(slot, i, true), AddressPlan.lan(i, 3), AddressPlan.wan(i, 3),
          AddressPlan.sync(i, 2));
      result.add(new LabPair(i, name, a, b, name + "-client", name + "-upstream",
          AddressPlan.lanSubnet(i), AddressPlan.lan(i, 1), AddressPlan.lan(i, 100),
          AddressPlan.wanSubnet(i), AddressPlan.wan(i, 4), AddressPlan.wan(i, 1),
          AddressPlan.syncSubnet(i), AddressPlan.clientManagementAddress(slot, i)));
    }
    return List.copyOf(result);
  }

  // ------------------------------------------------------------------ host helpers

  private static void requireRunId(String runId) {
    if (!LabSpec.isRunId(runId)) {
      throw new IllegalArgumentException("'" + runId + "' is not a lab run id (1 to 8 of a-z, 0-9)");
    }
  }

  private static void requireFile(Path file, String message) {
    if (!Files.isRegularFile(file)) {
      throw new TargetException(TargetException.Kind.FAILED, "lab", message + " (" + file + ")");
    }
  }

  private static List<String> runIdsOnDisk() {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(BASE)) {
      return ids;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(BASE)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (LabSpec.isRunId(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          ids.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + BASE, e);
    }
    ids.sort(Comparator.naturalOrder());
    return ids;
  }

  static List<String> namespacesOnHost() {
    ExecResult list = Cmd.run(List.of("ip", "netns", "list"), Duration.ofSeconds(10));
    List<String> names = new ArrayList<>();
    for (String line : list.stdout().split("\n")) {
      String name = line.strip().split("\\s+")[0];
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<Long> pidsIn(String namespace) {
    ExecResult pids = Cmd.run(List.of("ip", "netns", "pids", namespace), Duration.ofSeconds(10));
    List<Long> result = new ArrayList<>();
    for (String token : pids.stdout().split("\\s+")) {
      if (token.matches("\\d+")) {
        result.add(Long.parseLong(token));
      }
    }
    return result;
  }

  /** True when {@code pid} is the boot process of a node of this lab (guards against PID reuse). */
  private static boolean isOurNode(long pid, Path runDir) {
    try {
      byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(cmdline, StandardCharsets.UTF_8).contains(runDir.toString() + "/nodes/");
    } catch (IOException e) {
      return false;
    }
  }

  private static void kill(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  private static void waitGone(Set<Long> pids, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long pid : pids) {
      while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
        sleep(20);
      }
    }
  }

  /** Lazily unmounts every mount point at or under {@code dir}, deepest first. */
  private static void unmountUnder(Path dir) {
    String prefix = dir.toString();
    List<String> points = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] fields = line.split(" ");
        if (fields.length > 4) {
          String point = unescapeMountPath(fields[4]);
          if (point.equals(prefix) || point.startsWith(prefix + "/")) {
            points.add(point);
          }
        }
      }
    } catch (IOException e) {
      return;
    }
    points.sort(Comparator.comparingInt(String::length).reversed());
    for (String point : points) {
      Cmd.run(List.of("umount", "-l", point), Duration.ofSeconds(20));
    }
  }

  private static String unescapeMountPath(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Deletes a directory tree without following symlinks and without entering another
   * file system (a mount that survived the unmount stays untouched rather than
   * having the host's files deleted through it).
   */
  private static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Object device = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
      deleteRecursively(root, device);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove lab directory " + root, e);
    }
  }

  private static void deleteRecursively(Path path, Object device) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      if (!device.equals(Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
        throw new IOException(path + " is still a mount point of another file system; unmount it first");
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        for (Path entry : entries) {
          deleteRecursively(entry, device);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException(TargetException.Kind.FAILED, "lab", "interrupted while waiting", e);
    }
  }
}
