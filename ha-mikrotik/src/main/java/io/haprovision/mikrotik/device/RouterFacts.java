package io.haprovision.mikrotik.device;

import io.haprovision.error.TargetException;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one read of a router found, typed: {@code /system resource}, identity, clock, the VRRP
 * interfaces and ethernet ports as {@code print terse} shows them, and the whole configuration
 * as {@code /export terse} (with secrets where the dialect and the user's policy allow).
 *
 * @param resource the {@code key: value} lines of {@code /system resource print}
 * @param identity {@code /system identity}'s name
 * @param clock the router's clock
 * @param vrrp the VRRP interfaces
 * @param ethernet the ethernet ports
 * @param export the configuration
 */
public record RouterFacts(Map<String, String> resource, String identity, Optional<LocalDateTime> clock,
    List<PrintedEntry> vrrp, List<PrintedEntry> ethernet, RouterOsExport export) {
  /** Copies the collections. */
  public RouterFacts {
    resource = Map.copyOf(resource);
    vrrp = List.copyOf(vrrp);
    ethernet = List.copyOf(ethernet);
  }

  /**
   * Parses the sections of one read ({@link RouterScripts#read}).
   *
   * @param target the router, for messages
   * @throws TargetException when a section is missing or {@code /system resource} shows no version
   */
  public static RouterFacts parse(Map<String, String> sections, String target) {
    for (String s : List.of(RouterScripts.RESOURCE, RouterScripts.IDENTITY, RouterScripts.CLOCK, RouterScripts.VRRP,
        RouterScripts.ETHERNET, RouterScripts.EXPORT)) {
      if (!sections.containsKey(s)) {
        throw new TargetException(TargetException.Kind.FAILED, target, "the router's answer to ha-provision's read"
            + " lacks its " + s + " part; got: " + RouterScripts.clip(String.join("\n", sections.values())));
      }
    }
    Map<String, String> resource = keyValues(sections.get(RouterScripts.RESOURCE));
    if (!resource.containsKey("version")) {
      throw new TargetException(TargetException.Kind.FAILED, target, "/system resource print shows no version: "
          + RouterScripts.clip(sections.get(RouterScripts.RESOURCE)));
    }
    String identity = keyValues(sections.get(RouterScripts.IDENTITY)).getOrDefault("name", "");
    return new RouterFacts(resource, identity, clock(keyValues(sections.get(RouterScripts.CLOCK))),
        PrintedEntry.parseAll(sections.get(RouterScripts.VRRP)), PrintedEntry.parseAll(sections.get(RouterScripts.ETHERNET)),
        RouterOsExport.parse(sections.get(RouterScripts.EXPORT)));
  }

  /** The {@code key: value} lines of a RouterOS {@code print} (keys right-aligned with blanks). */
  public static Map<String, String> keyValues(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.replace("\r", "").split("\n")) {
      int colon = raw.indexOf(": ");
      if (colon <= 0) {
        if (raw.strip().endsWith(":")) {
          out.put(raw.strip().substring(0, raw.strip().length() - 1), "");
        }
        continue;
      }
      out.put(raw.substring(0, colon).strip(), raw.substring(colon + 2).strip());
    }
    return out;
  }

  /** The clock from {@code time: HH:MM:SS} and {@code date: nov/22/2026} or {@code date: 2026-11-22}. */
  public static Optional<LocalDateTime> clock(Map<String, String> kv) {
    try {
      LocalTime time = LocalTime.parse(kv.getOrDefault("time", ""));
      LocalDate date = io.haprovision.mikrotik.RouterOsFormat.parseDate(kv.getOrDefault("date", ""));
      return Optional.of(LocalDateTime.of(date, time));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The version table's row for this router; {@code dialect} (6 or 7) when the version cannot be read. */
  public io.haprovision.mikrotik.RouterOsFormat format(int dialect) {
    return io.haprovision.mikrotik.RouterOsFormat.of(version(), dialect);
  }

  /** The version as printed ({@code 7.12.1 (stable)}). */
  public String version() {
    return resource.getOrDefault("version", "");
  }

  /** The VRRP interface named {@code name}. */
  public Optional<PrintedEntry> vrrp(String name) {
    return vrrp.stream().filter(v -> v.get("name").equals(name)).findFirst();
  }

  /** The ethernet port named {@code name}. */
  public Optional<PrintedEntry> ethernet(String name) {
    return ethernet.stream().filter(v -> v.get("name").equals(name)).findFirst();
  }
}
