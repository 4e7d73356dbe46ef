package io.haprovision.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Up and down of real labs: {@code down} leaves nothing behind, also after a half start. */
@Tag("lab")
class LabLifecycleTest {

  @BeforeAll
  static void needsLabHost() {
    Optional<String> reason = LabHost.unavailableReason();
    reason.ifPresent(r -> System.out.println("skipping LabLifecycleTest: " + r));
    Assumptions.assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
  }

  @Test
  void downRemovesEveryTraceAndIsIdempotent() throws Exception {
    Lab lab = Lab.up(LabSpec.openwrt(1));
    String runId = lab.runId();
    Path dir = lab.stateDir();
    long clientPid = -1;
    try {
      LabNode a = lab.pair(1).a();
      // something a test might leave running: a daemon in a node and a process in the client
      lab.exec(a.name(), "setsid sleep 600 >/dev/null 2>&1 < /dev/null &");
      String clientSleep = lab.exec(lab.pair(1).client(), "setsid sleep 600 >/dev/null 2>&1 < /dev/null & echo $!")
          .stdout().strip();
      clientPid = Long.parseLong(clientSleep);
      assertThat(ProcessHandle.of(clientPid)).isPresent();
      assertThat(traces(runId, dir)).isNotEmpty();
      assertThat(Lab.attach(runId).node(a.name())).isEqualTo(a);
      assertThatThrownBy(() -> Lab.up(LabSpec.openwrt(1).withRunId(runId)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is in use");
    } finally {
      Lab.down(runId);
    }
    assertThat(traces(runId, dir)).isEmpty();
    assertThat(ProcessHandle.of(clientPid).map(ProcessHandle::isAlive)).as("client process").isNotEqualTo(Optional.of(true));
    assertThat(Lab.status()).noneMatch(s -> s.runId().equals(runId));
    Lab.down(runId);
    assertThat(traces(runId, dir)).isEmpty();
  }

  @Test
  void downCleansUpAHalfBuiltLab() throws Exception {
    String runId = "half" + (ProcessHandle.current().pid() % 1000);
    Lab.down(runId);
    // what a crash in the middle of `up` leaves: a state directory and some namespaces
    Path dir = Files.createDirectories(Lab.BASE.resolve(runId).resolve("nodes/p1-a/upper"));
    for (String member : List.of("switch", "p1-a")) {
      ExecResult add = Cmd.run(List.of("ip", "netns", "add", Lab.namespacePrefix(runId) + member),
          Duration.ofSeconds(10));
      assertThat(add.exitCode()).as(add.describe()).isZero();
    }
    ExecResult link = Cmd.run(List.of("ip", "link", "add", Lab.hostLink(runId), "type", "veth", "peer", "name",
        "uplink", "netns", Lab.switchNamespace(runId)), Duration.ofSeconds(10));
    assertThat(link.exitCode()).as(link.describe()).isZero();
    assertThat(traces(runId, dir.getParent().getParent().getParent())).isNotEmpty();
    // downAll finds it by its namespaces even without a state file (not called here:
    // it would also remove labs of other test runs on this machine)
    assertThat(Lab.runIdsFound()).contains(runId);
    assertThat(Lab.status()).anyMatch(s -> s.runId().equals(runId) && !s.healthy());

    Lab.down(runId);

    assertThat(traces(runId, Lab.BASE.resolve(runId))).isEmpty();
  }

  @Test
  void labCommandsReportUpStatusAndDown() throws Exception {
    Path inventory = Files.createTempFile("lab-", ".yml");
    String up = LabCommands.up(1, "openwrt", inventory);
    String runId = up.split(" ")[1];
    try {
      assertThat(up).startsWith("lab " + runId + " up: 1 pair, personality openwrt")
          .contains("p1-a").contains("p1-b").contains("inventory: " + inventory)
          .contains("provision lab down " + runId);
      assertThat(Files.readString(inventory)).contains("platform: openwrt");
      assertThat(LabCommands.status()).containsPattern(runId + " +1 +openwrt +198\\.18\\.\\d+\\.0/24 +2/2 +running");
    } finally {
      assertThat(LabCommands.down(runId)).isEqualTo("lab " + runId + " removed\n");
      Files.deleteIfExists(inventory);
    }
    assertThat(LabCommands.status()).doesNotContain(runId);
  }

  /** Every trace of a run on the host: namespaces, links, routes, mounts, processes, files. */
  private static List<String> traces(String runId, Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    for (String ns : Lab.namespacesOnHost()) {
      if (ns.startsWith(Lab.namespacePrefix(runId))) {
        found.add("netns " + ns);
      }
    }
    String links = Cmd.run(List.of("ip", "-o", "link", "show"), Duration.ofSeconds(10)).stdout();
    links.lines().filter(l -> l.contains(Lab.hostLink(runId) + ":") || l.contains(Lab.hostLink(runId) + "@"))
        .forEach(l -> found.add("link " + l));
    if (Files.exists(dir)) {
      found.add("directory " + dir);
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(dir.toString())) {
            found.add("process " + proc.getFileName() + " " + cmdline.replace('\0', ' '));
          }
          for (String line : Files.readAllLines(proc.resolve("mountinfo"))) {
            if (line.contains(dir.toString())) {
              found.add("mount seen by " + proc.getFileName() + ": " + line);
              break;
            }
          }
        } catch (IOException e) {
          // the process ended while we looked
        }
      }
    }
    return found;
  }
}
