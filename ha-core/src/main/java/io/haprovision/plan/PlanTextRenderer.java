package io.haprovision.plan;

import io.haprovision.secret.Redactor;
import java.util.Objects;

/**
 * Renders a {@link Plan} for people, in the manner of {@code terraform plan}: per pair the
 * rollout order and why, per node its changes marked {@code +} create, {@code ~} update,
 * {@code -} delete with their diffs, the handlers to run, and a closing summary line
 * ({@code Plan: 3 to create, 1 to update, 0 to delete} or {@code No changes.}).
 *
 * <p>Plain text, or with ANSI colors for a terminal. Every line passes through the
 * {@link Redactor}, so a known secret never reaches the output even if a platform put it in
 * a summary.
 */
public final class PlanTextRenderer {
  private static final String RESET = "\u001B[0m";
  private static final String BOLD = "\u001B[1m";
  private static final String RED = "\u001B[31m";
  private static final String GREEN = "\u001B[32m";
  private static final String YELLOW = "\u001B[33m";
  private static final String CYAN = "\u001B[36m";
  private static final String DIM = "\u001B[2m";

  private final Redactor redactor;
  private final boolean color;

  /**
   * A renderer.
   *
   * @param redactor masks known secrets in every line
   * @param color true for ANSI colors (a terminal), false for plain text
   */
  public PlanTextRenderer(Redactor redactor, boolean color) {
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.color = color;
  }

  /** Plain text, masking {@code redactor}'s secrets. */
  public static PlanTextRenderer plain(Redactor redactor) {
    return new PlanTextRenderer(redactor, false);
  }

  /** ANSI-colored text, masking {@code redactor}'s secrets. */
  public static PlanTextRenderer colored(Redactor redactor) {
    return new PlanTextRenderer(redactor, true);
  }

  /** The whole plan as text, ending with a newline. */
  public String render(Plan plan) {
    Out out = new Out();
    for (PairPlan pair : plan.pairs()) {
      renderPair(out, pair);
      out.blank();
    }
    out.line(BOLD, plan.counts().summaryLine());
    long owed = plan.pairs().stream().flatMap(p -> p.nodes().stream()).flatMap(n -> n.handlers().stream())
        .filter(h -> h.triggeredBy().isEmpty()).count();
    if (owed > 0) {
      out.line(BOLD, owed + " handler(s) owed by an earlier apply that did not get to run them (they run on apply).");
    }
    // A second pass over the whole text: cheap, and catches what a line-wise pass could split.
    return redactor.redact(out.text());
  }

  private void renderPair(Out out, PairPlan pair) {
    out.line(BOLD, "Pair " + pair.pair() + ": " + pair.counts().tally());
    out.line("", "  Rollout: " + String.join(", then ", pair.rolloutOrder()));
    out.line(DIM, "    " + pair.rolloutReason());
    for (String warning : pair.warnings()) {
      out.line(YELLOW, "  Warning: " + warning);
    }
    for (NodePlan node : pair.nodes()) {
      out.blank();
      renderNode(out, node);
    }
  }

  private void renderNode(Out out, NodePlan node) {
    PlanCounts counts = node.counts();
    String role = node.role().name().toLowerCase(java.util.Locale.ROOT);
    String vrrp = switch (node.vrrpRole()) {
      case UNKNOWN -> "role unknown";
      default -> node.vrrpRole() + " now";
    };
    out.line(BOLD, "  # " + node.node() + " (" + role + ", " + vrrp + ")");
    if (!node.hasChanges()) {
      out.line("", "    No changes." + unchanged(counts));
    }
    for (Change change : node.changes()) {
      if (!change.changes()) {
        continue;
      }
      String marker = marker(change);
      out.line(markerColor(change), "  " + marker + " " + change.summary());
      if (!change.diff().isEmpty()) {
        for (String line : change.diff().split("\n", -1)) {
          out.line(diffColor(line), "      " + line);
        }
      }
    }
    if (node.hasChanges() && counts.unchanged() > 0) {
      out.line(DIM, "    " + counts.unchanged() + " unchanged");
    }
    if (!node.handlers().isEmpty()) {
      out.line("", "    Handlers (each runs once, after the changes above):");
      for (PlannedHandler h : node.handlers()) {
        out.line(CYAN, "      " + h.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + h.name() + ": "
            + h.command());
        out.line(DIM, h.triggeredBy().isEmpty() ? "        owed: no change now triggers it"
            : "        triggered by " + String.join(", ", h.triggeredBy().stream().map(Object::toString).toList()));
        if (!h.note().isEmpty()) {
          out.line(YELLOW, "        note: " + h.note());
        }
      }
    }
    for (String note : node.notes()) {
      out.line(DIM, "    Note: " + note);
    }
  }

  private static String unchanged(PlanCounts counts) {
    return counts.unchanged() > 0 ? " (" + counts.unchanged() + " unchanged)" : "";
  }

  private static String marker(Change change) {
    if (change instanceof Change.Create) {
      return "+";
    }
    return change instanceof Change.Delete ? "-" : "~";
  }

  private static String markerColor(Change change) {
    if (change instanceof Change.Create) {
      return GREEN;
    }
    return change instanceof Change.Delete ? RED : YELLOW;
  }

  private static String diffColor(String line) {
    if (line.startsWith("+++") || line.startsWith("---")) {
      return BOLD;
    }
    if (line.startsWith("@@")) {
      return CYAN;
    }
    if (line.startsWith("+")) {
      return GREEN;
    }
    if (line.startsWith("-")) {
      return RED;
    }
    if (line.startsWith("old ") || line.startsWith("new ")) {
      return YELLOW;
    }
    return "";
  }

  /** Collects lines, redacting each before it is colored so a code never splits a secret. */
  private final class Out {
    private final StringBuilder text = new StringBuilder();

    void line(String style, String content) {
      String safe = redactor.redact(content);
      if (color && !style.isEmpty() && !safe.isBlank()) {
        text.append(style).append(safe).append(RESET);
      } else {
        text.append(safe);
      }
      text.append('\n');
    }

    void blank() {
      text.append('\n');
    }

    String text() {
      return text.toString();
    }
  }
}
