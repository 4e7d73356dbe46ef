package io.haprovision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.error.InventoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No secret value ever appears in an InventoryException, whatever goes wrong around it. */
class SecretLeakTest {
  @TempDir
  Path dir;

  @Test
  void noSecretValueAppearsInAnyProblem() throws Exception {
    Files.writeString(dir.resolve("vrrp.pass"), "F1leS3cretValue\n");
    Map<String, String> env = Map.of("VRRP_PASS", "EnvS3cretValue", "API", "ApiS3cretValue", "SSHP", "SshS3cretValue");
    String yaml = InventoryTesting.BASE
        .replace("    platform: test\n", "    platform: test\n    test: { api_password: \"${env:API}\", flavor: odd }\n")
        .replace("        host: 192.0.2.11\n",
            "        host: 192.0.2.11\n        ssh: { password: \"${env:SSHP}\", port: 0 }\n"
                + "        vrrp: { authentication: { password: \"${env:VRRP_PASS}\" } }\n")
        .replace("        host: 192.0.2.12\n",
            "        host: 192.0.2.12\n        vrrp: { version: 3, authentication: { password: \"${file:vrrp.pass}\" } }\n")
        + "          priority: { primary: 9, secondary: 9 }\n"
        + "          unknown_key: LiteralS3cretValue\n";
    InventoryException e = InventoryTesting.fail(InventoryTesting.loader().withEnvironment(env), yaml, dir);
    assertThat(e.problems()).extracting(Problem::rule)
        .contains("vrrp.auth-mismatch", "vrrp.auth-too-long", "vrrp.auth-with-v3", "test.flavor", "value.range");
    String everything = e.getMessage() + e.problems();
    for (String secret : new String[] {"F1leS3cretValue", "EnvS3cretValue", "ApiS3cretValue", "SshS3cretValue"}) {
      assertThat(everything).doesNotContain(secret).doesNotContain(secret.substring(0, 8));
    }
  }
}
