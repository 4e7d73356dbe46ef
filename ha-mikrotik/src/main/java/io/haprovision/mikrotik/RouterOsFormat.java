package io.haprovision.mikrotik;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The version table: per RouterOS version range, the property names and value formats
 * ha-provision writes and reads where releases differ. Desired state is written once, in the
 * 7.0-7.9 vocabulary ({@code group-master}); a row renames what it reads from a router into
 * that vocabulary ({@link #toDesired}) and what it writes back into the router's own
 * ({@link #toRouter}). Every row is checked against a corpus file of its range in the tests.
 *
 * @param range the versions the row covers
 * @param vrrpGroup the VRRP property that ties an interface to its group's leader, as the export
 *     prints it: none on 6; {@code group-master} on 7.0-7.9; {@code group-authority} from 7.10,
 *     where {@code group-master} is only a write alias, so comparing against it never settles
 * @param monthNameDates dates print as {@code aug/09/2020} (6 and 7.0-7.9) rather than
 *     {@code 2020-08-09} (from 7.10): the clock, scheduler start dates, export headers
 * @param exportHidesSecrets {@code /export} leaves secrets out unless {@code show-sensitive} (7);
 *     6 prints them unless {@code hide-sensitive}
 * @param onFail VRRP runs {@code on-fail} when a member of the group loses its link (7, where
 *     groups exist); 6 has no groups and no such hook
 * @param bgpMenu where BGP sessions live
 */
public record RouterOsFormat(VersionRange range, String vrrpGroup, boolean monthNameDates, boolean exportHidesSecrets,
    boolean onFail, String bgpMenu) {

  /** The VRRP grouping property in desired state. */
  public static final String DESIRED_VRRP_GROUP = "group-master";

  /** The rows, oldest first; together they cover every 6.x and 7.x release. */
  public static final List<RouterOsFormat> TABLE = List.of(
      new RouterOsFormat(VersionRange.parse("6.0..6").orElseThrow(), "", true, false, false, "/routing bgp peer"),
      new RouterOsFormat(VersionRange.parse("7.0..7.9").orElseThrow(), "group-master", true, true, true,
          "/routing bgp connection"),
      new RouterOsFormat(VersionRange.parse("7.10..7").orElseThrow(), "group-authority", false, true, true,
          "/routing bgp connection"));

  private static final DateTimeFormatter MONTH_NAME = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("MMM/dd/yyyy").toFormatter(Locale.ROOT);

  /** The row of the router that printed {@code version} ({@code 7.12.1 (stable)}); the dialect's newest row when unreadable. */
  public static RouterOsFormat of(String version, int dialect) {
    return RouterOsVersion.parse(version).map(RouterOsFormat::of).orElse(newest(dialect));
  }

  /** The row covering {@code version}; a version past the table takes its major's newest row. */
  public static RouterOsFormat of(RouterOsVersion version) {
    for (RouterOsFormat row : TABLE) {
      if (row.range.contains(version)) {
        return row;
      }
    }
    return newest(version.major());
  }

  /** The newest row of a major version (6 or 7). */
  public static RouterOsFormat newest(int major) {
    RouterOsFormat last = TABLE.get(0);
    for (RouterOsFormat row : TABLE) {
      if (row.range.lowest().major() == major) {
        last = row;
      }
    }
    return last;
  }

  /**
   * A date as any release prints it, {@code nov/22/2026} or {@code 2026-11-22}.
   *
   * @throws java.time.format.DateTimeParseException when it is neither
   */
  public static LocalDate parseDate(String text) {
    return text.contains("/") ? LocalDate.parse(text, MONTH_NAME) : LocalDate.parse(text);
  }

  /** A date as this release prints it. */
  public String date(LocalDate date) {
    return monthNameDates ? MONTH_NAME.format(date).toLowerCase(Locale.ROOT) : date.toString();
  }

  /**
   * {@code props} of a {@code menu} entry as read from the router, renamed into desired state's
   * vocabulary. Either name is read on every 7.x row: the rename happened during the 7.10 betas
   * (7.10beta5 still prints {@code group-master}, 7.10beta8 {@code group-authority}), so a
   * pre-release of a row's first version may print the older name.
   */
  public Map<String, String> toDesired(String menu, Map<String, String> props) {
    return vrrpGroup.isEmpty() ? props : rename(menu, props, "group-authority", DESIRED_VRRP_GROUP);
  }

  /** {@code props} of a {@code menu} entry in desired state's vocabulary, renamed as this release writes them. */
  public Map<String, String> toRouter(String menu, Map<String, String> props) {
    return rename(menu, props, DESIRED_VRRP_GROUP, vrrpGroup);
  }

  private static Map<String, String> rename(String menu, Map<String, String> props, String from, String to) {
    if (!menu.equals("/interface vrrp") || from.isEmpty() || to.isEmpty() || from.equals(to)
        || !props.containsKey(from)) {
      return props;
    }
    Map<String, String> out = new LinkedHashMap<>();
    props.forEach((k, v) -> out.put(k.equals(from) ? to : k, v));
    return out;
  }

  /** One line for the docs and the closing note. */
  @Override
  public String toString() {
    return range + ": VRRP grouping " + (vrrpGroup.isEmpty() ? "none" : vrrpGroup) + ", dates "
        + (monthNameDates ? "aug/09/2020" : "2020-08-09") + ", export " + (exportHidesSecrets
        ? "hides secrets unless show-sensitive" : "shows secrets unless hide-sensitive") + ", on-fail "
        + (onFail ? "yes" : "no") + ", BGP in " + bgpMenu;
  }
}
