package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.FILE;
import static io.haprovision.inventory.InventoryTesting.fail;
import static io.haprovision.inventory.InventoryTesting.only;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static io.haprovision.inventory.InventoryTesting.withInstanceKeys;
import static io.haprovision.inventory.InventoryTesting.withSecondaryKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.error.InventoryException;
import io.haprovision.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  @TempDir
  Path dir;

  private static Secret vrrpPassword(Inventory inv) {
    return inv.pairs().get(0).vrrp().instances().get(0).nodes().primary().auth().value().orElseThrow().password();
  }

  @Test
  void envSecretResolvesFromTheInjectedEnvironment() {
    Inventory inv = InventoryTesting.load(withInstanceKeys("          authentication: { type: PASS, password: \"${env:VRRP_PASS}\" }"));
    Secret s = vrrpPassword(inv);
    assertThat(s.reveal()).isEqualTo("s3cret");
    assertThat(s.origin()).isEqualTo("env:VRRP_PASS");
    assertThat(s.toString()).isEqualTo("******");
  }

  @Test
  void fileSecretIsRelativeToTheInventoryFolderAndDropsOneTrailingNewline() throws Exception {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/vrrp.pass"), "pa55\n\n");
    String yaml = withInstanceKeys("          authentication: { password: \"${file:secrets/vrrp.pass}\" }");
    // one newline dropped, the other kept: a VRRP password cannot hold it (issue 16: it reached render)
    Problem p = only(fail(InventoryTesting.loader(), yaml, dir), "vrrp.auth-characters");
    assertThat(p.message()).contains("file:" + dir.resolve("secrets/vrrp.pass")).doesNotContain("pa55");
    Files.writeString(dir.resolve("secrets/vrrp.pass"), "pa55\r\n");
    Inventory inv = InventoryTesting.loader().load(yaml, FILE, dir);
    assertThat(vrrpPassword(inv).reveal()).isEqualTo("pa55");
    assertThat(vrrpPassword(inv).origin()).isEqualTo("file:" + dir.resolve("secrets/vrrp.pass"));
  }

  @Test
  void literalSecretIsTakenAsWritten() {
    Inventory inv = InventoryTesting.load(withInstanceKeys("          authentication: { password: lit3ral }"));
    assertThat(vrrpPassword(inv).reveal()).isEqualTo("lit3ral");
    assertThat(vrrpPassword(inv).origin()).isEqualTo("literal");
  }

  @Test
  void missingEnvironmentVariableIsNamedAtItsField() {
    String yaml = withInstanceKeys("          authentication: { password: \"${env:NO_SUCH_VAR}\" }");
    Problem p = only(fail(yaml), "secret.env-missing");
    assertThat(p.message()).contains("NO_SUCH_VAR");
    assertThat(p.keyPath()).isEqualTo("pairs[0].vrrp.instances[0].authentication.password");
    assertThat(p.location()).isEqualTo(valueAt(yaml, "password: \"${env"));
  }

  @Test
  void unreadableSecretFileIsNamed() {
    String yaml = withInstanceKeys("          authentication: { password: \"${file:nope/vrrp.pass}\" }");
    InventoryException e = fail(InventoryTesting.loader(), yaml, dir);
    Problem p = only(e, "secret.file-unreadable");
    assertThat(p.message()).contains(dir.resolve("nope/vrrp.pass").toString());
    assertThat(p.location()).isEqualTo(valueAt(yaml, "password: \"${file"));
  }

  /**
   * Issue 16, point 2: a secret reference naming a device, a FIFO, a directory or a huge file
   * is refused at its field, naming the file and never a value; before, /dev/zero filled the
   * memory and a FIFO blocked the run for ever.
   */
  @Test
  @org.junit.jupiter.api.Timeout(60) // a FIFO used to block for ever
  void secretFilesAreRegularSmallUtf8Files() throws Exception {
    Path fifo = dir.resolve("pass.fifo");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
    Files.createDirectories(dir.resolve("secrets"));
    Files.write(dir.resolve("big.pass"), new byte[SecretResolver.SECRET_FILE_MAX_BYTES + 1]);
    Files.write(dir.resolve("latin1.pass"), new byte[] {'p', (byte) 0xe9, 'a'});
    java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("/dev/zero", "secret.file-not-regular");
    cases.put(fifo.toString(), "secret.file-not-regular");
    cases.put("secrets", "secret.file-not-regular");
    cases.put("big.pass", "secret.file-too-large");
    cases.put("latin1.pass", "secret.file-not-utf8");
    for (java.util.Map.Entry<String, String> c : cases.entrySet()) {
      String yaml = withInstanceKeys("          authentication: { password: \"${file:" + c.getKey() + "}\" }");
      Problem p = only(fail(InventoryTesting.loader(), yaml, dir), c.getValue());
      assertThat(p.keyPath()).isEqualTo("pairs[0].vrrp.instances[0].authentication.password");
      assertThat(p.location()).isEqualTo(valueAt(yaml, "password: \"${file"));
      assertThat(p.message()).contains(c.getKey().startsWith("/") ? c.getKey() : dir.resolve(c.getKey()).toString());
    }
  }

  @Test
  void secretSyntaxInAPlainFieldIsRefused() {
    String yaml = withSecondaryKeys("        ssh: { user: \"${env:SSH_USER}\" }");
    Problem p = only(fail(yaml), "secret.not-allowed");
    assertThat(p.keyPath()).isEqualTo("pairs[0].nodes[1].ssh.user");
    assertThat(p.location()).isEqualTo(valueAt(yaml, "user: \"${env"));
  }

  @Test
  void unknownReferenceInASecretIsRefusedWithoutEchoingIt() {
    String yaml = withInstanceKeys("          authentication: { password: \"${vault:kv/x}\" }");
    Problem p = only(fail(yaml), "secret.syntax");
    assertThat(p.toString()).doesNotContain("vault:kv/x");
  }

  @Test
  void emptyEnvironmentVariableIsRefused() {
    String yaml = withInstanceKeys("          authentication: { password: \"${env:EMPTY}\" }");
    InventoryException e = fail(InventoryTesting.loader().withEnvironment(Map.of("EMPTY", "")), yaml,
        Path.of("/nonexistent"));
    assertThat(only(e, "secret.empty").message()).contains("EMPTY");
  }

  @Test
  void sshPasswordIsASecretToo() {
    Inventory inv = InventoryTesting.load(withSecondaryKeys("        ssh: { password: \"${env:SSH_PASS}\" }"));
    assertThat(inv.pairs().get(0).secondary().ssh().password()).map(Secret::reveal).contains("hunter2hunter2");
    assertThat(inv.pairs().get(0).primary().ssh().password()).isEmpty();
    assertThat(inv.secrets()).extracting(Secret::reveal).containsExactly("hunter2hunter2");
  }
}
