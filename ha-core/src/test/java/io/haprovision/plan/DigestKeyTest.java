package io.haprovision.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.facts.NodeFacts;
import io.haprovision.facts.VrrpRole;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DigestKey;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyed plan digests: what the key changes, and how this machine's key is kept. */
class DigestKeyTest {
  private static final DigestKey ONE = DigestKey.of("first key of thirty-two bytes!!!".getBytes(StandardCharsets.UTF_8));
  private static final DigestKey TWO = DigestKey.of("second key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));

  @Test
  void theSameInputDigestsDifferentlyUnderAnotherKeyAndTheSameUnderTheSameKey() {
    NodeFacts facts = NodeFacts.empty("gw-a").withVrrpRole(VrrpRole.MASTER);
    assertThat(facts.digest(ONE)).hasSize(64).matches("[0-9a-f]{64}")
        .isEqualTo(facts.digest(ONE)).isNotEqualTo(facts.digest(TWO));
    DesiredNode node = new DesiredNode("office", "gw-a", List.of(), List.of());
    assertThat(Planner.desiredDigest(node, ONE)).hasSize(64)
        .isEqualTo(Planner.desiredDigest(node, DigestKey.of("first key of thirty-two bytes!!!".getBytes(StandardCharsets.UTF_8))))
        .isNotEqualTo(Planner.desiredDigest(node, TWO));
  }

  @Test
  void isAnHmacNotAPlainHashOfTheText() throws Exception {
    // The same bytes as the JDK HMAC-SHA256 gives, and not the plain SHA-256 plans used to carry.
    byte[] key = new byte[32];
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    String expected = java.util.HexFormat.of().formatHex(mac.doFinal("text".getBytes(StandardCharsets.UTF_8)));
    assertThat(DigestKey.of(key).digest("text")).isEqualTo(expected)
        .isNotEqualTo(io.haprovision.resource.Sha256.of("text"));
  }

  @Test
  void aShortKeyIsRejected() {
    assertThatThrownBy(() -> DigestKey.of(new byte[8])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 bytes");
  }

  @Test
  void theLocalKeyIsCreatedPrivateOnFirstUseAndKeptAfterwards(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("config").resolve("ha-provision");
    DigestKey key = DigestKey.local(dir);
    assertThat(dir).doesNotExist(); // nothing is written before the first digest
    String digest = key.digest("node=gw-a");
    Path file = dir.resolve("plan-digest.key");
    assertThat(file).isRegularFile();
    assertThat(Files.size(file)).isEqualTo(DigestKey.KEY_BYTES);
    assertThat(key.file()).contains(file);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file); // no temporary file left behind
    }
    // Another process (another instance) reads the same key.
    assertThat(DigestKey.local(dir).digest("node=gw-a")).isEqualTo(digest);
    // Another machine (another folder) has another key.
    assertThat(DigestKey.local(tmp.resolve("elsewhere")).digest("node=gw-a")).isNotEqualTo(digest);
  }

  @Test
  void racingFirstUsesAgreeOnOneKey(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("ha-provision");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> racers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        racers.add(() -> DigestKey.local(dir).digest("same text"));
      }
      List<String> digests = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(racers)) {
        digests.add(f.get());
      }
      assertThat(digests).hasSize(16).containsOnly(digests.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDamagedKeyFileIsReportedWithWhatToDo(@TempDir Path tmp) throws Exception {
    Files.write(tmp.resolve("plan-digest.key"), new byte[5]);
    assertThatThrownBy(() -> DigestKey.local(tmp).digest("x")).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("plan-digest.key").hasMessageContaining("5 bytes").hasMessageContaining("delete it");
  }

  @Test
  void neverPrintsTheKey() {
    assertThat(ONE.toString()).isEqualTo("DigestKey(fixed)").doesNotContain("first key");
  }
}
