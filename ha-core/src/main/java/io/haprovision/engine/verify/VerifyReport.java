package io.haprovision.engine.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haprovision.engine.Json;
import io.haprovision.secret.Redactor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What verify found, pair by pair, with the measured figures (failover seconds, ping round
 * trips...), rendered as text, JSON or JUnit XML (one test suite per pair, one test case per
 * check, figures as test case properties).
 *
 * @param pairs one entry per pair, in inventory order
 * @param execsPerNode commands run on each node ({@code pair/node}) in this session so far
 * @param handshakes SSH handshakes of this session so far
 * @param millis how long verify took
 */
public record VerifyReport(List<PairVerification> pairs, Map<String, Long> execsPerNode, long handshakes, long millis) {
  /** Copies the collections. */
  public VerifyReport {
    pairs = List.copyOf(pairs);
    execsPerNode = Map.copyOf(execsPerNode);
  }

  /**
   * The checks of one pair.
   *
   * @param pair the pair's name
   * @param checks its checks and drills, in the order they ran
   */
  public record PairVerification(String pair, List<CheckResult> checks) {
    /** Copies the list; rejects null. */
    public PairVerification {
      Objects.requireNonNull(pair, "pair");
      checks = List.copyOf(checks);
    }

    /** True when no check failed. */
    public boolean ok() {
      return checks.stream().noneMatch(c -> c.status() == CheckResult.Status.FAILED);
    }

    /** The check named {@code name}, if it ran. */
    public java.util.Optional<CheckResult> check(String name) {
      return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }
  }

  /** True when no check of any pair failed. */
  public boolean ok() {
    return pairs.stream().allMatch(PairVerification::ok);
  }

  /** Plain text for humans, secrets masked. */
  public String toText(Redactor redactor) {
    StringBuilder s = new StringBuilder();
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    for (PairVerification p : pairs) {
      s.append("Pair ").append(p.pair()).append(": ").append(p.ok() ? "ok" : "FAILED").append('\n');
      for (CheckResult c : p.checks()) {
        switch (c.status()) {
          case PASSED:
            passed++;
            s.append("  pass ");
            break;
          case FAILED:
            failed++;
            s.append("  FAIL ");
            break;
          default:
            skipped++;
            s.append("  skip ");
        }
        s.append(c.name()).append(": ").append(c.message().replace("\n", "\n       ")).append('\n');
        if (!c.figures().isEmpty()) {
          StringBuilder f = new StringBuilder();
          c.figures().forEach((k, v) -> f.append(f.length() == 0 ? "" : ", ").append(k).append('=').append(number(v)));
          s.append("       measured: ").append(f).append('\n');
        }
      }
    }
    s.append(passed).append(" passed, ").append(failed).append(" failed, ").append(skipped).append(" skipped in ")
        .append(millis).append(" ms\n");
    return redactor.redact(s.toString());
  }

  /** JSON for machines, secrets masked. */
  public String toJson(Redactor redactor) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", "ha-provision-verify-report");
    root.put("version", 1);
    root.put("ok", ok());
    root.put("millis", millis);
    root.put("handshakes", handshakes);
    ObjectNode execs = root.putObject("execs_per_node");
    new TreeMap<>(execsPerNode).forEach(execs::put);
    ArrayNode arr = root.putArray("pairs");
    for (PairVerification p : pairs) {
      ObjectNode po = arr.addObject();
      po.put("pair", p.pair());
      po.put("ok", p.ok());
      ArrayNode checks = po.putArray("checks");
      for (CheckResult c : p.checks()) {
        ObjectNode co = checks.addObject();
        co.put("name", c.name());
        co.put("status", c.status().name().toLowerCase(Locale.ROOT));
        co.put("message", c.message());
        ObjectNode figures = co.putObject("figures");
        c.figures().forEach(figures::put);
        co.put("millis", c.millis());
      }
    }
    return redactor.redact(Json.write(root));
  }

  /** JUnit XML (the format CI servers read), secrets masked. */
  public String toJUnitXml(Redactor redactor) {
    StringBuilder x = new StringBuilder();
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    long total = pairs.stream().mapToLong(p -> p.checks().size()).sum();
    x.append("<testsuites name=\"ha-provision verify\" tests=\"").append(total)
        .append("\" failures=\"").append(count(null, CheckResult.Status.FAILED))
        .append("\" skipped=\"").append(count(null, CheckResult.Status.SKIPPED))
        .append("\" time=\"").append(seconds(millis)).append("\">\n");
    for (PairVerification p : pairs) {
      long time = p.checks().stream().mapToLong(CheckResult::millis).sum();
      x.append("  <testsuite name=\"").append(attr(redactor, p.pair())).append("\" tests=\"").append(p.checks().size())
          .append("\" failures=\"").append(count(p, CheckResult.Status.FAILED))
          .append("\" errors=\"0\" skipped=\"").append(count(p, CheckResult.Status.SKIPPED))
          .append("\" time=\"").append(seconds(time)).append("\">\n");
      for (CheckResult c : p.checks()) {
        x.append("    <testcase classname=\"").append(attr(redactor, "verify." + p.pair())).append("\" name=\"")
            .append(attr(redactor, c.name())).append("\" time=\"").append(seconds(c.millis())).append("\">\n");
        if (!c.figures().isEmpty()) {
          x.append("      <properties>\n");
          c.figures().forEach((k, v) -> x.append("        <property name=\"").append(attr(redactor, k))
              .append("\" value=\"").append(number(v)).append("\"/>\n"));
          x.append("      </properties>\n");
        }
        String firstLine = c.message().split("\n", 2)[0];
        if (c.status() == CheckResult.Status.FAILED) {
          x.append("      <failure message=\"").append(attr(redactor, firstLine)).append("\">")
              .append(text(redactor, c.message())).append("</failure>\n");
        } else if (c.status() == CheckResult.Status.SKIPPED) {
          x.append("      <skipped message=\"").append(attr(redactor, firstLine)).append("\"/>\n");
        }
        x.append("      <system-out>").append(text(redactor, c.message())).append("</system-out>\n");
        x.append("    </testcase>\n");
      }
      x.append("  </testsuite>\n");
    }
    x.append("</testsuites>\n");
    return x.toString();
  }

  private long count(PairVerification only, CheckResult.Status status) {
    return pairs.stream().filter(p -> only == null || p == only).flatMap(p -> p.checks().stream())
        .filter(c -> c.status() == status).count();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** Figures print without a trailing {@code .0} when whole, and at most three decimals otherwise. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String attr(Redactor redactor, String s) {
    return escape(redactor.redact(s)).replace("\"", "&quot;").replace("\n", "&#10;");
  }

  private static String text(Redactor redactor, String s) {
    return escape(redactor.redact(s));
  }

  /** XML 1.0 escapes; characters XML cannot carry at all become {@code ?}. */
  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        default:
          out.append(ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' ? '?' : ch);
      }
    }
    return out.toString();
  }
}
