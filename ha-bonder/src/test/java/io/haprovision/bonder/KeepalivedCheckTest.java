package io.haprovision.bonder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.haprovision.inventory.PairSpec;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The rendered keepalived.conf of the example bonders against the real {@code keepalived -t},
 * through the check ha-provision installs. keepalived checks interfaces and script files on
 * the host it runs on, so each run happens in a network namespace holding {@code eth1} and
 * a private mount namespace where the scripts sit at their real paths on a tmpfs. Needs
 * root, {@code ip netns} and keepalived (CI has them); skipped with the reason otherwise.
 */
@Tag("lab")
class KeepalivedCheckTest {
  private final String namespace = "h7-bonder-kt-" + ProcessHandle.current().pid();
  private boolean created;

  @TempDir
  Path dir;

  @BeforeEach
  void namespace() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root for network namespaces");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "skipped: keepalived is not installed");
    assumeTrue(run(List.of("ip", "netns", "add", namespace)).exit == 0, "skipped: `ip netns add` failed");
    created = true;
    Result veth = run(List.of("ip", "-n", namespace, "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p"));
    assertThat(veth.exit).as(veth.output).isZero();
  }

  @AfterEach
  void removeNamespace() throws Exception {
    if (created) {
      run(List.of("ip", "netns", "del", namespace));
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  /** Installs {@code files} at their paths in a private mount namespace and runs {@code command} there. */
  private Result inNode(List<FileResource> files, String command) throws Exception {
    List<String> script = new ArrayList<>();
    script.add("set -e");
    script.add("mount -t tmpfs ha-provision-test /usr/libexec");
    script.add("mkdir -p /usr/libexec/ha-provision");
    int n = 0;
    for (FileResource f : files) {
      Path staged = dir.resolve("file" + n++);
      Files.writeString(staged, f.content());
      script.add("cp '" + staged + "' '" + f.path() + "'");
      script.add("chmod " + f.mode() + " '" + f.path() + "'");
    }
    script.add("set +e");
    script.add(command);
    return run(List.of("ip", "netns", "exec", namespace, "unshare", "--mount", "--propagation", "private",
        "sh", "-c", String.join("\n", script)));
  }

  private static FileResource file(DesiredNode node, String path) {
    return node.resources().stream().filter(r -> r instanceof FileResource f && f.path().equals(path))
        .map(FileResource.class::cast).findFirst().orElseThrow();
  }

  @Test
  void bareKeepalivedTestRefusesAVipLessInstanceButTheCheckAcceptsIt() throws Exception {
    PairSpec pair = Inventories.pair(Inventories.example());
    DesiredNode a = new BonderTarget().desired(pair, pair.primary());
    FileResource conf = file(a, BonderPaths.KEEPALIVED_CONF);
    Path staged = dir.resolve("keepalived.conf");
    Files.writeString(staged, conf.content());
    List<FileResource> scripts = List.of(file(a, BonderPaths.NOTIFY_PROGRAM), file(a, BonderPaths.TRACK_PROGRAM),
        file(a, BonderPaths.KEEPALIVED_CHECK));

    Result bare = inNode(scripts, "keepalived -t -f '" + staged + "'");
    assertThat(bare.exit).as(bare.output).isNotZero();
    assertThat(bare.output).contains(BonderFiles.NO_VIP_WARNING);

    Result checked = inNode(scripts, conf.validateCommand().orElseThrow().replace("%s", "'" + staged + "'"));
    assertThat(checked.exit).as(checked.output).isZero();
  }

  @Test
  void theCheckStillRefusesAnyOtherWarning() throws Exception {
    PairSpec pair = Inventories.pair(Inventories.example());
    DesiredNode a = new BonderTarget().desired(pair, pair.primary());
    Path staged = dir.resolve("keepalived.conf");
    // The track script missing on the node: keepalived warns and disables it.
    Files.writeString(staged, file(a, BonderPaths.KEEPALIVED_CONF).content());
    Result checked = inNode(List.of(file(a, BonderPaths.KEEPALIVED_CHECK)),
        BonderPaths.KEEPALIVED_CHECK + " '" + staged + "'");
    assertThat(checked.exit).as(checked.output).isNotZero();
    assertThat(checked.output).contains("bonder_node");
  }
}
