package io.haprovision.mikrotik.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The corpus files: their provenance line and their text as RouterOS printed it. */
public final class Corpus {
  /** Where the files are. */
  public static final Path DIR = Path.of("src", "test", "resources", "io", "haprovision", "mikrotik", "corpus");
  private static final Pattern VERSION = Pattern.compile("; RouterOS ([0-9]+\\.[0-9]+(?:\\.[0-9]+|(?:beta|rc)[0-9]+)?)[;, ]");

  /**
   * One file.
   *
   * @param name the file name
   * @param source the provenance line
   * @param text what RouterOS printed (the provenance line removed)
   */
  public record File(String name, String source, String text) {
    /** The exact RouterOS version the provenance line names, if it names one. */
    public Optional<String> version() {
      Matcher m = VERSION.matcher(source);
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
  }

  private Corpus() {}

  /** Every corpus file, by name. */
  public static List<File> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.sorted().map(Corpus::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files whose names start with {@code prefix}. */
  public static List<File> named(String prefix) {
    return all().stream().filter(f -> f.name().startsWith(prefix)).toList();
  }

  /** The file called {@code name}. */
  public static File file(String name) {
    return read(DIR.resolve(name));
  }

  private static File read(Path p) {
    try {
      String all = Files.readString(p, StandardCharsets.UTF_8);
      int nl = all.indexOf('\n');
      return new File(p.getFileName().toString(), all.substring(0, nl), all.substring(nl + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
