package io.haprovision.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haprovision.inventory.InventoryLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The inventory's JSON Schema, recorded from the binders while they read the exemplar
 * inventory shipped with the CLI ({@code schema-exemplar.yml}: every key of the core and
 * of each platform, at every place it may be written, in every form it may take). The
 * exemplar must itself be valid, and must read every key the binders allow; otherwise
 * generating the schema fails, naming what is missing.
 */
public final class InventorySchemas {
  /** The exemplar's resource name, beside this class. */
  static final String EXEMPLAR = "schema-exemplar.yml";
  /** The environment the exemplar's {@code ${env:...}} secrets read. */
  private static final Map<String, String> EXEMPLAR_ENV = Map.of(
      "EXEMPLAR_VRRP_PASS", "exemplar", "EXEMPLAR_API_PASS", "exemplar-api", "EXEMPLAR_SSH_PASS", "exemplar-ssh",
      "EXEMPLAR_LEASE_KEY", "exemplar-key");
  private static final String TITLE = "ha-provision inventory";
  private static final String DESCRIPTION = "Router pairs for ha-provision (inventory format version 1): keys,"
      + " types, ranges and choices. Rules that relate values (priorities, VRIDs, addresses in subnets) are"
      + " checked by `provision validate`.";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private InventorySchemas() {}

  /** The schema as a JSON tree. */
  public static ObjectNode generate() {
    Path dir = null;
    try {
      // The one file the exemplar needs to exist here: the bonder API's control-host CA file.
      dir = Files.createTempDirectory("ha-provision-schema");
      Files.createDirectories(dir.resolve("keys"));
      Files.writeString(dir.resolve("keys/ca.pem"), "");
      return new InventoryLoader().withEnvironment(EXEMPLAR_ENV).schema(exemplar(), EXEMPLAR, dir, TITLE,
          DESCRIPTION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** The schema as indented JSON text, ending with a newline. */
  public static String json() {
    try {
      return JSON.writeValueAsString(generate()) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve("keys/ca.pem"));
      Files.deleteIfExists(dir.resolve("keys"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  /** The exemplar inventory's text. */
  static String exemplar() {
    try (InputStream in = InventorySchemas.class.getResourceAsStream(EXEMPLAR)) {
      if (in == null) {
        throw new IllegalStateException("the schema exemplar " + EXEMPLAR + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
