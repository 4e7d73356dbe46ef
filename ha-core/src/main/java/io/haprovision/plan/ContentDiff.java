package io.haprovision.plan;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.haprovision.resource.AttributeChange;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.ContentChange;
import io.haprovision.resource.ContentChange.Absent;
import io.haprovision.resource.ContentChange.Known;
import io.haprovision.resource.ContentChange.Side;
import io.haprovision.resource.ContentChange.Unknown;
import io.haprovision.resource.Resource;
import io.haprovision.resource.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a resource's {@link Comparison} into the diff text of a change: git-style
 * {@code old mode}/{@code new mode} lines for attributes, then a unified diff with
 * {@code --- a/PATH} and {@code +++ b/PATH} headers ({@code /dev/null} for a side that does
 * not exist). Sensitive content is never diffed.
 */
final class ContentDiff {
  /** What a sensitive resource's diff says instead of its content. */
  static final String SENSITIVE = "content changed (sensitive, not shown)";

  private static final int CONTEXT_LINES = 3;
  private static final String NO_NEWLINE = "\\ No newline at end of file";

  private ContentDiff() {}

  /** The diff text of {@code comparison}, lines joined by {@code \n}; empty when there is nothing to show. */
  static String render(Resource resource, Comparison comparison) {
    List<String> lines = new ArrayList<>();
    for (AttributeChange a : comparison.attributes()) {
      lines.add("old " + a.name() + " " + a.before());
      lines.add("new " + a.name() + " " + a.after());
    }
    comparison.content().ifPresent(content -> {
      if (resource.sensitive()) {
        // Never even look at the sides: a sensitive resource's text stays out of the plan.
        if (comparison.action() != Comparison.Action.DELETE) {
          lines.add(SENSITIVE);
        }
      } else {
        lines.addAll(contentLines(comparison.action(), content));
      }
    });
    return String.join("\n", lines);
  }

  private static List<String> contentLines(Comparison.Action action, ContentChange content) {
    Side before = content.before();
    Side after = content.after();
    if (before instanceof Unknown || after instanceof Unknown) {
      if (action == Comparison.Action.DELETE) {
        return List.of(); // the summary says it all; there is nothing to compare with
      }
      return List.of("content differs (current sha256 " + hashOf(before) + ", desired sha256 " + hashOf(after)
          + "); the current content was not fetched, so no diff");
    }
    List<String> original = lines(before);
    List<String> revised = lines(after);
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
        before instanceof Absent ? "/dev/null" : "a/" + relative(content.path()),
        after instanceof Absent ? "/dev/null" : "b/" + relative(content.path()),
        original, DiffUtils.diff(original, revised), CONTEXT_LINES);
    if (unified.isEmpty()) {
      // No line differs: an empty file created or deleted, or bytes a line diff cannot show.
      return original.isEmpty() && revised.isEmpty()
          ? List.of("empty file")
          : List.of("content differs in bytes a text diff cannot show (line endings or encoding)");
    }
    List<String> out = new ArrayList<>(unified.size());
    for (String line : unified) {
      out.add(line.startsWith("@@") ? gnuHunkHeader(line, original.isEmpty(), revised.isEmpty()) : line);
    }
    return out;
  }

  /** GNU diff writes an empty side's range as {@code 0,0}; the library writes {@code 1,0}. */
  private static String gnuHunkHeader(String header, boolean originalEmpty, boolean revisedEmpty) {
    String fixed = header;
    if (originalEmpty) {
      fixed = fixed.replaceFirst("^@@ -1,0 ", "@@ -0,0 ");
    }
    if (revisedEmpty) {
      fixed = fixed.replaceFirst(" \\+1,0 @@", " +0,0 @@");
    }
    return fixed;
  }

  /**
   * The lines of a side. A last line without a newline carries the GNU marker on a line of
   * its own, so "no newline at the end" shows as a change and prints as GNU diff prints it.
   */
  private static List<String> lines(Side side) {
    if (!(side instanceof Known known) || known.text().isEmpty()) {
      return List.of();
    }
    String text = known.text();
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (text.endsWith("\n")) {
      lines.remove(lines.size() - 1);
    } else {
      int last = lines.size() - 1;
      lines.set(last, lines.get(last) + "\n" + NO_NEWLINE);
    }
    return lines;
  }

  private static String relative(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static String hashOf(Side side) {
    if (side instanceof Unknown unknown) {
      return abbreviate(unknown.sha256());
    }
    if (side instanceof Known known) {
      return abbreviate(Sha256.of(known.text()));
    }
    return "(none)";
  }

  private static String abbreviate(String sha256) {
    return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
  }
}
