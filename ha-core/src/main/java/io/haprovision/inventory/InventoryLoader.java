package io.haprovision.inventory;

import io.haprovision.error.InventoryException;
import io.haprovision.spi.Targets;
import io.haprovision.yaml.YamlDocument;
import io.haprovision.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Loads an inventory: parses the YAML, binds it into records with the inheritance of
 * docs/inventory.md (top {@code defaults}, then the pair's {@code defaults}, then the
 * node's own {@code ssh}/{@code vrrp}; an instance's own value wins for both nodes),
 * resolves secrets, and validates everything: structure, the VRRP rules
 * ({@link VrrpRules}), then each platform's {@link io.haprovision.spi.Target#validatePair}.
 * Either returns an {@link Inventory} that passed every check or throws one
 * {@link InventoryException} holding every problem found. Contacts nothing.
 *
 * <p>Immutable; the {@code with...} methods return a changed copy.
 */
public final class InventoryLoader {
  private final Targets targets;
  private final Function<String, String> environment;
  private final Path homeDir;

  private InventoryLoader(Targets targets, Function<String, String> environment, Path homeDir) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.homeDir = homeDir;
  }

  /** The installed platforms ({@link Targets#discover()}), the real environment, the user's home. */
  public InventoryLoader() {
    this(Targets.discover(), System::getenv, null);
  }

  /** This loader with these platforms. */
  public InventoryLoader withTargets(Targets targets) {
    return new InventoryLoader(targets, environment, homeDir);
  }

  /** This loader reading {@code ${env:NAME}} from {@code environment} (null for an unset variable). */
  public InventoryLoader withEnvironment(Function<String, String> environment) {
    return new InventoryLoader(targets, environment, homeDir);
  }

  /** This loader reading {@code ${env:NAME}} from a fixed map (tests). */
  public InventoryLoader withEnvironment(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(environment);
    return withEnvironment(copy::get);
  }

  /** This loader expanding {@code ~} to {@code homeDir}. */
  public InventoryLoader withHomeDir(Path homeDir) {
    return new InventoryLoader(targets, environment, homeDir);
  }

  /** The platforms this loader knows. */
  public Targets targets() {
    return targets;
  }

  /**
   * Loads the inventory file {@code file}; {@code ${file:...}} and relative paths are
   * relative to its folder.
   *
   * @throws InventoryException with every problem found (also when the file cannot be read)
   */
  public Inventory load(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = utf8(bytes, file.toString());
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InventoryException(List.of(new Problem(new Location(file.toString(), 0, 0), "",
          "inventory.unreadable", "cannot read the inventory (" + e.getClass().getSimpleName() + ")",
          "check the path and that the file is readable")));
    }
    Path dir = file.toAbsolutePath().getParent();
    return load(text, file.toString(), dir, file, null);
  }

  /**
   * {@code bytes} as UTF-8 text; else the first byte that is not UTF-8, by line and column
   * (the column counts the characters before it on its line, plus one).
   */
  static String utf8(byte[] bytes, String fileName) {
    java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      decoder.flush(out);
      return out.flip().toString();
    }
    String before = out.flip().toString();
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    int column = before.length() - before.lastIndexOf('\n');
    throw new InventoryException(List.of(new Problem(new Location(fileName, line, column), "", "inventory.not-utf8",
        String.format(java.util.Locale.ROOT, "the file is not UTF-8: byte 0x%02x (byte %d of the file) is not valid"
            + " UTF-8 here", bytes[in.position()] & 0xff, in.position() + 1),
        "save the inventory as UTF-8 (most editors: \"Save with encoding\")")));
  }

  /**
   * Loads an inventory from {@code yaml}; {@code fileName} is how errors name it and
   * {@code baseDir} the folder {@code ${file:...}} and relative paths are relative to
   * (null: the current folder). The result's {@link Inventory#source()} is null.
   *
   * @throws InventoryException with every problem found
   */
  public Inventory load(String yaml, String fileName, Path baseDir) {
    return load(yaml, fileName, baseDir, null, null);
  }

  /**
   * As {@link #load(String, String, Path)}, recording into {@code schema} every key the
   * binders allow and require and every value they convert: how the inventory's JSON
   * Schema is made from an exemplar ({@link io.haprovision.inventory.schema}).
   *
   * @throws InventoryException with every problem found
   */
  public Inventory load(String yaml, String fileName, Path baseDir,
      io.haprovision.inventory.schema.SchemaRecorder schema) {
    return load(yaml, fileName, baseDir, null, java.util.Objects.requireNonNull(schema, "schema"));
  }

  /**
   * The inventory's JSON Schema, recorded while binding {@code exemplarYaml}, an inventory
   * that writes every key everywhere it may stand (see {@link io.haprovision.inventory.schema}).
   * Whether a key is required is tried: the exemplar without it must be refused.
   *
   * @throws InventoryException when the exemplar itself is invalid
   * @throws IllegalStateException when the exemplar leaves a key unread
   */
  public com.fasterxml.jackson.databind.node.ObjectNode schema(String exemplarYaml, String fileName, Path baseDir,
      String title, String description) {
    io.haprovision.inventory.schema.SchemaRecorder recorder = new io.haprovision.inventory.schema.SchemaRecorder();
    YamlDocument exemplar = YamlParser.parse(exemplarYaml, fileName);
    bind(exemplar, baseDir, null, recorder);
    return io.haprovision.inventory.schema.JsonSchemaWriter.write(recorder, (mapPath, key) -> {
      try {
        bind(exemplar.without(io.haprovision.yaml.YamlPath.child(mapPath, key)), baseDir, null, null);
        return false;
      } catch (InventoryException e) {
        return true;
      }
    }, title, description);
  }

  private Inventory load(String yaml, String fileName, Path baseDir, Path source,
      io.haprovision.inventory.schema.SchemaRecorder schema) {
    return bind(YamlParser.parse(yaml, fileName), baseDir, source, schema);
  }

  private Inventory bind(YamlDocument document, Path baseDir, Path source,
      io.haprovision.inventory.schema.SchemaRecorder schema) {
    Problems problems = new Problems(document);
    LoadContext context = new LoadContext(environment, baseDir, homeDir, schema);
    List<InventoryBinder.BoundPair> bound = new InventoryBinder(problems, context, targets).bind(document);

    List<PairSpec> checkable = new ArrayList<>();
    for (InventoryBinder.BoundPair b : bound) {
      if (b.spec() != null) {
        VrrpRules.checkPair(b.spec(), problems);
        checkable.add(b.spec());
      }
    }
    VrrpRules.checkVridReuse(checkable, problems);
    for (InventoryBinder.BoundPair b : bound) {
      // The platform sees only pairs that bound without structural problems.
      if (b.whole()) {
        b.target().validatePair(b.spec(), problems);
      }
    }
    problems.throwIfAny();
    List<PairSpec> pairs = new ArrayList<>();
    for (InventoryBinder.BoundPair b : bound) {
      if (b.spec() == null) {
        throw new io.haprovision.error.InternalException("a pair did not bind, yet no problem was recorded");
      }
      pairs.add(b.spec());
    }
    return new Inventory(source, pairs, problems.warnings());
  }
}
