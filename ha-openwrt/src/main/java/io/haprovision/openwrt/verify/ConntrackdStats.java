package io.haprovision.openwrt.verify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code conntrackd -s} prints, parsed: the internal and external caches, the sync
 * link's UDP counters and the message tracking counters. The format is the one the real
 * conntrackd prints (a sample captured from it is among the tests):
 *
 * <pre>
 * cache external:
 * current active connections:            0
 * connections created:                   0    failed:            0
 * ...
 * UDP traffic (active device=sync):
 *                    8 Bytes sent                    0 Bytes recv
 *                    1 Pckts sent                    0 Pckts recv
 *                    0 Error send                    0 Error recv
 *
 * message tracking:
 *                    0 Malformed msgs                    0 Lost msgs
 * </pre>
 *
 * @param internal the internal cache (what this node tracks), when printed
 * @param external the external cache (what the peer synced here), when printed (absent with
 *     {@code DisableExternalCache on})
 * @param udp counters of the sync link by name ({@code pckts_sent}, {@code error_recv}...)
 * @param malformedMessages sync messages that did not parse
 * @param lostMessages sync messages lost (sequence gaps)
 */
public record ConntrackdStats(Optional<Cache> internal, Optional<Cache> external, Map<String, Long> udp,
    long malformedMessages, long lostMessages) {

  /**
   * One cache's counters.
   *
   * @param active current active connections
   * @param created connections created
   * @param createFailed creations failed
   * @param updated connections updated
   * @param updateFailed updates failed
   * @param destroyed connections destroyed
   * @param destroyFailed destructions failed
   */
  public record Cache(long active, long created, long createFailed, long updated, long updateFailed,
      long destroyed, long destroyFailed) {}

  private static final Pattern SECTION = Pattern.compile("^(cache internal|cache external|UDP traffic.*|"
      + "message tracking|traffic processed|TCP traffic.*|multicast traffic.*):\\s*$");
  private static final Pattern ACTIVE = Pattern.compile("^current active connections:\\s+(\\d+)\\s*$");
  private static final Pattern COUNTER =
      Pattern.compile("^connections (created|updated|destroyed):\\s+(\\d+)\\s+failed:\\s+(\\d+)\\s*$");
  private static final Pattern FIGURE = Pattern.compile("(\\d+) ([A-Za-z]+(?: [A-Za-z]+)?)");

  /** Copies the map; rejects nulls. */
  public ConntrackdStats {
    java.util.Objects.requireNonNull(internal, "internal");
    java.util.Objects.requireNonNull(external, "external");
    udp = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(udp));
  }

  /**
   * Parses {@code conntrackd -s}'s standard output.
   *
   * @throws IllegalArgumentException naming what is missing or unreadable, when the text is
   *     not conntrackd's statistics (no cache and no message tracking section)
   */
  public static ConntrackdStats parse(String text) {
    String section = "";
    Map<String, long[]> caches = new LinkedHashMap<>();
    Map<String, Long> udp = new LinkedHashMap<>();
    Long malformed = null;
    Long lost = null;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher s = SECTION.matcher(line);
      if (s.matches()) {
        section = s.group(1);
        continue;
      }
      if (section.startsWith("cache ")) {
        long[] c = caches.computeIfAbsent(section, k -> new long[] {-1, -1, -1, -1, -1, -1, -1});
        Matcher a = ACTIVE.matcher(line);
        Matcher m = COUNTER.matcher(line);
        if (a.matches()) {
          c[0] = Long.parseLong(a.group(1));
        } else if (m.matches()) {
          int at = switch (m.group(1)) {
            case "created" -> 1;
            case "updated" -> 3;
            default -> 5;
          };
          c[at] = Long.parseLong(m.group(2));
          c[at + 1] = Long.parseLong(m.group(3));
        }
      } else if (section.startsWith("UDP traffic")) {
        Matcher f = FIGURE.matcher(line);
        while (f.find()) {
          udp.put(f.group(2).toLowerCase(Locale.ROOT).replace(' ', '_'), Long.parseLong(f.group(1)));
        }
      } else if (section.equals("message tracking")) {
        Matcher f = FIGURE.matcher(line);
        while (f.find()) {
          if (f.group(2).equals("Malformed msgs")) {
            malformed = Long.parseLong(f.group(1));
          } else if (f.group(2).equals("Lost msgs")) {
            lost = Long.parseLong(f.group(1));
          }
        }
      }
    }
    if (caches.isEmpty()) {
      throw new IllegalArgumentException("no \"cache internal:\" or \"cache external:\" section");
    }
    if (malformed == null || lost == null) {
      throw new IllegalArgumentException("no \"message tracking:\" section with Malformed and Lost msgs");
    }
    return new ConntrackdStats(cache(caches, "cache internal"), cache(caches, "cache external"), udp, malformed,
        lost);
  }

  private static Optional<Cache> cache(Map<String, long[]> caches, String name) {
    long[] c = caches.get(name);
    if (c == null) {
      return Optional.empty();
    }
    for (long v : c) {
      if (v < 0) {
        throw new IllegalArgumentException("\"" + name + ":\" lacks a counter (active, created, updated or destroyed)");
      }
    }
    return Optional.of(new Cache(c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
  }

  /**
   * The counters verify reports, each name prefixed with {@code prefix}: the external cache's
   * ({@code external_active}, {@code external_created}, {@code external_created_failed}...),
   * the sync link's packet counters and the message tracking counters.
   */
  public Map<String, Double> figures(String prefix) {
    Map<String, Double> out = new LinkedHashMap<>();
    external.ifPresent(c -> {
      out.put(prefix + "external_active", (double) c.active());
      out.put(prefix + "external_created", (double) c.created());
      out.put(prefix + "external_created_failed", (double) c.createFailed());
      out.put(prefix + "external_updated", (double) c.updated());
      out.put(prefix + "external_updated_failed", (double) c.updateFailed());
      out.put(prefix + "external_destroyed", (double) c.destroyed());
      out.put(prefix + "external_destroyed_failed", (double) c.destroyFailed());
    });
    for (String k : new String[] {"pckts_sent", "pckts_recv", "error_send", "error_recv"}) {
      if (udp.containsKey(k)) {
        out.put(prefix + "sync_" + k, (double) udp.get(k));
      }
    }
    out.put(prefix + "msgs_malformed", (double) malformedMessages);
    out.put(prefix + "msgs_lost", (double) lostMessages);
    return out;
  }

  /** One line for humans: the external cache and the message counters. */
  public String summary() {
    String ext = external.map(c -> c.active() + " synced connections in the external cache")
        .orElse("no external cache");
    return ext + ", " + udp.getOrDefault("pckts_recv", 0L) + " sync packets received, " + malformedMessages
        + " malformed and " + lostMessages + " lost messages";
  }
}
