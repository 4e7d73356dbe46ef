package io.haprovision;

import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Resource;
import io.haprovision.secret.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every node of the inventory should have, computed without contacting anything.
 * {@link #writeTo(Path)} lays it out for review as {@code DIR/PAIR/NODE/<absolute path>}
 * plus {@code DIR/PAIR/NODE/RESOURCES.txt} listing every resource in apply order, and
 * the platform's review documents (a RouterOS script, say) under {@code DIR/PAIR/NODE/review/}.
 *
 * @param nodes one entry per node, pairs in inventory order, primary first
 * @param reviews per node ({@link #key}), review document name to text; never installed
 * @param redactor masks the inventory's secrets in everything written
 */
public record Rendering(List<DesiredNode> nodes, Map<String, Map<String, String>> reviews, Redactor redactor) {

  /** Copies the collections. */
  public Rendering {
    nodes = List.copyOf(nodes);
    reviews = Map.copyOf(reviews);
  }

  /** The key of a node in {@link #reviews()}: {@code PAIR/NODE}. */
  public static String key(String pair, String node) {
    return pair + "/" + node;
  }

  /** Every file that would be installed, over all nodes. */
  public List<FileResource> files() {
    List<FileResource> files = new ArrayList<>();
    for (DesiredNode node : nodes) {
      for (Resource r : node.resources()) {
        if (r instanceof FileResource f && f.ensure() == Ensure.PRESENT) {
          files.add(f);
        }
      }
    }
    return files;
  }

  /**
   * Writes every node's files below {@code dir} and returns the paths written. Secrets
   * are masked ({@code ******}) in what is written, so the tree is safe to share for
   * review; files that hold a secret on the router are written 0600 here too.
   */
  public List<Path> writeTo(Path dir) {
    List<Path> written = new ArrayList<>();
    try {
      for (DesiredNode node : nodes) {
        Path nodeDir = dir.resolve(node.pair()).resolve(node.node());
        Files.createDirectories(nodeDir);
        StringBuilder index = new StringBuilder();
        index.append("# Resources of ").append(node.pair()).append('/').append(node.node())
            .append(", in apply order (written by `provision render`)\n");
        for (Resource r : node.resources()) {
          index.append(redactor.redact(r.describe())).append('\n');
          if (r instanceof FileResource f && f.ensure() == Ensure.PRESENT) {
            Path out = nodeDir.resolve(f.path().substring(1));
            Files.createDirectories(out.getParent());
            Files.writeString(out, redactor.redact(f.content()), StandardCharsets.UTF_8);
            if (f.sensitive()) {
              Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
            }
            written.add(out);
          }
        }
        if (!node.handlers().isEmpty()) {
          index.append("# Handlers (run once after changes that name them)\n");
          node.handlers().forEach(h -> index.append("handler ").append(h.name()).append(" (")
              .append(h.kind().name().toLowerCase(java.util.Locale.ROOT)).append("): ")
              .append(redactor.redact(h.command())).append('\n'));
        }
        for (Map.Entry<String, String> review
            : reviews.getOrDefault(key(node.pair(), node.node()), Map.of()).entrySet()) {
          Path out = nodeDir.resolve("review").resolve(review.getKey());
          Files.createDirectories(out.getParent());
          Files.writeString(out, redactor.redact(review.getValue()), StandardCharsets.UTF_8);
          written.add(out);
        }
        Path indexFile = nodeDir.resolve("RESOURCES.txt");
        Files.writeString(indexFile, index.toString(), StandardCharsets.UTF_8);
        written.add(indexFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rendered files below " + dir + ": " + e.getMessage(), e);
    }
    return written;
  }
}
