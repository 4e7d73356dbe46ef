package io.haprovision.inventory;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What reading an inventory needs from outside the file: the environment for
 * {@code ${env:NAME}} secrets, the inventory's folder (for {@code ${file:PATH}} and
 * relative paths) and the home folder {@code ~} stands for. Injectable so tests need
 * not touch the real environment. {@code schema} is null except when the inventory
 * schema is being recorded.
 */
public record LoadContext(Function<String, String> environment, Path baseDir, Path homeDir,
    io.haprovision.inventory.schema.SchemaRecorder schema) {

  /** A context that records nothing for the schema. */
  public LoadContext(Function<String, String> environment, Path baseDir, Path homeDir) {
    this(environment, baseDir, homeDir, null);
  }

  /**
   * Requires the environment; {@code baseDir} and {@code homeDir} are made absolute;
   * {@code schema}, when not null, records what the binder reads (see
   * {@link io.haprovision.inventory.schema}).
   */
  public LoadContext {
    java.util.Objects.requireNonNull(environment, "environment");
    baseDir = baseDir == null ? Path.of("").toAbsolutePath() : baseDir.toAbsolutePath();
    homeDir = homeDir == null ? Path.of(System.getProperty("user.home")) : homeDir.toAbsolutePath();
  }

  /** The real environment, the current folder and the user's home. */
  public static LoadContext system() {
    return new LoadContext(System::getenv, null, null);
  }

  /** A fixed environment (for tests), the given folder and the user's home. */
  public static LoadContext of(Map<String, String> environment, Path baseDir) {
    Map<String, String> env = Map.copyOf(environment);
    return new LoadContext(env::get, baseDir, null);
  }

  /** The same context with another inventory folder. */
  public LoadContext withBaseDir(Path dir) {
    return new LoadContext(environment, dir, homeDir, schema);
  }

  /**
   * {@code text} as a path: a leading {@code ~} is the home folder, a relative path is
   * relative to the inventory's folder.
   */
  public Path resolvePath(String text) {
    if (text.equals("~")) {
      return homeDir;
    }
    if (text.startsWith("~/")) {
      return homeDir.resolve(text.substring(2)).normalize();
    }
    return baseDir.resolve(text).normalize();
  }
}
